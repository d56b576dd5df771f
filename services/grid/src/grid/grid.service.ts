import {
  ADMIN_ROLES,
  badInput,
  conflict,
  coversRegion,
  forbidden,
  groupByKey,
  notFound,
  isUniqueViolation,
  loaderOf,
  requireRegionInScope,
  requireRole,
  scopedQuery,
  type Identity,
  type SubgraphContext,
  loadScopedById,
  isUuid,
} from '@gg/shared';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { GridCase } from '../case/case.entity';
import { OPEN_STATUSES } from '../case/case.rules';
import { GridStaff } from '../grid-staff/grid-staff.entity';
import { Household } from '../household/household.entity';
import { TenHouseholdUnit } from '../ten-household-unit/ten-household-unit.entity';
import { GridLineage } from './grid-lineage.entity';
import { Grid } from './grid.entity';
import {
  countyCodeOf,
  mergeProblem,
  parentProblem,
  type CreateGridInput,
  type GridLevel,
  type MergeGridsInput,
  type SplitGridInput,
} from './grid.rules';

/** Grids by id for one request, scoped, one statement per batch (also serves `_entities`). */
export function loadGrid(context: SubgraphContext, id: string): Promise<Grid | null> {
  return loadScopedById(context, Grid, id);
}

/** Lists grids in the caller's scope under a region code prefix, ordered by grid code. */
export function listGrids(dataSource: DataSource, identity: Identity, regionCode: string, first: number): Promise<Grid[]> {
  if (!/^\d{2,12}$/.test(regionCode)) throw badInput('regionCode', 'a region code is 2–12 digits');
  return scopedQuery(dataSource, Grid, 'g', identity)
    .andWhere('g.region_code LIKE :prefix', { prefix: `${regionCode}%` })
    .orderBy('g.code')
    .addOrderBy('g.id')
    .take(first)
    .getMany();
}

/** Creates a grid in a community of the caller's scope, under a unified code still free in its county. */
export async function createGrid(dataSource: DataSource, identity: Identity, input: CreateGridInput): Promise<Grid> {
  requireRole(identity, ADMIN_ROLES, 'create grids');
  requireRegionInScope(identity, input.regionCode, 'create a grid');
  const countyCode = countyCodeOf(input.regionCode);
  let level = (input.level ?? 1) as GridLevel;
  if (input.parentId) {
    const parent = await dataSource.getRepository(Grid).findOneBy({ id: input.parentId });
    if (!parent || !coversRegion(identity, parent.regionCode)) throw notFound(`Grid ${input.parentId}`, 'input.parentId');
    level = (input.level ?? Math.min(parent.level + 1, 4)) as GridLevel;
    const problem = parentProblem({ level, regionCode: input.regionCode }, parent);
    if (problem) throw badInput('input.parentId', `input.parentId: ${problem}`);
  }
  try {
    return await dataSource.transaction((manager) =>
      manager.save(
        manager.create(Grid, {
          regionCode: input.regionCode,
          countyCode,
          code: input.code,
          name: input.name,
          kind: input.kind,
          dedicatedType: input.dedicatedType ?? null,
          households: input.households ?? null,
          serviceRadiusMinutes: input.serviceRadiusMinutes ?? null,
          level,
          parentId: input.parentId ?? null,
          status: 'ACTIVE',
          retiredAt: null,
        }),
      ),
    );
  } catch (error) {
    // The unique index decides, not a prior read: two concurrent creates cannot both pass it.
    if (isUniqueViolation(error)) throw conflict(`County ${countyCode} already has a grid with code ${input.code}`, 'input.code');
    throw error;
  }
}

/** Active and retired child grids of a batch of grids, in one statement, by code. */
export function loadChildren(context: SubgraphContext, gridId: string): Promise<Grid[]> {
  return loaderOf<string, Grid[]>(context, 'grid-children', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await scopedQuery(context.dataSource, Grid, 'g', context.identity)
          .andWhere('g.parent_id IN (:...ids)', { ids: valid })
          .orderBy('g.code')
          .getMany()
      : [];
    return groupByKey(ids, rows, (g) => g.parentId!);
  }).load(gridId);
}

/** The merges and splits a batch of grids took part in (as predecessor or successor), oldest first, in one statement. */
export function loadLineage(context: SubgraphContext, gridId: string): Promise<GridLineage[]> {
  return loaderOf<string, GridLineage[]>(context, 'grid-lineage', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await scopedQuery(context.dataSource, GridLineage, 'l', context.identity)
          .andWhere('(l.predecessor_id IN (:...ids) OR l.successor_id IN (:...ids))', { ids: valid })
          .orderBy('l.changed_at')
          .addOrderBy('l.id')
          .getMany()
      : [];
    return ids.map((id) => rows.filter((l) => l.predecessorId === id || l.successorId === id));
  }).load(gridId);
}

/** Grids for a write, all of them in the caller's scope (NOT_FOUND for a missing one, FORBIDDEN outside). */
async function gridsForWrite(dataSource: DataSource, identity: Identity, ids: string[], field: string): Promise<Grid[]> {
  const found = await dataSource.getRepository(Grid).findBy({ id: In(ids) });
  const byId = new Map(found.map((g) => [g.id, g]));
  return ids.map((id, i) => {
    const grid = byId.get(id);
    if (!grid) throw notFound(`Grid ${id}`, ids.length > 1 ? `${field}.${i}` : field);
    if (!coversRegion(identity, grid.regionCode)) throw forbidden(`Grid ${id} is outside your scope`);
    return grid;
  });
}

