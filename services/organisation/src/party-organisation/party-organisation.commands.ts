import {
  badInput,
  conflict,
  countyOf,
  defineCommand,
  isUniqueViolation,
  PartyOrganisationCreated,
  PartyOrganisationDissolved,
  requireReference,
  tableOf,
  WRITERS,
} from '@gg/shared';
import { randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { chainOfCounty, lockCounty } from '../party-chain/party-chain.queries';
import { chainProblem, ruleBroken, type ChainRule } from '../party-chain/party-chain.rules';
import { regionForWrite } from '../region/region.queries';
import { BranchAssessment, PartyOrganisation } from './party-organisation.entity';
import {
  assessBranchInput,
  createPartyOrganisationInput,
  dissolveTemporaryBranchInput,
  movePartyOrganisationInput,
} from './party-organisation.inputs';
import { organisationForWrite, organisationReference } from './party-organisation.queries';
import { dissolutionProblem } from './party-organisation.rules';
import { linkCentralHouseholds } from './central-household.commands';

/** The input field a broken chain rule is about when creating an organisation. */
const CREATE_FIELD_OF_RULE: Partial<Record<ChainRule, string>> = { LEVEL_NOT_IN_CHAIN: 'input.level', REGION_LEVEL: 'input.regionCode' };

/**
 * Creates a Party organisation in a region of the caller's scope, of the region level its chain level
 * sits at and under a parent its county's chain configuration allows (see `chainProblem`); the broken
 * rule is named in the error. A street has one street working committee: the unique partial index
 * decides, even between two concurrent creates. The grid a grid branch or building group serves must
 * be one the grid subgraph announced, not retired, in scope.
 */
export const createPartyOrganisation = defineCommand({
  name: 'createPartyOrganisation',
  input: createPartyOrganisationInput,
  roles: WRITERS,
  async run(input, { caller, manager, publish }) {
    const county = countyOf(input.regionCode);
    await regionForWrite(manager, caller, input.regionCode, { field: 'input.regionCode', action: 'create a Party organisation' });
    if (!county)
      throw ruleBroken('input.regionCode', 'COUNTY_REQUIRED', 'a Party organisation belongs to a county, a street or a community');
    const parent = input.parentId ? await organisationReference(manager, caller, input.parentId, 'input.parentId') : undefined;
    if (input.gridId) await requireReference(manager, 'GRID', input.gridId.toLowerCase(), { field: 'input.gridId', identity: caller });
    await lockCounty(manager, county);
    const problem = chainProblem(await chainOfCounty(manager, county), input, parent);
    if (problem) throw ruleBroken(CREATE_FIELD_OF_RULE[problem.rule] ?? 'input.parentId', problem.rule, problem.message);
    const id = randomUUID();
    const organisation = await insertOrganisation(
      manager,
      manager.create(PartyOrganisation, {
        id,
        name: input.name,
        level: input.level,
        kind: input.kind,
        regionCode: input.regionCode,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? ''}${id}/`,
        gridId: input.gridId?.toLowerCase() ?? null,
        activationReason: input.activation?.reason ?? null,
        activatedOn: input.activation?.activatedOn ?? null,
        dissolvedOn: null,
        dissolutionNote: null,
      }),
    );
    publish(
      PartyOrganisationCreated,
      { id, regionCode: organisation.regionCode, level: organisation.level, kind: organisation.kind },
      { type: 'PartyOrganisation', id },
    );
    return organisation;
  },
});

/** Saves a new organisation; a second street working committee for a street is a CONFLICT naming the region. */
async function insertOrganisation(manager: EntityManager, organisation: PartyOrganisation): Promise<PartyOrganisation> {
  try {
    return await manager.save(organisation);
  } catch (error) {
    if (isUniqueViolation(error) && (error as { constraint?: string }).constraint === 'party_organisation_street_committee_key') {
      throw conflict(`Street ${organisation.regionCode} already has its street working committee; a street has one`, 'input.regionCode');
    }
    throw error;
  }
}

/**
 * Moves an organisation (and its whole subtree) under another parent. Refused when the new parent is
 * the organisation itself or one of its descendants (a cycle), or when the county's chain or the
 * parent's region does not allow it. The subtree's paths are rewritten in one statement.
 */
export const movePartyOrganisation = defineCommand({
  name: 'movePartyOrganisation',
  input: movePartyOrganisationInput,
  roles: WRITERS,
  async run(input, { caller, manager }) {
    const organisation = await organisationForWrite(manager, caller, input.id, 'input.id', 'move a Party organisation');
    const parent = await organisationReference(manager, caller, input.parentId, 'input.parentId');
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
    if (problem) throw ruleBroken(problem.rule === 'REGION_LEVEL' ? 'input.id' : 'input.parentId', problem.rule, problem.message);
    const oldPath = organisation.path;
    const newPath = `${parent.path}${organisation.id}/`;
    await manager.update(PartyOrganisation, { id: organisation.id }, { parentId: parent.id });
    await manager.query(
      `UPDATE ${tableOf(manager.connection, 'party_organisation')} SET path = $1 || substr(path, length($2) + 1) WHERE path LIKE $2 || '%'`,
      [newPath, oldPath],
    );
    return manager.findOneByOrFail(PartyOrganisation, { id: organisation.id });
  },
});

/**
 * Dissolves a temporary branch after its emergency (平急转换). Its members keep their regular
 * organisation (a member's organisation is never a temporary branch) and their assignment to it
 * stays on record. Announced, so other services stop linking to it.
 */
export const dissolveTemporaryBranch = defineCommand({
  name: 'dissolveTemporaryBranch',
  input: dissolveTemporaryBranchInput,
  roles: WRITERS,
  async run(input, { caller, manager, publish }) {
    const branch = await organisationForWrite(manager, caller, input.id, 'input.id', 'dissolve a temporary branch');
    const [{ count }] = (await manager.query(
      `SELECT count(*)::int AS count FROM ${tableOf(manager.connection, 'party_organisation')}
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
    publish(PartyOrganisationDissolved, { id: branch.id, regionCode: branch.regionCode }, { type: 'PartyOrganisation', id: branch.id });
    return manager.findOneByOrFail(PartyOrganisation, { id: branch.id });
  },
});

/**
 * Records a branch's standardisation result for a year (标准化规范化) and any demonstration title it
 * holds; recording the same year again replaces it. Community organisations and grid branches only.
 */
export const assessBranch = defineCommand({
  name: 'assessBranch',
  input: assessBranchInput,
  roles: WRITERS,
  async run(input, { caller, manager }) {
    const organisation = await organisationForWrite(manager, caller, input.organisationId, 'input.organisationId', 'assess a branch');
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
  },
});

export const partyOrganisationCommands = [
  createPartyOrganisation,
  movePartyOrganisation,
  dissolveTemporaryBranch,
  linkCentralHouseholds,
  assessBranch,
];
