import {
  dateInput,
  freeTextInput,
  PAST_DAY,
  personNameInput,
  REGION_CODE_LENGTHS,
  regionCodeInput,
  regionLevelOf,
  thingNameInput,
  uuidInput,
  type RegionLevel,
} from '@gg/shared';
import { z } from 'zod';
import { foreignId } from '../party-organisation/party-organisation.inputs';
import { LIAISON_ACTIVITY_KINDS, LIAISON_LEVELS, type LiaisonLevel } from './cadre-liaison.rules';

/** The region level a link of each level sits at: a grid is linked with its community. */
const LINK_REGION_LEVEL: Record<LiaisonLevel, RegionLevel> = { STREET: 'STREET', COMMUNITY: 'COMMUNITY', GRID: 'COMMUNITY' };

export function regionCodeProblem(level: LiaisonLevel, regionCode: string): string | undefined {
  const expected = LINK_REGION_LEVEL[level];
  if (regionLevelOf(regionCode) !== expected) {
    return level === 'GRID'
      ? 'a grid is linked with its community: a 12-digit code'
      : `a ${level.toLowerCase()} code has ${REGION_CODE_LENGTHS[expected]} digits`;
  }
  return undefined;
}

export const registerCadreInput = z.object({
  name: personNameInput(),
  post: thingNameInput({ label: 'a post' }),
  regionCode: regionCodeInput(['COUNTY', 'STREET', 'COMMUNITY'], 'a cadre'),
});
export type RegisterCadreInput = z.infer<typeof registerCadreInput>;

export const linkCadreInput = z
  .object({
    cadreId: uuidInput('an id'),
    level: z.enum(LIAISON_LEVELS),
    regionCode: z.string(),
    gridId: foreignId('grid').nullish(),
  })
  .superRefine((input, ctx) => {
    const problem = regionCodeProblem(input.level, input.regionCode);
    if (problem) ctx.addIssue({ code: 'custom', path: ['regionCode'], message: problem });
    if (input.level === 'GRID' && !input.gridId) ctx.addIssue({ code: 'custom', path: ['gridId'], message: 'a grid link names its grid' });
    if (input.level !== 'GRID' && input.gridId)
      ctx.addIssue({ code: 'custom', path: ['gridId'], message: 'only a grid link names a grid' });
  });
export type LinkCadreInput = z.infer<typeof linkCadreInput>;

export const recordLiaisonActivityInput = z.object({
  linkId: uuidInput('an id'),
  kind: z.enum(LIAISON_ACTIVITY_KINDS),
  occurredOn: dateInput(PAST_DAY, { label: 'an activity day' }),
  note: freeTextInput({ label: 'a note', max: 1000 }),
});
export type RecordLiaisonActivityInput = z.infer<typeof recordLiaisonActivityInput>;
