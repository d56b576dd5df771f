import {
  badInput,
  conflict,
  countyOf,
  defineCommand,
  GridCreated,
  GridRetired,
  isUniqueViolation,
  requireReference,
  requireWritableRegion,
  WRITERS,
  type CommandContext,
  recordForWrite,
  recordsForWrite,
} from '@gg/shared';
import { In, type EntityManager } from 'typeorm';
import { requirePlacement } from './grid-levels';
import { GridLineage } from './grid-lineage.entity';
import { Grid } from './grid.entity';
import { createGridInput } from './grid.inputs';
import { parentProblem, type GridChange, type GridLevel } from './grid.rules';

/** A grid named by a write (NOT_FOUND naming the field when it does not exist or is outside the caller's scope). */
export function gridForWrite(context: Pick<CommandContext, 'manager' | 'caller'>, id: string, field: string): Promise<Grid> {
  return recordForWrite(context.manager, Grid, id, { identity: context.caller, field, label: 'Grid' });
}

/** Several grids named by a list field, each in the caller's scope. */
export function gridsForWrite(context: Pick<CommandContext, 'manager' | 'caller'>, ids: readonly string[], field: string): Promise<Grid[]> {
  return recordsForWrite(context.manager, Grid, ids, { identity: context.caller, field, label: 'Grid' });
}

/** The region of a grid: a community the caller may write in and that the organisation subgraph has announced. */
export async function requireGridRegion(context: CommandContext, regionCode: string, field: string, action: string): Promise<void> {
  requireWritableRegion(context.caller, regionCode, action, field);
  await requireReference(context.manager, 'REGION', regionCode, { field });
}

export type GridFields = Pick<
  Grid,
  'regionCode' | 'code' | 'name' | 'kind' | 'dedicatedType' | 'households' | 'serviceRadiusMinutes' | 'level' | 'parentId'
>;

/**
 * Opens an active grid (a new one, a merge's successor or a split's part) and announces it with
 * `GridCreated`. A code already used in the county is a CONFLICT on `codeField` (the whole write
 * rolls back): the unique index decides, not a prior read, so two concurrent creates cannot both pass.
 */
export async function openGrid(context: CommandContext, fields: GridFields, codeField: string): Promise<Grid> {
  const countyCode = countyOf(fields.regionCode)!;
  let grid: Grid;
  try {
    grid = await context.manager.save(context.manager.create(Grid, { ...fields, countyCode, status: 'ACTIVE', retiredAt: null }));
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`County ${countyCode} already has a grid with code ${fields.code}`, codeField);
    throw error;
  }
  context.publish(GridCreated, { id: grid.id, regionCode: grid.regionCode }, { type: 'Grid', id: grid.id });
  return grid;
}

/**
 * Retires active grids by a merge or a split and announces it with `GridRetired` (with the grids
 * that carry on). A grid retired meanwhile by someone else makes the whole change a CONFLICT.
 */
export async function retireGrids(
  context: CommandContext,
  grids: readonly Grid[],
  change: GridChange,
  successors: readonly Grid[],
  reason: string,
): Promise<void> {
  const ids = grids.map((g) => g.id);
  const status = change === 'MERGE' ? 'MERGED' : 'SPLIT';
  const result = await context.manager
    .createQueryBuilder()
    .update(Grid)
    .set({ status, retiredAt: context.now })
    .where('id IN (:...ids) AND status = :active', { ids, active: 'ACTIVE' })
    .execute();
  if (result.affected !== ids.length) throw conflict('A grid was merged or split by someone else meanwhile', 'input');
  await context.manager.insert(
    GridLineage,
    grids.flatMap((g) =>
      successors.map((s) => ({
        regionCode: g.regionCode,
        predecessorId: g.id,
        successorId: s.id,
        change,
        reason,
        changedBy: context.caller.subject,
        changedAt: context.now,
      })),
    ),
  );
  for (const grid of grids) {
    context.publish(
      GridRetired,
      { id: grid.id, regionCode: grid.regionCode, successorIds: successors.map((s) => s.id) },
      { type: 'Grid', id: grid.id },
    );
  }
}

/** Child grids of retired grids go under the grid that carries on. */
export async function moveChildGrids(manager: EntityManager, from: readonly string[], to: string): Promise<void> {
  if (from.length) await manager.update(Grid, { parentId: In([...from]) }, { parentId: to });
}

/**
 * The level and parent of a new grid: level 1 at the top, one below its parent otherwise (or the level
 * given), at a region its county's grid levels allow for that level.
 */
async function placeOf(
  context: CommandContext,
  input: { regionCode: string; level?: number | null; parentId?: string | null },
): Promise<{ level: GridLevel; parentId: string | null }> {
  const parent = input.parentId ? await gridForWrite(context, input.parentId, 'input.parentId') : null;
  const level = (input.level ?? (parent ? parent.level + 1 : 1)) as GridLevel;
  // A level the county does not draw is the level's fault when given, else the parent's (nothing below it).
  const fields = { level: input.level ? 'input.level' : 'input.parentId', region: 'input.regionCode' };
  await requirePlacement(context.manager, level, input.regionCode, fields);
  if (!parent) return { level, parentId: null };
  const problem = parentProblem({ level, regionCode: input.regionCode }, parent);
  if (problem) throw badInput('input.parentId', `input.parentId: ${problem}`);
  return { level, parentId: parent.id };
}

/** Creates a grid in a street or community of the caller's scope (as its county's grid levels allow), under a unified code still free in its county. */
export const createGrid = defineCommand({
  name: 'createGrid',
  input: createGridInput,
  roles: WRITERS,
  run: async (input, context) => {
    await requireGridRegion(context, input.regionCode, 'input.regionCode', 'create a grid');
    const place = await placeOf(context, input);
    return openGrid(
      context,
      {
        regionCode: input.regionCode,
        code: input.code,
        name: input.name,
        kind: input.kind,
        dedicatedType: input.dedicatedType ?? null,
        households: input.households ?? null,
        serviceRadiusMinutes: input.serviceRadiusMinutes ?? null,
        ...place,
      },
      'input.code',
    );
  },
});
