import {
  badInput,
  conflict,
  groupByKey,
  isUniqueViolation,
  loaderOf,
  notFound,
  requireRegionInScope,
  scopedQuery,
  type SubgraphContext,
  loadScopedById,
} from '@gg/shared';
import { randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { chainProblem, countyOf } from '../party-chain/party-chain.rules';
import { chainOfCounty } from '../party-chain/party-chain.service';
import { Region } from '../region/region.entity';
import { columnsOf, hydrate, lockCounty, ruleBroken, scopesOf, tableOfEntity, fromSubtreeKey, subtreeKey } from '../sql';
import { BranchAssessment, CentralHouseholdLink, PartyOrganisation } from './party-organisation.entity';
import {
  dissolutionProblem,
  PARTY_ORGANISATION_LEVELS,
  type AssessBranchInput,
  type CreatePartyOrganisationInput,
  type DissolveTemporaryBranchInput,
  type LinkCentralHouseholdsInput,
  type MovePartyOrganisationInput,
  type PartyOrganisationLevel,
} from './party-organisation.rules';

// ─── Reads ────────────────────────────────────────────────────────────────────

/** Party organisations by id for one request, scoped, one statement per batch (also serves `_entities`). */
export function loadPartyOrganisation(context: SubgraphContext, id: string): Promise<PartyOrganisation | null> {
  return loadScopedById(context, PartyOrganisation, id);
}

/** Children of organisations, scoped, batched by parent id. */
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
 * Up to `first` descendants of each organisation in a batch (its whole subtree, itself excluded),
 * top levels first then by name: one statement over the materialised path, scoped.
 */
export function loadDescendants(context: SubgraphContext, organisation: PartyOrganisation, first: number): Promise<PartyOrganisation[]> {
  return loaderOf<string, PartyOrganisation[]>(context, `party-organisation-descendants:${first}`, async (keys) => {
    const ancestors = keys.map(fromSubtreeKey);
    const repository = context.dataSource.getRepository(PartyOrganisation);
    const rows: Array<Record<string, unknown> & { ancestor_id: string }> = await context.dataSource.query(
      `SELECT * FROM (
           SELECT ${columnsOf(repository, 'd')}, a.id AS ancestor_id,
                  row_number() OVER (PARTITION BY a.id ORDER BY array_position($4::text[], d.level), d.name, d.id) AS rank
           FROM unnest($1::text[], $2::text[]) AS a(id, path)
           JOIN ${tableOfEntity(repository)} d ON d.path LIKE a.path || '%' AND d.path <> a.path
           WHERE d.region_code LIKE ANY($3::text[])
         ) ranked WHERE rank <= $5`,
      [ancestors.map((a) => a.id), ancestors.map((a) => a.path), scopesOf(context), [...PARTY_ORGANISATION_LEVELS], first],
    );
    const entities = hydrate(repository, rows);
    return groupByKey(
      ancestors.map((a) => a.id),
      entities.map((e, i) => ({ e, ancestor: rows[i]!.ancestor_id })),
      (x) => x.ancestor,
    ).map((list) => list.map((x) => x.e));
  }).load(subtreeKey(organisation));
}

/** Descendants per level (itself excluded) of each organisation in a batch, scoped: one statement. */
export function loadSubtreeCounts(
  context: SubgraphContext,
  organisation: PartyOrganisation,
): Promise<Array<{ level: PartyOrganisationLevel; count: number }>> {
  return loaderOf<string, Array<{ level: PartyOrganisationLevel; count: number }>>(
    context,
    'party-organisation-subtree-counts',
    async (keys) => {
      const ancestors = keys.map(fromSubtreeKey);
      const repository = context.dataSource.getRepository(PartyOrganisation);
      const rows: Array<{ ancestor_id: string; level: PartyOrganisationLevel; count: number }> = await context.dataSource.query(
        `SELECT a.id AS ancestor_id, d.level, count(*)::int AS count
         FROM unnest($1::text[], $2::text[]) AS a(id, path)
         JOIN ${tableOfEntity(repository)} d ON d.path LIKE a.path || '%' AND d.path <> a.path
         WHERE d.region_code LIKE ANY($3::text[]) AND d.dissolved_on IS NULL
         GROUP BY a.id, d.level`,
        [ancestors.map((a) => a.id), ancestors.map((a) => a.path), scopesOf(context)],
      );
      return ancestors.map((a) =>
        PARTY_ORGANISATION_LEVELS.map((level) => ({
          level,
          count: rows.find((r) => r.ancestor_id === a.id && r.level === level)?.count ?? 0,
        })),
      );
    },
  ).load(subtreeKey(organisation));
}

/** Households linked to central households, batched by organisation, scoped. */
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

/** Standardisation results of organisations, newest year first, batched, scoped. */
export function loadAssessments(context: SubgraphContext, organisationId: string): Promise<BranchAssessment[]> {
  return loaderOf<string, BranchAssessment[]>(context, 'branch-assessments', async (ids) => {
    const rows = await scopedQuery(context.dataSource, BranchAssessment, 'b', context.identity)
      .andWhere('b.organisation_id IN (:...ids)', { ids })
      .orderBy('b.year', 'DESC')
      .getMany();
    return groupByKey(ids, rows, (r) => r.organisationId);
  }).load(organisationId);
}

// ─── Writes ───────────────────────────────────────────────────────────────────

/**
 * An organisation for a write: NOT_FOUND when it does not exist, FORBIDDEN when it lies outside the
 * caller's scope (checked before anything is written).
 */
export async function organisationForWrite(
  manager: EntityManager,
  context: SubgraphContext,
  id: string,
  field: string,
  action: string,
): Promise<PartyOrganisation> {
  const organisation = await manager.findOneBy(PartyOrganisation, { id });
  if (!organisation) throw notFound(`Party organisation ${id}`, field);
  requireRegionInScope(context.identity, organisation.regionCode, action);
  return organisation;
}

/**
 * Creates a Party organisation in a region of the caller's scope, under a parent its county's chain
 * configuration allows (see `chainProblem`); the broken rule is named in the error.
 */
export async function createPartyOrganisation(context: SubgraphContext, input: CreatePartyOrganisationInput): Promise<PartyOrganisation> {
  const { identity } = context;
  requireRegionInScope(identity, input.regionCode, 'create a Party organisation');
  const county = countyOf(input.regionCode);
  if (!county) throw ruleBroken('input.regionCode', 'COUNTY_REQUIRED', 'a Party organisation belongs to a county, a street or a community');
  return context.dataSource.transaction(async (manager) => {
    const region = await manager.findOneBy(Region, { code: input.regionCode });
    if (!region) throw badInput('input.regionCode', `Region ${input.regionCode} does not exist`);
    const parent = input.parentId
      ? await organisationForWrite(manager, context, input.parentId, 'input.parentId', 'attach to this parent')
      : undefined;
    await lockCounty(manager, county);
    const problem = chainProblem(await chainOfCounty(manager, county), input, parent);
    if (problem) throw ruleBroken(problem.rule === 'LEVEL_NOT_IN_CHAIN' ? 'input.level' : 'input.parentId', problem.rule, problem.message);
    const id = randomUUID();
    return manager.save(
      manager.create(PartyOrganisation, {
        id,
        name: input.name,
        level: input.level,
        kind: input.kind,
        regionCode: input.regionCode,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? ''}${id}/`,
        gridId: input.gridId ?? null,
        activationReason: input.activation?.reason ?? null,
        activatedOn: input.activation?.activatedOn ?? null,
        dissolvedOn: null,
        dissolutionNote: null,
      }),
    );
  });
}

/**
 * Moves an organisation (and its whole subtree) under another parent. Refused when the new parent is
 * the organisation itself or one of its descendants (a cycle), or when the county's chain or the
 * parent's region does not allow it. The subtree's paths are rewritten in one statement.
 */
export async function movePartyOrganisation(context: SubgraphContext, input: MovePartyOrganisationInput): Promise<PartyOrganisation> {
  return context.dataSource.transaction(async (manager) => {
    const organisation = await organisationForWrite(manager, context, input.id, 'input.id', 'move a Party organisation');
    const parent = await organisationForWrite(manager, context, input.parentId, 'input.parentId', 'attach to this parent');
    const county = countyOf(organisation.regionCode)!;
    await lockCounty(manager, county);
    if (parent.path.startsWith(organisation.path)) {
      throw ruleBroken(
        'input.parentId',
        'CYCLE',
        `${parent.name} is ${parent.id === organisation.id ? 'the organisation itself' : 'under the organisation'}; it cannot become its parent`,
      );
    }
    const problem = chainProblem(await chainOfCounty(manager, county), organisation, parent);
    if (problem) throw ruleBroken('input.parentId', problem.rule, problem.message);
    const oldPath = organisation.path;
    const newPath = `${parent.path}${organisation.id}/`;
    await manager.update(PartyOrganisation, { id: organisation.id }, { parentId: parent.id });
    await manager.query(
      `UPDATE ${tableOfEntity(manager.getRepository(PartyOrganisation))} SET path = $1 || substr(path, length($2) + 1) WHERE path LIKE $2 || '%'`,
      [newPath, oldPath],
    );
    return manager.findOneByOrFail(PartyOrganisation, { id: organisation.id });
  });
}

/**
 * Dissolves a temporary branch after its emergency (平急转换). Its members keep their regular
 * organisation (a member's organisation is never a temporary branch) and their assignment to it
 * stays on record.
 */
export async function dissolveTemporaryBranch(context: SubgraphContext, input: DissolveTemporaryBranchInput): Promise<PartyOrganisation> {
  return context.dataSource.transaction(async (manager) => {
    const branch = await organisationForWrite(manager, context, input.id, 'input.id', 'dissolve a temporary branch');
    const [{ count }] = (await manager.query(
      `SELECT count(*)::int AS count FROM ${tableOfEntity(manager.getRepository(PartyOrganisation))}
       WHERE path LIKE $1 || '%' AND id <> $2 AND dissolved_on IS NULL`,
      [branch.path, branch.id],
    )) as Array<{ count: number }>;
    const problem = dissolutionProblem(branch, input.dissolvedOn, count);
    if (problem) throw badInput(problem.field, problem.message);
    const result = await manager.update(
      PartyOrganisation,
      { id: branch.id, dissolvedOn: IsNull() },
      { dissolvedOn: input.dissolvedOn, dissolutionNote: input.note ?? null },
    );
    // Two dissolutions at once: the second finds it dissolved and changes nothing.
    if (result.affected !== 1) throw conflict('The branch was dissolved meanwhile', 'input.id');
    return manager.findOneByOrFail(PartyOrganisation, { id: branch.id });
  });
}

/**
 * Sets the households a central household (党员中心户) serves, replacing the previous list: at most 30
 * (10–30 is the norm in Dafeng); a household already served by another central household is a
 * CONFLICT. Household ids are checked for format only (the grid subgraph owns households).
 */
export async function linkCentralHouseholds(context: SubgraphContext, input: LinkCentralHouseholdsInput): Promise<PartyOrganisation> {
  try {
    return await context.dataSource.transaction(async (manager) => {
      const organisation = await organisationForWrite(manager, context, input.organisationId, 'input.organisationId', 'link households');
      if (organisation.level !== 'CENTRAL_HOUSEHOLD')
        throw badInput('input.organisationId', 'only a central household (党员中心户) links households');
      await manager.delete(CentralHouseholdLink, { organisationId: organisation.id });
      if (input.householdIds.length > 0) {
        await manager.insert(
          CentralHouseholdLink,
          input.householdIds.map((householdId) => ({
            organisationId: organisation.id,
            householdId: householdId.toLowerCase(),
            regionCode: organisation.regionCode,
          })),
        );
      }
      return organisation;
    });
  } catch (error) {
    if (isUniqueViolation(error) && (error as { constraint?: string }).constraint === 'central_household_link_household_key') {
      throw conflict('A household in the list is already served by another central household; unlink it there first', 'input.householdIds');
    }
    throw error;
  }
}

/**
 * Records a branch's standardisation result for a year (标准化规范化) and any demonstration title it
 * holds; recording the same year again replaces it. Community organisations and grid branches only.
 */
export async function assessBranch(context: SubgraphContext, input: AssessBranchInput): Promise<BranchAssessment> {
  return context.dataSource.transaction(async (manager) => {
    const organisation = await organisationForWrite(manager, context, input.organisationId, 'input.organisationId', 'assess a branch');
    if (organisation.level !== 'COMMUNITY' && organisation.level !== 'GRID_BRANCH') {
      throw badInput('input.organisationId', 'standardisation is assessed for community organisations and grid branches');
    }
    await manager.upsert(
      BranchAssessment,
      {
        organisationId: organisation.id,
        regionCode: organisation.regionCode,
        year: input.year,
        passed: input.passed,
        demonstrationLevel: input.demonstrationLevel ?? null,
        note: input.note ?? null,
      },
      ['organisationId', 'year'],
    );
    return manager.findOneByOrFail(BranchAssessment, { organisationId: organisation.id, year: input.year });
  });
}
