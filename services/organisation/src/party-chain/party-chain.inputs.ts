import { regionCodeInput } from '@gg/shared';
import { z } from 'zod';
import { LOOSE_KINDS, ORGANISATION_REGION_LEVELS, PARTY_ORGANISATION_KINDS, PARTY_ORGANISATION_LEVELS, rank } from './party-chain.rules';

export const configurePartyChainInput = z
  .object({
    countyCode: regionCodeInput(['COUNTY'], 'a Party chain'),
    links: z
      .array(
        z.object({
          level: z.enum(PARTY_ORGANISATION_LEVELS),
          parentLevels: z.array(z.enum(PARTY_ORGANISATION_LEVELS)),
          // Omitted: the rule table's (REGION_LEVEL_OF_CHAIN_LEVEL).
          regionLevels: z
            .array(z.enum(ORGANISATION_REGION_LEVELS, { message: 'an organisation belongs to a county, a street or a community' }))
            .min(1, 'at least one region level')
            .nullish()
            .transform((levels) => levels ?? undefined),
        }),
      )
      .min(1, 'a chain has at least its top level'),
    looseKinds: z
      .array(z.enum(PARTY_ORGANISATION_KINDS))
      .nullish()
      .transform((kinds) => kinds ?? [...LOOSE_KINDS]),
    dryRun: z
      .boolean()
      .nullish()
      .transform((value) => value ?? false),
  })
  .superRefine((input, ctx) => {
    const levels = input.links.map((l) => l.level);
    input.links.forEach((link, i) => {
      if (levels.indexOf(link.level) !== i)
        ctx.addIssue({ code: 'custom', path: ['links', i, 'level'], message: `${link.level} is listed twice` });
      if (link.level === 'STREET_WORKING_COMMITTEE' && link.parentLevels.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['links', i, 'parentLevels'],
          message: 'the street working committee is the top of the chain',
        });
      }
      if (link.level !== 'STREET_WORKING_COMMITTEE' && link.parentLevels.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['links', i, 'parentLevels'], message: `${link.level} needs at least one parent level` });
      }
      link.regionLevels?.forEach((regionLevel, j) => {
        if (link.regionLevels!.indexOf(regionLevel) !== j)
          ctx.addIssue({ code: 'custom', path: ['links', i, 'regionLevels', j], message: `${regionLevel} is listed twice` });
      });
      link.parentLevels.forEach((parent, j) => {
        if (!levels.includes(parent)) {
          ctx.addIssue({ code: 'custom', path: ['links', i, 'parentLevels', j], message: `${parent} is not a level of this chain` });
        } else if (rank(parent) >= rank(link.level)) {
          ctx.addIssue({ code: 'custom', path: ['links', i, 'parentLevels', j], message: `${parent} is not above ${link.level}` });
        }
      });
    });
    if (!levels.includes('STREET_WORKING_COMMITTEE')) {
      ctx.addIssue({ code: 'custom', path: ['links'], message: 'a chain starts at the STREET_WORKING_COMMITTEE' });
    }
    input.looseKinds.forEach((kind, i) => {
      if (!(LOOSE_KINDS as readonly string[]).includes(kind)) {
        ctx.addIssue({ code: 'custom', path: ['looseKinds', i], message: `${kind} organisations always follow the strict chain` });
      }
    });
  });
export type ConfigurePartyChainInput = z.infer<typeof configurePartyChainInput>;