/** Moves what hangs off retired grids (households with their members, units, staff, child grids) to a successor. */
async function moveToSuccessor(manager: EntityManager, from: string[], to: string): Promise<void> {
  if (from.length === 0) return;
  await manager.update(Household, { gridId: In(from) }, { gridId: to });
  await manager.update(TenHouseholdUnit, { gridId: In(from) }, { gridId: to });
  await manager.update(GridStaff, { gridId: In(from) }, { gridId: to });
  await manager.update(Grid, { parentId: In(from) }, { parentId: to });
  // Open cases follow the grid's people, so its gridworkers can go on working them; cases already
  // resolved, closed or rejected keep the grid they were handled in (their history).
  await manager.update(GridCase, { gridId: In(from), status: In([...OPEN_STATUSES]) }, { gridId: to });
}

/**
 * Merges grids of one community and level into a new grid (网格合并). The merged grids are retired,
 * not deleted (status MERGED, with lineage links to the new one); their households, units, staff,
 * child grids and open cases move to it. Handled cases keep the grid they were handled in.
 */
export async function mergeGrids(dataSource: DataSource, identity: Identity, input: MergeGridsInput, now: Date): Promise<Grid> {
  requireRole(identity, ADMIN_ROLES, 'merge grids');
  const grids = await gridsForWrite(dataSource, identity, input.gridIds, 'input.gridIds');
  const problem = mergeProblem(grids);
  if (problem) throw conflict(problem, 'input.gridIds');
  const first = grids[0]!;
  const total = grids.every((g) => g.households !== null) ? grids.reduce((sum, g) => sum + g.households!, 0) : null;
  try {
    return await dataSource.transaction(async (manager) => {
      const merged = await manager.save(
        manager.create(Grid, {
          regionCode: first.regionCode,
          countyCode: first.countyCode,
          code: input.code,
          name: input.name,
          kind: first.kind,
          dedicatedType: first.dedicatedType,
          households: total,
          serviceRadiusMinutes: first.serviceRadiusMinutes,
          level: first.level,
          parentId: first.parentId,
          status: 'ACTIVE',
          retiredAt: null,
        }),
      );
      await retire(manager, input.gridIds, 'MERGED', now);
      await moveToSuccessor(manager, input.gridIds, merged.id);
      await manager.insert(
        GridLineage,
        grids.map((g) => ({
          regionCode: g.regionCode,
          predecessorId: g.id,
          successorId: merged.id,
          change: 'MERGE' as const,
          reason: input.reason,
          changedBy: identity.subject,
          changedAt: now,
        })),
      );
      return merged;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`County ${first.countyCode} already has a grid with code ${input.code}`, 'input.code');
    throw error;
  }
}

/** Retires active grids; a grid retired meanwhile by someone else makes the whole change a CONFLICT. */
async function retire(manager: EntityManager, ids: string[], status: 'MERGED' | 'SPLIT', now: Date): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(Grid)
    .set({ status, retiredAt: now })
    .where('id IN (:...ids) AND status = :active', { ids, active: 'ACTIVE' })
    .execute();
  if (result.affected !== ids.length) throw conflict('A grid was merged or split by someone else meanwhile', 'input');
}

/**
 * Splits a grid into new grids of the same community, kind, level and parent (网格拆分). The split
 * grid is retired (status SPLIT, with lineage links to each part). Each part takes the households
 * listed for it; households not listed, units, staff and child grids go to the first part.
 */
export async function splitGrid(dataSource: DataSource, identity: Identity, input: SplitGridInput, now: Date): Promise<Grid[]> {
  requireRole(identity, ADMIN_ROLES, 'split grids');
  const [grid] = await gridsForWrite(dataSource, identity, [input.gridId], 'input.gridId');
  if (grid!.status !== 'ACTIVE') throw conflict(`Grid ${grid!.code} was already retired`, 'input.gridId');
  const listed = input.parts.flatMap((p) => p.householdIds);
  if (listed.length) {
    const inGrid = await dataSource.getRepository(Household).countBy({ id: In(listed), gridId: grid!.id });
    if (inGrid !== listed.length) throw badInput('input.parts', 'input.parts: every household listed must be in the grid being split');
  }
  try {
    return await dataSource.transaction(async (manager) => {
      await retire(manager, [grid!.id], 'SPLIT', now);
      const parts: Grid[] = [];
      for (const part of input.parts) {
        parts.push(
          await manager.save(
            manager.create(Grid, {
              regionCode: grid!.regionCode,
              countyCode: grid!.countyCode,
              code: part.code,
              name: part.name,
              kind: grid!.kind,
              dedicatedType: grid!.dedicatedType,
              households: part.households ?? null,
              serviceRadiusMinutes: grid!.serviceRadiusMinutes,
              level: grid!.level,
              parentId: grid!.parentId,
              status: 'ACTIVE',
              retiredAt: null,
            }),
          ),
        );
      }
      for (const [i, part] of input.parts.entries()) {
        if (part.householdIds.length) await manager.update(Household, { id: In(part.householdIds) }, { gridId: parts[i]!.id });
      }
      await moveToSuccessor(manager, [grid!.id], parts[0]!.id);
      await manager.insert(
        GridLineage,
        parts.map((p) => ({
          regionCode: grid!.regionCode,
          predecessorId: grid!.id,
          successorId: p.id,
          change: 'SPLIT' as const,
          reason: input.reason,
          changedBy: identity.subject,
          changedAt: now,
        })),
      );
      return parts;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`County ${grid!.countyCode} already has a grid with one of these codes`, 'input.parts');
    throw error;
  }
}
