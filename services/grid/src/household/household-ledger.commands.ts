import { badInput, conflict, defineCommand, HouseholdMoved, STAFF, type CommandContext, recordForWrite } from '@gg/shared';
import { gridForWrite } from '../grid/grid.commands';
import { HouseholdLedgerChange, type LedgerAction } from './household-ledger-change.entity';
import {
  recordMemberDepartureInput,
  updateHouseholdInput,
  updateHouseholdMemberInput,
  type MoveHouseholdInput,
} from './household-ledger.inputs';
import { HouseholdMember } from './household-member.entity';
import { Household } from './household.entity';
import { requireOwnGrid } from './household.commands';
import { PERSONAL_FIELDS } from './household.rules';

/** A household of a write, locked for the change, in one of the caller's own grids for a gridworker. */
async function householdToChange(context: CommandContext, id: string, field: string): Promise<Household> {
  const household = await recordForWrite(context.manager, Household, id, {
    identity: context.caller,
    field,
    label: 'Household',
    lock: true,
  });
  requireOwnGrid(context, await gridForWrite(context, household.gridId, field), 'keeps the ledger');
  return household;
}

/** A member of a write, locked for the change, under the same rule as their household. */
async function memberToChange(context: CommandContext, id: string): Promise<HouseholdMember> {
  const member = await recordForWrite(context.manager, HouseholdMember, id, {
    identity: context.caller,
    field: 'input.memberId',
    label: 'Member',
    lock: true,
  });
  requireOwnGrid(context, await gridForWrite(context, member.gridId, 'input.memberId'), 'keeps the ledger');
  return member;
}

/**
 * Appends a change to the ledger's history (who, when, which fields; never the values). A change of a
 * personal field is marked `personal`: this history is the audit of personal-data writes, as the
 * audit log is of reads.
 */
async function recordChange(
  context: CommandContext,
  household: Pick<Household, 'id' | 'gridId' | 'regionCode'>,
  change: { action: LedgerAction; fields: string[]; memberId?: string; note?: string | null },
): Promise<void> {
  await context.manager.insert(HouseholdLedgerChange, {
    householdId: household.id,
    memberId: change.memberId ?? null,
    regionCode: household.regionCode,
    gridId: household.gridId,
    action: change.action,
    fields: change.fields,
    personal: change.fields.some((f) => (PERSONAL_FIELDS as readonly string[]).includes(f)),
    note: change.note ?? null,
    changedBy: context.caller.subject,
    changedByName: context.caller.name.slice(0, 100),
    operationName: context.operationName ?? null,
    changedAt: context.now,
  });
}

/** The fields of `changes` whose values differ from `current` (omitted fields are not changes). */
function changedFields<T extends object>(current: T, changes: Partial<T>): Array<keyof T & string> {
  return (Object.keys(changes) as Array<keyof T & string>).filter(
    (key) => changes[key] !== undefined && JSON.stringify(changes[key]) !== JSON.stringify(current[key]),
  );
}

/** Keeps a household current (维护台账): its address and its special groups (重点人群), recorded in its history. */
export const updateHousehold = defineCommand({
  name: 'updateHousehold',
  input: updateHouseholdInput,
  roles: STAFF,
  run: async ({ householdId, address, specialGroups }, context) => {
    const household = await householdToChange(context, householdId, 'input.householdId');
    const changes: Partial<Household> = { address: address ?? undefined, specialGroups: specialGroups ?? undefined };
    const fields = changedFields(household, changes);
    if (fields.length === 0) return household;
    const changed = Object.fromEntries(fields.map((f) => [f, changes[f]]));
    await context.manager.update(Household, { id: household.id }, changed);
    await recordChange(context, household, { action: 'HOUSEHOLD_UPDATED', fields });
    return { ...household, ...changed };
  },
});

/** Keeps a member current: name, phone (null clears it) and employment (null clears it), recorded in the history. */
export const updateHouseholdMember = defineCommand({
  name: 'updateHouseholdMember',
  input: updateHouseholdMemberInput,
  roles: STAFF,
  run: async ({ memberId, name, phone, employment }, context) => {
    const member = await memberToChange(context, memberId);
    // A name is never cleared; a phone or an employment may be (null), or kept (omitted).
    const changes: Partial<HouseholdMember> = { name: name ?? undefined, phone, employment };
    const fields = changedFields(member, changes);
    if (fields.length === 0) return member;
    const changed = Object.fromEntries(fields.map((f) => [f, changes[f]]));
    await context.manager.update(HouseholdMember, { id: member.id }, changed);
    await recordChange(
      context,
      { id: member.householdId, gridId: member.gridId, regionCode: member.regionCode },
      {
        action: 'MEMBER_UPDATED',
        fields,
        memberId: member.id,
      },
    );
    return { ...member, ...changed };
  },
});

/**
 * Records that a member moved out (迁出) or died (死亡) on a day. The member stays on the ledger with
 * the day (their history and cases keep pointing at them); recording again corrects the status or day.
 */
export const recordMemberDeparture = defineCommand({
  name: 'recordMemberDeparture',
  input: recordMemberDepartureInput,
  roles: STAFF,
  run: async ({ memberId, status, on, note }, context) => {
    const member = await memberToChange(context, memberId);
    await context.manager.update(HouseholdMember, { id: member.id }, { status, leftOn: on });
    await recordChange(
      context,
      { id: member.householdId, gridId: member.gridId, regionCode: member.regionCode },
      {
        action: 'MEMBER_LEFT',
        fields: ['status', 'leftOn'],
        memberId: member.id,
        note,
      },
    );
    return { ...member, status, leftOn: on };
  },
});

/**
 * Moves a household to another active grid's ledger (it moved house, or the grid map was drawn wrong)
 * and announces it with `HouseholdMoved`. Its members follow by foreign key; it leaves its ten-household
 * unit (units belong to a grid: the `moveHousehold` command may put it straight into one of the new
 * grid's). A gridworker moves households between their own grids only. In the caller's transaction.
 */
export async function moveHouseholdToGrid(
  context: CommandContext,
  { householdId, gridId, reason }: Pick<MoveHouseholdInput, 'householdId' | 'gridId' | 'reason'>,
): Promise<Household> {
  const household = await householdToChange(context, householdId, 'input.householdId');
  const grid = await gridForWrite(context, gridId, 'input.gridId');
  if (grid.id === household.gridId) throw badInput('input.gridId', 'input.gridId: the household is already in this grid');
  if (grid.status !== 'ACTIVE') throw conflict(`Grid ${grid.code} was retired`, 'input.gridId');
  requireOwnGrid(context, grid, 'moves households');
  const moved = { gridId: grid.id, regionCode: grid.regionCode, unitId: null };
  await context.manager.update(Household, { id: household.id }, moved);
  await recordChange(context, { ...household, ...moved }, { action: 'HOUSEHOLD_MOVED', fields: ['grid', 'unit'], note: reason });
  context.publish(
    HouseholdMoved,
    { id: household.id, regionCode: grid.regionCode, gridId: grid.id },
    { type: 'Household', id: household.id },
  );
  return { ...household, ...moved };
}
