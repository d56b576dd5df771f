import { defineCountySetting } from '@gg/shared';
import { z } from 'zod';
import { FIVE_LEVEL_CHAIN, PARTY_ORGANISATION_KINDS, PARTY_ORGANISATION_LEVELS } from './party-chain.rules';

/**
 * A county's Party chain as a per-county setting: which levels it uses, which parent level each may
 * have and which kinds attach loosely. A county that set nothing works under the five-level chain.
 */
export const partyChainSetting = defineCountySetting({
  key: 'party-chain',
  schema: z.object({
    links: z.array(z.object({ level: z.enum(PARTY_ORGANISATION_LEVELS), parentLevels: z.array(z.enum(PARTY_ORGANISATION_LEVELS)) })),
    looseKinds: z.array(z.enum(PARTY_ORGANISATION_KINDS)),
  }),
  defaults: FIVE_LEVEL_CHAIN,
});
