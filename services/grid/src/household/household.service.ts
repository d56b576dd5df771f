import {
  badInput,
  conflict,
  coversRegion,
  decryptPersonal,
  encryptPersonal,
  forbidden,
  groupByKey,
  isUniqueViolation,
  listPersonalDataAccesses,
  loaderOf,
  lookupHash,
  notFound,
  personalDataKeys,
  requireRole,
  residentIdProblem,
  scopePatterns,
  scopedQuery,
  STAFF,
  tableOf,
  type Identity,
  type PersonalDataAccess,
  type SubgraphContext,
  isUuid,
} from '@gg/shared';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Grid } from '../grid/grid.entity';
import { HouseholdMember } from './household-member.entity';
import { Household } from './household.entity';
import { HOUSEHOLD_RELATIONS, householdVisibility, type RegisterHouseholdInput } from './household.rules';

// ─── Visibility ───────────────────────────────────────────────────────────────

/**
 * For a gridworker, their own grids on top of the region scope `scopedQuery` applies, on a query
 * over households or members (both carry `grid_id`). Every read of the ledger goes through here.
 */
function visible<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, identity: Identity): SelectQueryBuilder<T> {
  const visibility = householdVisibility(identity);
  if (visibility.kind === 'all') return query;
  if (visibility.gridIds.length === 0) return query.andWhere('FALSE');
  return query.andWhere(`${alias}.grid_id IN (:...visibleGridIds)`, { visibleGridIds: visibility.gridIds });
}

function visibleHouseholds(context: SubgraphContext): SelectQueryBuilder<Household> {
  return visible(scopedQuery(context.dataSource, Household, 'h', context.identity), 'h', context.identity);
}

function visibleMembers(context: SubgraphContext): SelectQueryBuilder<HouseholdMember> {
  return visible(scopedQuery(context.dataSource, HouseholdMember, 'm', context.identity), 'm', context.identity);
}

// ─── Reads ────────────────────────────────────────────────────────────────────

/** Households by id for one request, visible ones only, one statement per batch (also serves `_entities`). */
export function loadHousehold(context: SubgraphContext, id: string): Promise<Household | null> {
  return loaderOf<string, Household | null>(context, 'household-by-id', async (ids) => {
    // A malformed id cannot exist; filtering it here keeps Postgres from failing the whole batch.
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await visibleHouseholds(context).andWhere('h.id IN (:...ids)', { ids: valid }).getMany() : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }).load(id);
}

/** Members of a batch of households in one statement: the head first, then by relation, then by registration. */
export function loadMembers(context: SubgraphContext, householdId: string): Promise<HouseholdMember[]> {
  return loaderOf<string, HouseholdMember[]>(context, 'household-members', async (householdIds) => {
    const rows = await visibleMembers(context)
      .andWhere('m.household_id IN (:...householdIds)', { householdIds })
      .orderBy('array_position(CAST(:relations AS text[]), m.relation)')
      .addOrderBy('m.created_at')
      .addOrderBy('m.id')
      .setParameter('relations', [...HOUSEHOLD_RELATIONS])
      .getMany();
    return groupByKey(householdIds, rows, (m) => m.householdId);
  }).load(householdId);
}

/**
 * Up to `first` visible households of each grid in a batch, in one statement, in registration
 * order (serves `Grid.households` and `Query.households`).
 */
export function loadHouseholdsOfGrid(context: SubgraphContext, gridId: string, first: number): Promise<Household[]> {
  return loaderOf<string, Household[]>(context, `households-of-grid:${first}`, async (gridIds) => {
    const valid = gridIds.filter(isUuid);
    const patterns = scopePatterns(context.identity);
    const visibility = householdVisibility(context.identity);
    const ownGrids = visibility.kind === 'grids' ? visibility.gridIds : null;
    if (valid.length === 0 || patterns.length === 0 || ownGrids?.length === 0) return gridIds.map(() => []);
    const repository = context.dataSource.getRepository(Household);
    const metadata = repository.metadata;
    const columns = metadata.columns.map((c) => `h."${c.databaseName}"`).join(', ');
    // A window per grid keeps `first` per grid, not across the batch; $3 is null for staff who see every grid.
    const rows: Array<Record<string, unknown>> = await context.dataSource.query(
      `SELECT * FROM (
         SELECT ${columns}, row_number() OVER (PARTITION BY h.grid_id ORDER BY h.created_at, h.id) AS grid_rank
         FROM ${tableOf(context.dataSource, 'household')} h
         WHERE h.grid_id = ANY($1::uuid[])
           AND h.region_code LIKE ANY($2::text[])
           AND ($3::uuid[] IS NULL OR h.grid_id = ANY($3::uuid[]))
       ) ranked
       WHERE grid_rank <= $4`,
      [valid, patterns, ownGrids, first],
    );
    const households = rows.map((row) => {
      const household = repository.create();
      for (const column of metadata.columns)
        (household as unknown as Record<string, unknown>)[column.propertyName] = row[column.databaseName];
      return household;
    });
    return groupByKey(gridIds, households, (h) => h.gridId);
  }).load(gridId);
}

