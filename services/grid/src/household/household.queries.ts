import {
  badInput,
  encodeCursor,
  groupByKey,
  isUuid,
  loaderOf,
  pageSizeOf,
  decodeCursor,
  residentIdFromCipher,
  residentIdLookup,
  scopePatterns,
  scopedQuery,
  tableOf,
  type Connection,
  type ConnectionArgs,
  type Identity,
  type SubgraphContext,
} from '@gg/shared';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { HouseholdMember } from './household-member.entity';
import { Household } from './household.entity';
import { HOUSEHOLD_RELATIONS, householdVisibility } from './household.rules';

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

/** Where a household stands in a ledger's order: registration instant (ms, as a cursor keeps it), then id. */
const cursorOf = (h: Household) => encodeCursor([h.createdAt, h.id]);

/**
 * A page of the visible households of each grid in a batch, in ONE statement, in registration order
 * (serves `Grid.households` and `Query.households`). The page is cut by the cursor's key, never by
 * an offset, so households registered meanwhile never shift a page; the count is one more statement,
 * run only when `totalCount` is asked for.
 */
export function householdsOfGrid(context: SubgraphContext, gridId: string, args: ConnectionArgs): Promise<Connection<Household>> {
  const size = pageSizeOf(args.first);
  const after = args.after ? decodeCursor(args.after, 2) : null;
  if (after && !(after[0] instanceof Date && typeof after[1] === 'string' && isUuid(after[1])))
    throw badInput('after', 'after is not a cursor of this list; use an endCursor this list returned');
  const patterns = scopePatterns(context.identity);
  const visibility = householdVisibility(context.identity);
  const ownGrids = visibility.kind === 'grids' ? visibility.gridIds : null;
  const nobody = patterns.length === 0 || ownGrids?.length === 0;
  // Scope and visibility in SQL: $2 patterns, $3 own grids (null for staff who see every grid).
  const where = `h.grid_id = ANY($1::uuid[]) AND h.region_code LIKE ANY($2::text[]) AND ($3::uuid[] IS NULL OR h.grid_id = ANY($3::uuid[]))`;
  const counts = loaderOf<string, number>(context, 'households-of-grid-count', async (gridIds) => {
    const valid = gridIds.filter(isUuid);
    if (valid.length === 0 || nobody) return gridIds.map(() => 0);
    const rows: Array<{ grid_id: string; count: number }> = await context.dataSource.query(
      `SELECT h.grid_id, count(*)::int AS count FROM ${tableOf(context.dataSource, 'household')} h WHERE ${where} GROUP BY h.grid_id`,
      [valid, patterns, ownGrids],
    );
    const byGrid = new Map(rows.map((r) => [r.grid_id, r.count]));
    return gridIds.map((id) => byGrid.get(id) ?? 0);
  });
  const name = `households-of-grid:${size}:${args.after ?? ''}`;
  return loaderOf<string, Connection<Household>>(context, name, async (gridIds) => {
    const valid = gridIds.filter(isUuid);
    const repository = context.dataSource.getRepository(Household);
    const metadata = repository.metadata;
    const rows: Array<Record<string, unknown>> =
      valid.length === 0 || nobody
        ? []
        : await context.dataSource.query(
            // A window per grid keeps `first` per grid, not across the batch.
            `SELECT * FROM (
               SELECT ${metadata.columns.map((c) => `h."${c.databaseName}"`).join(', ')},
                      row_number() OVER (PARTITION BY h.grid_id ORDER BY date_trunc('milliseconds', h.created_at), h.id) AS grid_rank
               FROM ${tableOf(context.dataSource, 'household')} h
               WHERE ${where}
                 ${after ? `AND (date_trunc('milliseconds', h.created_at) > $5 OR (date_trunc('milliseconds', h.created_at) = $5 AND h.id > $6))` : ''}
             ) ranked
             WHERE grid_rank <= $4
             ORDER BY grid_rank`,
            after ? [valid, patterns, ownGrids, size + 1, after[0], after[1]] : [valid, patterns, ownGrids, size + 1],
          );
    const households = rows.map((row) => {
      const household = repository.create();
      for (const column of metadata.columns)
        (household as unknown as Record<string, unknown>)[column.propertyName] = row[column.databaseName];
      return household;
    });
    return groupByKey(gridIds, households, (h) => h.gridId).map((list, i) => {
      const page = list.slice(0, size);
      const edges = page.map((node) => ({ node, cursor: cursorOf(node) }));
      return {
        edges,
        pageInfo: { hasNextPage: list.length > size, endCursor: edges.at(-1)?.cursor ?? null },
        totalCount: () => counts.load(gridIds[i]!),
      };
    });
  }).load(gridId);
}

/** Visible households of one grid (`Query.households`); a malformed grid id is refused. */
export function listHouseholds(context: SubgraphContext, gridId: string, args: ConnectionArgs): Promise<Connection<Household>> {
  if (!isUuid(gridId)) throw badInput('gridId', 'a grid id is a UUID');
  return householdsOfGrid(context, gridId, args);
}

/**
 * A member found by resident ID number, through its keyed hash (the number itself is never in a
 * query); null when nobody has it or the member is not visible to the caller.
 */
export function findMemberByResidentId(context: SubgraphContext, residentId: string): Promise<HouseholdMember | null> {
  const hash = residentIdLookup(residentId, 'residentId');
  return visibleMembers(context).andWhere('m.resident_id_hash = :hash', { hash }).getOne();
}

/** The resident ID number of a member, decrypted (to mask it, or to reveal it once audited). */
export function residentIdOf(member: HouseholdMember): string {
  return residentIdFromCipher(member.residentIdCipher);
}

/** How many households each unit of a batch has, in one statement (the count is not personal information). */
export function householdCountOfUnit(context: SubgraphContext, unitId: string): Promise<number> {
  return loaderOf<string, number>(context, 'unit-household-count', async (unitIds) => {
    const rows = await scopedQuery(context.dataSource, Household, 'h', context.identity)
      .select('h.unit_id', 'unitId')
      .addSelect('count(*)::int', 'count')
      .andWhere('h.unit_id IN (:...unitIds)', { unitIds })
      .groupBy('h.unit_id')
      .getRawMany<{ unitId: string; count: number }>();
    const byId = new Map(rows.map((r) => [r.unitId, Number(r.count)]));
    return unitIds.map((id) => byId.get(id) ?? 0);
  }).load(unitId);
}
