import { conflict, defineCommand, setCountySetting } from '@gg/shared';
import { regionForWrite } from '../region/region.queries';
import { configurePartyChainInput } from './party-chain.inputs';
import { lockCounty, organisationsOfCounty, type PartyChainView } from './party-chain.queries';
import { normaliseChain, violationsUnder, type ChainProblem } from './party-chain.rules';
import { partyChainSetting } from './party-chain.setting';

/** An organisation a configuration would leave invalid, and the rule it would break. */
export interface PartyChainViolationView {
  organisationId: string;
  rule: ChainProblem['rule'];
  message: string;
}

export interface PartyChainChange {
  configuration: PartyChainView;
  applied: boolean;
  violations: PartyChainViolationView[];
}

/**
 * Sets a county's chain configuration. The existing organisations are checked against it first:
 * with `dryRun` the result lists what would break and nothing changes; otherwise a configuration
 * that would leave any organisation invalid is refused (CONFLICT, naming them) and nothing changes.
 */
export const configurePartyChain = defineCommand({
  name: 'configurePartyChain',
  input: configurePartyChainInput,
  // The chain is a county decision.
  roles: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  async run(input, { caller, manager, now }): Promise<PartyChainChange> {
    await regionForWrite(manager, caller, input.countyCode, {
      field: 'input.countyCode',
      action: 'configure the Party chain',
      levels: ['COUNTY'],
    });
    const chain = normaliseChain({ links: input.links, looseKinds: input.looseKinds });
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
    const saved = await setCountySetting(manager, partyChainSetting, input.countyCode, chain, caller, now);
    return { configuration: view(saved.updatedAt), applied: true, violations: [] };
  },
});

export const partyChainCommands = [configurePartyChain];