/** Visible households of one grid (`Query.households`); a malformed grid id is refused. */
export function listHouseholds(context: SubgraphContext, gridId: string, first: number): Promise<Household[]> {
  if (!isUuid(gridId)) throw badInput('gridId', 'a grid id is a UUID');
  return loadHouseholdsOfGrid(context, gridId, first);
}

/**
 * A member found by resident ID number, through its keyed hash (the number itself is never in a
 * query); null when nobody has it or the member is not visible to the caller.
 */
export async function findMemberByResidentId(context: SubgraphContext, residentId: string): Promise<HouseholdMember | null> {
  const normalised = residentId.trim().toUpperCase();
  const problem = residentIdProblem(normalised);
  if (problem) throw badInput('residentId', problem);
  const hash = lookupHash(normalised, personalDataKeys().hash);
  return visibleMembers(context).andWhere('m.resident_id_hash = :hash', { hash }).getOne();
}

/** The resident ID number of a member, decrypted (to mask it, or to reveal it once audited). */
export function residentIdOf(member: HouseholdMember): string {
  return decryptPersonal(member.residentIdCipher, personalDataKeys().encryption);
}

/** The personal-information audit log of this subgraph, in the caller's scope (AUDITOR). */
export function listGridPersonalDataAccesses(
  context: SubgraphContext,
  filter: { regionCode: string; since?: Date; until?: Date; first: number },
): Promise<PersonalDataAccess[]> {
  if (!/^\d{2,12}$/.test(filter.regionCode)) throw badInput('regionCode', 'a region code is 2–12 digits');
  return listPersonalDataAccesses(context, filter);
}

// ─── Writes ───────────────────────────────────────────────────────────────────

/**
 * Registers a household and its members in the ledger of a grid (建立台账). A grid that does not
 * exist is NOT_FOUND; one outside the caller's scope is FORBIDDEN, like every write aimed outside
 * it; a gridworker registers only in their own grids (FORBIDDEN otherwise). One person is in one household: a resident ID
 * number already in the ledger is a CONFLICT, decided by the unique index, and nothing is written.
 */
export async function registerHousehold(context: SubgraphContext, input: RegisterHouseholdInput): Promise<Household> {
  const { dataSource, identity } = context;
  requireRole(identity, STAFF, 'register households');
  const grid = await dataSource.getRepository(Grid).findOneBy({ id: input.gridId });
  if (!grid) throw notFound(`Grid ${input.gridId}`, 'input.gridId');
  // Like every write aimed outside the caller's scope (createGrid too). The message leaves out the
  // grid's region: the caller may not read it.
  if (!coversRegion(identity, grid.regionCode))
    throw forbidden(`Grid ${input.gridId} is outside your scope; you may not register households there`);
  const visibility = householdVisibility(identity);
  if (visibility.kind === 'grids' && !visibility.gridIds.includes(grid.id)) {
    throw forbidden(`A gridworker registers households only in their own grids; grid ${grid.code} is not one of yours`);
  }

  const keys = personalDataKeys();
  const hashes = input.members.map((m) => lookupHash(m.residentId, keys.hash));
  try {
    return await dataSource.transaction(async (manager) => {
      const household = await manager.save(
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
          householdId: household.id,
          regionCode: household.regionCode,
          gridId: household.gridId,
          name: member.name,
          phone: member.phone,
          residentIdCipher: encryptPersonal(member.residentId, keys.encryption),
          residentIdHash: hashes[i]!,
          relation: member.relation,
          employment: member.employment ?? null,
        })),
      );
      return household;
    });
  } catch (error) {
    if (!isUniqueViolation(error) || (error as { constraint?: string }).constraint !== 'household_member_resident_id_hash_key') throw error;
    // The message names the member by position only: the number must not travel back in an error.
    const index = await registeredIndex(dataSource, hashes);
    throw conflict(
      `members.${index} is already registered in a household; one person is in one household`,
      `input.members.${index}.residentId`,
    );
  }
}

/** Which of the hashes is already in the ledger (the first, in input order). */
async function registeredIndex(dataSource: DataSource, hashes: string[]): Promise<number> {
  const taken = await dataSource
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
