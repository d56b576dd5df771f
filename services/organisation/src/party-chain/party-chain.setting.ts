import { defineCountySetting } from '@gg/shared';
import { z } from 'zod';
import { FIVE_LEVEL_CHAIN, ORGANISATION_REGION_LEVELS, PARTY_ORGANISATION_KINDS, PARTY_ORGANISATION_LEVELS } from './party-chain.rules';

/**
 * A county's Party chain as a per-county setting: which levels it uses, which parent level each may
 * have, which region levels its organisations belong to and which kinds attach loosely. A county that set nothing works under the five-level chain.
 */
export const partyChainSetting = defineCountySetting({
  key: 'party-chain',
  schema: z.object({
    links: z.array(
      z.object({
        level: z.enum(PARTY_ORGANISATION_LEVELS),
        parentLevels: z.array(z.enum(PARTY_ORGANISATION_LEVELS)),
        // Configurations saved before the region levels were part of the chain follow the rule table.
        regionLevels: z.array(z.enum(ORGANISATION_REGION_LEVELS)).optional(),
      }),
    ),
    looseKinds: z.array(z.enum(PARTY_ORGANISATION_KINDS)),
  }),
  defaults: FIVE_LEVEL_CHAIN,
});
