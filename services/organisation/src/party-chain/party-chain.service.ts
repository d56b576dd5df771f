import { conflict, badInput, requireRegionInScope, requireRole, type SubgraphContext } from '@gg/shared';
import type { EntityManager } from 'typeorm';
import { PartyOrganisation } from '../party-organisation/party-organisation.entity';
import { Region } from '../region/region.entity';
import { regionVisible } from '../region/region.rules';
import { lockCounty } from '../sql';
import { PartyChainConfiguration } from './party-chain.entity';
import {
  FIVE_LEVEL_CHAIN,
  normaliseChain,
  violationsUnder,
  type ChainProblem,
  type ConfigurePartyChainInput,
  type ExistingOrganisation,
  type PartyChain,
} from './party-chain.rules';

/** A county's chain as the graph shows it: configured, or the five-level default. */
export interface PartyChainView extends PartyChain {
  countyCode: string;
  isDefault: boolean;
  updatedAt: Date | null;
}

/** The chain that governs writes in a county (the five-level default when it has none). */
export async function chainOfCounty(manager: EntityManager, countyCode: string): Promise<PartyChain> {
  const configuration = await manager.findOneBy(PartyChainConfiguration, { countyCode });
  return configuration ? { links: configuration.links, looseKinds: configuration.looseKinds } : FIVE_LEVEL_CHAIN;
}

/**
 * A county's chain configuration. Reference data for the county's own people: visible when the county
 * is inside the caller's scope or contains it (a community's staff read their county's chain).
 */
export async function findPartyChainConfiguration(context: SubgraphContext, countyCode: string): Promise<PartyChainView | null> {
  if (!/^\d{6}$/.test(countyCode)) throw badInput('countyCode', 'a county code is 6 digits (GB/T 2260)');
  if (!regionVisible(countyCode, context.identity.regionScopes)) return null;
  const region = await context.dataSource.getRepository(Region).findOneBy({ code: countyCode });
  if (!region || region.level !== 'COUNTY') return null;
  const configuration = await context.dataSource.getRepository(PartyChainConfiguration).findOneBy({ countyCode });
  if (!configuration) return { countyCode, ...FIVE_LEVEL_CHAIN, isDefault: true, updatedAt: null };
  return {
    countyCode,
    links: configuration.links,
    looseKinds: configuration.looseKinds,
    isDefault: false,
    updatedAt: configuration.updatedAt,
  };
}

/** Every organisation of a county with its parent's level and kind: one statement. */
async function organisationsOfCounty(manager: EntityManager, countyCode: string): Promise<ExistingOrganisation[]> {
  const rows = await manager
    .getRepository(PartyOrganisation)
    .createQueryBuilder('o')
    .leftJoin(PartyOrganisation, 'p', 'p.id = o.parent_id')
    .select(['o.id AS id', 'o.name AS name', 'o.level AS level', 'o.kind AS kind', 'o.region_code AS region_code'])
    .addSelect(['p.level AS parent_level', 'p.kind AS parent_kind', 'p.region_code AS parent_region_code'])
    .where('o.region_code LIKE :county', { county: `${countyCode}%` })
    .orderBy('o.name')
    .getRawMany<Record<string, string | null>>();
  return rows.map((r) => ({
    id: r.id!,
    name: r.name!,
    level: r.level as ExistingOrganisation['level'],
    kind: r.kind as ExistingOrganisation['kind'],
    regionCode: r.region_code!,
    parent: r.parent_level
      ? {
          level: r.parent_level as ExistingOrganisation['level'],
          kind: r.parent_kind as ExistingOrganisation['kind'],
          regionCode: r.parent_region_code!,
        }
      : null,
  }));
}

export interface PartyChainChange {
  configuration: PartyChainView;
  applied: boolean;
  violations: Array<{ organisationId: string; rule: ChainProblem['rule']; message: string }>;
}

/**
 * Sets a county's chain configuration. The existing organisations are checked against it first:
 * with `dryRun` the result lists what would break and nothing changes; otherwise a configuration
 * that would leave any organisation invalid is refused (CONFLICT, naming them) and nothing changes.
 * County and city administrators only: the chain is a county decision.
 */
export async function configurePartyChain(context: SubgraphContext, input: ConfigurePartyChainInput): Promise<PartyChainChange> {
  const { identity } = context;
  requireRole(identity, ['CITY_ADMIN', 'COUNTY_ADMIN'], "configure a county's Party chain");
  requireRegionInScope(identity, input.countyCode, 'configure the Party chain');
  const chain = normaliseChain({ links: input.links, looseKinds: input.looseKinds });
  return context.dataSource.transaction(async (manager) => {
    const region = await manager.findOneBy(Region, { code: input.countyCode });
    if (!region || region.level !== 'COUNTY') throw badInput('input.countyCode', `${input.countyCode} is not a county of the region tree`);
    await lockCounty(manager, input.countyCode);
    const organisations = await organisationsOfCounty(manager, input.countyCode);
    const violations = violationsUnder(chain, organisations).map((v) => ({
      organisationId: v.id,
      rule: v.problem.rule,
      message: v.problem.message,
    }));
    const view = (updatedAt: Date | null): PartyChainView => ({ countyCode: input.countyCode, ...chain, isDefault: false, updatedAt });
    if (input.dryRun) return { configuration: view(null), applied: false, violations };
    if (violations.length > 0) {
      const names = new Map(organisations.map((o) => [o.id, o.name]));
      const listed = violations
        .slice(0, 5)
        .map((v) => `${names.get(v.organisationId)} (${v.rule})`)
        .join('; ');
      throw conflict(
        `The configuration would leave ${violations.length} organisation(s) invalid: ${listed}${violations.length > 5 ? '; …' : ''}. Move them first, or run with dryRun to list them all`,
        'input.links',
      );
    }
    await manager.upsert(
      PartyChainConfiguration,
      { countyCode: input.countyCode, links: chain.links, looseKinds: chain.looseKinds, updatedBy: identity.subject },
      ['countyCode'],
    );
    const saved = await manager.findOneByOrFail(PartyChainConfiguration, { countyCode: input.countyCode });
    return { configuration: view(saved.updatedAt), applied: true, violations: [] };
  });
}
