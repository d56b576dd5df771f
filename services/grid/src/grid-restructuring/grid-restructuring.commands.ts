import { badInput, conflict, coversRegion, defineCommand, notFound, WRITERS, type CommandContext } from '@gg/shared';
import { moveOpenCasesOfGrids } from '../case/case.commands';
import { clearLeader, moveUnitsOfGrids } from '../ten-household-unit/ten-household-unit.commands';
import { endAppointment, moveStaffOfGrids, staffForWrite } from '../grid-staff/grid-staff.commands';
import { endGridStaffAppointmentInput } from '../grid-staff/grid-staff.inputs';
import { gridForWrite, gridsForWrite, moveChildGrids, openGrid, retireGrids } from '../grid/grid.commands';
import type { Grid } from '../grid/grid.entity';
import { mergeProblem } from '../grid/grid.rules';
import { householdGrids, moveHouseholds, moveHouseholdsOfGrids } from '../household/household.commands';
import { mergeGridsInput, splitGridInput } from './grid-restructuring.inputs';

/**
 * Moves what hangs off retired grids to the grid that carries on, each through its own aggregate's
 * use case in this transaction: households (with their members), units, staff, child grids, and
 * open cases (so its gridworkers go on working them; cases already handled keep their grid).
 */
async function carryOn(context: CommandContext, from: readonly string[], to: string): Promise<void> {
  await moveHouseholdsOfGrids(context, from, to);
  await moveUnitsOfGrids(context.manager, from, to);
  await moveStaffOfGrids(context.manager, from, to);
  await moveChildGrids(context.manager, from, to);
  await moveOpenCasesOfGrids(context.manager, from, to);
}

/** What a successor or a part takes over from the grids it replaces. */
const inherited = (g: Grid) => ({
  regionCode: g.regionCode,
  kind: g.kind,
  dedicatedType: g.dedicatedType,
  serviceRadiusMinutes: g.serviceRadiusMinutes,
  level: g.level,
  parentId: g.parentId,
});

/**
 * Merges grids of one community and level into a new grid (网格合并). The merged grids are retired,
 * not deleted (status MERGED, with lineage links to the new one); their households, units, staff,
 * child grids and open cases move to it. Handled cases keep the grid they were handled in.
 */
export const mergeGrids = defineCommand({
  name: 'mergeGrids',
  input: mergeGridsInput,
  roles: WRITERS,
  run: async (input, context) => {
    const grids = await gridsForWrite(context, input.gridIds, 'input.gridIds');
    const problem = mergeProblem(grids);
    if (problem) throw conflict(problem, 'input.gridIds');
    const first = grids[0]!;
    const total = grids.every((g) => g.households !== null) ? grids.reduce((sum, g) => sum + g.households!, 0) : null;
    const merged = await openGrid(context, { ...inherited(first), code: input.code, name: input.name, households: total }, 'input.code');
    await retireGrids(context, grids, 'MERGE', [merged], input.reason);
    await carryOn(context, input.gridIds, merged.id);
    return merged;
  },
});

/**
 * Splits a grid into new grids of the same community, kind, level and parent (网格拆分). The split
 * grid is retired (status SPLIT, with lineage links to each part). Each part takes the households
 * listed for it; households not listed, units, staff and child grids go to the first part.
 */
export const splitGrid = defineCommand({
  name: 'splitGrid',
  input: splitGridInput,
  roles: WRITERS,
  run: async (input, context) => {
    const grid = await gridForWrite(context, input.gridId, 'input.gridId');
    if (grid.status !== 'ACTIVE') throw conflict(`Grid ${grid.code} was already retired`, 'input.gridId');
    // Each household listed is one of the split grid's; the first that is not is named by its own field:
    // BAD_USER_INPUT when it is another grid's (in the caller's scope), NOT_FOUND when unknown or out of scope.
    const whereabouts = await householdGrids(
      context.manager,
      input.parts.flatMap((p) => p.householdIds),
    );
    input.parts.forEach((part, p) =>
      part.householdIds.forEach((id, i) => {
        const field = `input.parts.${p}.householdIds.${i}`;
        const found = whereabouts.get(id);
        if (!found || !coversRegion(context.caller, found.regionCode)) throw notFound(`Household ${id}`, field);
        if (found.gridId !== grid.id) throw badInput(field, `${field}: household ${id} is not in grid ${grid.code}, the grid being split`);
      }),
    );
    const parts: Grid[] = [];
    for (const part of input.parts) {
      parts.push(
        await openGrid(
          context,
          { ...inherited(grid), code: part.code, name: part.name, households: part.households ?? null },
          'input.parts',
        ),
      );
    }
    await retireGrids(context, [grid], 'SPLIT', parts, input.reason);
    for (const [i, part] of input.parts.entries())
      await moveHouseholds(context, part.householdIds, grid.id, parts[i]!.id, `input.parts.${i}.householdIds`);
    await carryOn(context, [grid.id], parts[0]!.id);
    return parts;
  },
});

/**
 * Ends a staff appointment when the person leaves the post. The row stays (history, cases assigned
 * to them); a unit they led has no leader until a new one is named.
 */
export const endGridStaffAppointment = defineCommand({
  name: 'endGridStaffAppointment',
  input: endGridStaffAppointmentInput,
  roles: WRITERS,
  run: async (input, context) => {
    const staff = await staffForWrite(context, input.staffId, 'input.staffId');
    const ended = await endAppointment(context, staff, input.endedAt ?? context.now);
    await clearLeader(context.manager, staff.id);
    return ended;
  },
});
