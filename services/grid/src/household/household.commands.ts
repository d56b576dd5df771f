import {
  conflict,
  defineCommand,
  forbidden,
  HouseholdMoved,
  HouseholdRegistered,
  isUniqueViolation,
  protectResidentId,
  STAFF,
  type CommandContext,
  recordForWrite,
  recordsForWrite,
} from '@gg/shared';
import { In, IsNull, type EntityManager } from 'typeorm';
import { gridForWrite } from '../grid/grid.commands';
import { HouseholdMember } from './household-member.entity';
import { Household } from './household.entity';
import { registerHouseholdInput } from './household.inputs';
import { householdVisibility } from './household.rules';

/** A household named by a write: NOT_FOUND naming the field when it does not exist or is outside the caller's scope. */
export function householdForWrite(context: Pick<CommandContext, 'manager' | 'caller'>, id: string, field: string): Promise<Household> {
  return recordForWrite(context.manager, Household, id, { identity: context.caller, field, label: 'Household' });
}

/** Households named by a list field, each in the caller's scope (NOT_FOUND naming its index otherwise). */
export function householdsForWrite(
  context: Pick<CommandContext, 'manager' | 'caller'>,
  ids: readonly string[],
  field: string,
): Promise<Household[]> {
  return recordsForWrite(context.manager, Household, ids, { identity: context.caller, field, label: 'Household' });
}

/** A gridworker keeps the ledger of their own grids only (FORBIDDEN otherwise); other staff their whole scope. */
export function requireOwnGrid(context: Pick<CommandContext, 'caller'>, grid: { id: string; code: string }, action: string): void {
  const visibility = householdVisibility(context.caller);
  if (visibility.kind === 'grids' && !visibility.gridIds.includes(grid.id))
    throw forbidden(`A gridworker ${action} only in their own grids; grid ${grid.code} is not one of yours`);
}

/**
 * Registers a household and its members in the ledger of a grid (建立台账) and announces it with
 * `HouseholdRegistered`. A grid that does not exist or is outside the caller's scope is NOT_FOUND;
 * a gridworker registers only in their own grids (FORBIDDEN otherwise). One person is in one
 * household: a resident ID number already in the ledger is a CONFLICT, decided by the unique index,
 * and nothing is written.
 */
export const registerHousehold = defineCommand({
  name: 'registerHousehold',
  input: registerHouseholdInput,
  roles: STAFF,
  run: async (input, context) => {
    const grid = await gridForWrite(context, input.gridId, 'input.gridId');
    requireOwnGrid(context, grid, 'registers households');
    const protectedIds = input.members.map((m) => protectResidentId(m.residentId));
    let household: Household;
    try {
      // A savepoint: a taken resident ID leaves the transaction usable to find which member it was.
      household = await context.manager.transaction(async (manager) => {
        const created = await manager.save(
          manager.create(Household, {
            regionCode: grid.regionCode,
            gridId: grid.id,
            address: input.address,
            specialGroups: input.specialGroups,
            lastVisitedAt: null,
            unitId: null,
          }),
        );
        await manager.insert(
          HouseholdMember,
          input.members.map((member, i) => ({
            householdId: created.id,
            regionCode: created.regionCode,
            gridId: created.gridId,
            name: member.name,
            phone: member.phone,
            residentIdCipher: protectedIds[i]!.cipher,
            residentIdHash: protectedIds[i]!.hash,
            relation: member.relation,
            employment: member.employment ?? null,
          })),
        );
        return created;
      });
    } catch (error) {
      if (!isUniqueViolation(error) || (error as { constraint?: string }).constraint !== 'household_member_resident_id_hash_key')
        throw error;
      // The message names the member by position only: the number must not travel back in an error.
      const index = await registeredIndex(
        context.manager,
        protectedIds.map((p) => p.hash),
      );
      throw conflict(
        `members.${index} is already registered in a household; one person is in one household`,
        `input.members.${index}.residentId`,
      );
    }
    context.publish(
      HouseholdRegistered,
      { id: household.id, regionCode: household.regionCode, gridId: household.gridId },
      { type: 'Household', id: household.id },
    );
    return household;
  },
});

