import { countySettingOf, regionPrefixInput, type SubgraphContext } from '@gg/shared';
import type { EntityManager } from 'typeorm';
import { Region } from '../region/region.entity';
import { regionVisible } from '../region/region.rules';
import { normaliseChain, type ExistingOrganisation, type PartyChain } from './party-chain.rules';
import { partyChainSetting } from './party-chain.setting';

/** A county's chain as the graph shows it: configured, or the five-level default. */
export interface PartyChainView extends PartyChain {
  countyCode: string;
  isDefault: boolean;
  updatedAt: Date | null;
}

/**
 * Serialises writes that depend on a county's chain configuration (creating, moving, reconfiguring):
 * a transaction-scoped advisory lock per county, so a create cannot slip past a configuration
 * change that is checking the existing organisations.
 */
export async function lockCounty(manager: EntityManager, countyCode: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`party-chain:${countyCode}`]);
}

/** The chain that governs writes in a county (the five-level default when it has none). */
export async function chainOfCounty(manager: EntityManager, countyCode: string): Promise<PartyChain> {
  return normaliseChain((await countySettingOf(manager, partyChainSetting, countyCode)).value);
}

/**
 * A county's chain configuration. Reference data for the county's own people: visible when the county
 * is inside the caller's scope or contains it (a community's staff read their county's chain).
 */
export async function findPartyChainConfiguration(context: SubgraphContext, countyCode: string): Promise<PartyChainView | null> {
  regionPrefixInput(countyCode, 'countyCode');
  if (!regionVisible(countyCode, context.identity.regionScopes)) return null;
  const region = await context.dataSource.getRepository(Region).findOneBy({ code: countyCode });
  if (!region || region.level !== 'COUNTY') return null;
  const setting = await countySettingOf(context.dataSource, partyChainSetting, countyCode);
  return { countyCode, ...normaliseChain(setting.value), isDefault: setting.isDefault, updatedAt: setting.updatedAt };
}

/**
 * Every organisation of a county with its parent's level and kind: one statement. The chain governs
 * organisations, so the organisation aggregate imports this one and not the other way round: the
 * table is read here by its entity's name (a read, never a write).
 */
export async function organisationsOfCounty(manager: EntityManager, countyCode: string): Promise<ExistingOrganisation[]> {
  const rows = await manager
    .getRepository('PartyOrganisation')
    .createQueryBuilder('o')
    .leftJoin('PartyOrganisation', 'p', 'p.id = o.parent_id')
    .select(['o.id AS id', 'o.name AS name', 'o.level AS level', 'o.kind AS kind', 'o.region_code AS region_code'])
    .addSelect(['p.level AS parent_level', 'p.kind AS parent_kind', 'p.region_code AS parent_region_code'])
    .where('o.region_code >= :county AND o.region_code < :end', { county: countyCode, end: `${countyCode}:` })
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
