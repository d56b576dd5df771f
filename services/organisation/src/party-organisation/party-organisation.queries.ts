import {
  groupByKey,
  loaderOf,
  loadScopedById,
  loadSubtreeConnection,
  coversRegion,
  notFound,
  paginate,
  requireWritableRegion,
  scopedQuery,
  scopePatterns,
  tableOf,
  type Connection,
  type ConnectionArgs,
  type Identity,
  type SubgraphContext,
} from '@gg/shared';
import type { EntityManager } from 'typeorm';
import { BranchAssessment, CentralHouseholdLink, PartyOrganisation } from './party-organisation.entity';
import { PARTY_ORGANISATION_LEVELS, type PartyOrganisationLevel } from './party-organisation.rules';

export type PartyOrganisationConnection = Connection<PartyOrganisation>;

/** Party organisations by id for one request, scoped, one statement per batch (also serves `_entities`). */
export function loadPartyOrganisation(context: SubgraphContext, id: string): Promise<PartyOrganisation | null> {
  return loadScopedById(context, PartyOrganisation, id);
}

/** Children of organisations, scoped, batched by parent id (bounded by the chain: a plain list). */
export function loadChildOrganisations(context: SubgraphContext, parentId: string): Promise<PartyOrganisation[]> {
  return loaderOf<string, PartyOrganisation[]>(context, 'party-organisation-children', async (parentIds) => {
    const rows = await scopedQuery(context.dataSource, PartyOrganisation, 'o', context.identity)
      .andWhere('o.parent_id IN (:...parentIds)', { parentIds })
      .orderBy('o.name')
      .getMany();
    return groupByKey(parentIds, rows, (r) => r.parentId ?? '');
  }).load(parentId);
}

/**
 * A page of an organisation's descendants (its whole subtree, itself excluded), top levels first then
 * by name and id: one statement over the materialised path, scoped.
 */
export function descendantsConnection(
  context: SubgraphContext,
  organisation: PartyOrganisation,
  args: ConnectionArgs,
): Promise<PartyOrganisationConnection> {
  const levelRank = `array_position(ARRAY[${PARTY_ORGANISATION_LEVELS.map((l) => `'${l}'`).join(', ')}]::text[], d.level::text)`;
  const query = scopedQuery(context.dataSource, PartyOrganisation, 'd', context.identity).andWhere(
    `d.path LIKE :path || '%' AND d.path <> :path`,
    { path: organisation.path },
  );
  return paginate(query, args, [
    { column: levelRank, direction: 'ASC', value: (o) => PARTY_ORGANISATION_LEVELS.indexOf(o.level) + 1 },
    { column: 'd.name', direction: 'ASC', value: (o) => o.name },
    { column: 'd.id', direction: 'ASC', value: (o) => o.id },
  ]);
}

/** Party organisations in a region's subtree, by name, a page per region, one statement per batch of regions. */
export function regionOrganisationsConnection(context: SubgraphContext, regionCode: string, args: ConnectionArgs) {
  return loadSubtreeConnection(context, PartyOrganisation, regionCode, { orderBy: 'name', args });
}

/** Descendants per level (itself excluded) of each organisation in a batch, scoped: one statement. */
export function loadSubtreeCounts(
  context: SubgraphContext,
  organisation: PartyOrganisation,
): Promise<Array<{ level: PartyOrganisationLevel; count: number }>> {
  return loaderOf<string, Array<{ level: PartyOrganisationLevel; count: number }>>(
    context,
    'party-organisation-subtree-counts',
    async (ids) => {
      const rows: Array<{ ancestor_id: string; level: PartyOrganisationLevel; count: number }> = await context.dataSource.query(
        `SELECT a.id AS ancestor_id, d.level, count(*)::int AS count
         FROM ${tableOf(context.dataSource, 'party_organisation')} a
         JOIN ${tableOf(context.dataSource, 'party_organisation')} d ON d.path LIKE a.path || '%' AND d.path <> a.path
         WHERE a.id = ANY($1::uuid[]) AND d.region_code LIKE ANY($2::text[]) AND d.dissolved_on IS NULL
         GROUP BY a.id, d.level`,
        [ids, scopePatterns(context.identity)],
      );
      return ids.map((id) =>
        PARTY_ORGANISATION_LEVELS.map((level) => ({
          level,
          count: rows.find((r) => r.ancestor_id === id && r.level === level)?.count ?? 0,
        })),
      );
    },
  ).load(organisation.id);
}

/** Households linked to central households (at most 30 each: a plain list), batched by organisation, scoped. */
export function loadLinkedHouseholds(context: SubgraphContext, organisationId: string): Promise<CentralHouseholdLink[]> {
  return loaderOf<string, CentralHouseholdLink[]>(context, 'central-household-links', async (ids) => {
    const rows = await scopedQuery(context.dataSource, CentralHouseholdLink, 'l', context.identity)
      .andWhere('l.organisation_id IN (:...ids)', { ids })
      .orderBy('l.linked_at')
      .addOrderBy('l.household_id')
      .getMany();
    return groupByKey(ids, rows, (r) => r.organisationId);
  }).load(organisationId);
}

/** Standardisation results of organisations (one per year), newest year first, batched, scoped. */
export function loadAssessments(context: SubgraphContext, organisationId: string): Promise<BranchAssessment[]> {
  return loaderOf<string, BranchAssessment[]>(context, 'branch-assessments', async (ids) => {
    const rows = await scopedQuery(context.dataSource, BranchAssessment, 'b', context.identity)
      .andWhere('b.organisation_id IN (:...ids)', { ids })
      .orderBy('b.year', 'DESC')
      .getMany();
    return groupByKey(ids, rows, (r) => r.organisationId);
  }).load(organisationId);
}

/**
 * An organisation for a write: NOT_FOUND when it does not exist, FORBIDDEN when it lies outside the
 * caller's scope (checked before anything is written). Other aggregates use it for the organisation
 * a record of theirs hangs off (a member, a two-new entity).
 */
export async function organisationForWrite(
  manager: EntityManager,
  caller: Identity,
  id: string,
  field: string,
  action: string,
): Promise<PartyOrganisation> {
  const organisation = await manager.findOneBy(PartyOrganisation, { id });
  if (!organisation) throw notFound(`Party organisation ${id}`, field);
  requireWritableRegion(caller, organisation.regionCode, action, field);
  return organisation;
}

/**
 * An organisation another record names (a parent, a temporary branch, the organisation covering a
 * two-new entity): one outside the caller's scope is NOT_FOUND like one that does not exist, so a
 * write never confirms another county's records. The record being changed itself is checked with
 * `organisationForWrite` (FORBIDDEN outside the scope).
 */
export async function organisationReference(
  manager: EntityManager,
  caller: Identity,
  id: string,
  field: string,
): Promise<PartyOrganisation> {
  const organisation = await manager.findOneBy(PartyOrganisation, { id });
  if (!organisation || !coversRegion(caller, organisation.regionCode)) throw notFound(`Party organisation ${id}`, field);
  return organisation;
}