/** Which of the hashes is already in the ledger (the first, in input order). */
async function registeredIndex(manager: EntityManager, hashes: string[]): Promise<number> {
  const taken = await manager
    .getRepository(HouseholdMember)
    .createQueryBuilder('m')
    .select('m.resident_id_hash', 'hash')
    .where('m.resident_id_hash IN (:...hashes)', { hashes })
    .getRawMany<{ hash: string }>();
  const found = new Set(taken.map((t) => t.hash));
  return Math.max(
    0,
    hashes.findIndex((h) => found.has(h)),
  );
}

// ─── Use cases other aggregates call in their own transaction ─────────────────

/** Announces households that moved to another grid (members follow their household by foreign key). */
function announceMoves(context: CommandContext, moved: Array<{ id: string; region_code: string }>, gridId: string): void {
  for (const h of moved) context.publish(HouseholdMoved, { id: h.id, regionCode: h.region_code, gridId }, { type: 'Household', id: h.id });
}

/** Moves every household of retired grids to the grid that carries on (a merge, a split's first part). */
export async function moveHouseholdsOfGrids(context: CommandContext, from: readonly string[], to: string): Promise<void> {
  if (from.length === 0) return;
  const result = await context.manager
    .createQueryBuilder()
    .update(Household)
    .set({ gridId: to })
    .where('grid_id IN (:...from)', { from })
    .returning('id, region_code')
    .execute();
  announceMoves(context, result.raw as Array<{ id: string; region_code: string }>, to);
}

/** Moves listed households of one grid to another (a split's parts); CONFLICT naming `field` when one is not in `fromGridId`. */
export async function moveHouseholds(
  context: CommandContext,
  ids: readonly string[],
  fromGridId: string,
  to: string,
  field: string,
): Promise<void> {
  if (ids.length === 0) return;
  const result = await context.manager
    .createQueryBuilder()
    .update(Household)
    .set({ gridId: to })
    .where('id IN (:...ids) AND grid_id = :fromGridId', { ids, fromGridId })
    .returning('id, region_code')
    .execute();
  const rows = result.raw as Array<{ id: string; region_code: string }>;
  if (rows.length !== ids.length) throw conflict(`${field}: every household listed must be in the grid being split`, field);
  announceMoves(context, rows, to);
}

/** Where the listed households are (grid and region), by id; unknown ids are absent (a split checks its parts before it writes). */
export async function householdGrids(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, { gridId: string; regionCode: string }>> {
  const rows = ids.length
    ? await manager.find(Household, { select: { id: true, gridId: true, regionCode: true }, where: { id: In([...ids]) } })
    : [];
  return new Map(rows.map((row) => [row.id, { gridId: row.gridId, regionCode: row.regionCode }]));
}

/** Puts households of a grid that are in no unit into a unit; false when any of them cannot join. */
export async function joinUnit(manager: EntityManager, ids: readonly string[], unit: { id: string; gridId: string }): Promise<boolean> {
  if (ids.length === 0) return true;
  const joined = await manager.update(Household, { id: In([...ids]), gridId: unit.gridId, unitId: IsNull() }, { unitId: unit.id });
  return joined.affected === ids.length;
}

/** Takes households out of a unit; false when any of them is not in it. */
export async function leaveUnit(manager: EntityManager, ids: readonly string[], unitId: string): Promise<boolean> {
  if (ids.length === 0) return true;
  const left = await manager.update(Household, { id: In([...ids]), unitId }, { unitId: null });
  return left.affected === ids.length;
}

/** How many households a unit has now (in the caller's transaction). */
export function unitSize(manager: EntityManager, unitId: string): Promise<number> {
  return manager.countBy(Household, { unitId });
}

/** Moves a household's last visit forward only: a visit recorded late does not hide a newer one. */
export async function recordLastVisit(manager: EntityManager, householdId: string, visitedAt: Date): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(Household)
    .set({ lastVisitedAt: () => 'GREATEST(COALESCE(last_visited_at, :visitedAt), :visitedAt)' })
    .setParameter('visitedAt', visitedAt)
    .where('id = :id', { id: householdId })
    .execute();
}
