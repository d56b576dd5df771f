import { badInput, conflict, defineCommand, WRITERS, type CommandContext, recordForWrite } from '@gg/shared';
import { In, IsNull, type EntityManager } from 'typeorm';
import { gridForWrite } from '../grid/grid.commands';
import { GridStaff } from './grid-staff.entity';
import { appointGridStaffInput } from './grid-staff.inputs';
import { endProblem } from './grid-staff.rules';

/** A staff member named by a write: NOT_FOUND naming the field when they do not exist or are outside the caller's scope. */
export function staffForWrite(context: Pick<CommandContext, 'manager' | 'caller'>, id: string, field: string): Promise<GridStaff> {
  return recordForWrite(context.manager, GridStaff, id, { identity: context.caller, field, label: 'Grid staff' });
}

/** Appoints a person to a role in an active grid of the caller's scope (administrators). */
export const appointGridStaff = defineCommand({
  name: 'appointGridStaff',
  input: appointGridStaffInput,
  roles: WRITERS,
  run: async (input, context) => {
    const grid = await gridForWrite(context, input.gridId, 'input.gridId');
    if (grid.status !== 'ACTIVE')
      throw conflict(`Grid ${grid.code} was retired; appoint staff to the grid that replaced it`, 'input.gridId');
    return context.manager.save(context.manager.create(GridStaff, { ...input, regionCode: grid.regionCode, gridId: grid.id }));
  },
});

// ─── Use cases other aggregates call in their own transaction ─────────────────

/**
 * Ends a serving appointment at `endedAt` (not before it began, not in the future). Of two
 * concurrent ends, the second finds it ended: a CONFLICT.
 */
export async function endAppointment(context: CommandContext, staff: GridStaff, endedAt: Date): Promise<GridStaff> {
  const problem = endProblem(staff.appointedAt, endedAt, context.now);
  if (problem) throw badInput('input.endedAt', `input.endedAt: ${problem}`);
  const ended = await context.manager.update(GridStaff, { id: staff.id, endedAt: IsNull() }, { endedAt });
  if (ended.affected !== 1) throw conflict('This appointment has already ended', 'input.staffId');
  return Object.assign(staff, { endedAt });
}

/** Staff of retired grids go to the grid that carries on. */
export async function moveStaffOfGrids(manager: EntityManager, from: readonly string[], to: string): Promise<void> {
  if (from.length) await manager.update(GridStaff, { gridId: In([...from]) }, { gridId: to });
}
