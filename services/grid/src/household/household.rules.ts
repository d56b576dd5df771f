import {
  ADMIN_ROLES,
  coversRegion,
  thingNameInput,
  hasRole,
  personNameInput,
  residentIdProblem,
  type Identity,
  isUuid,
  uuidInput,
} from '@gg/shared';
import { z } from 'zod';

/** Special groups the gridworker keeps an eye on (重点人群): 独居老人, 残疾人, 留守儿童, 低收入. */
export const SPECIAL_GROUPS = ['ELDERLY_ALONE', 'DISABLED', 'LEFT_BEHIND_CHILD', 'LOW_INCOME'] as const;
export type SpecialGroup = (typeof SPECIAL_GROUPS)[number];

/** A member's relation to the head of the household (户主), in the order members are listed. */
export const HOUSEHOLD_RELATIONS = ['HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD', 'OTHER'] as const;
export type HouseholdRelation = (typeof HOUSEHOLD_RELATIONS)[number];

export const MAX_MEMBERS = 20;

/** A member's employment (就业) as the gridworker records it. */
export const EMPLOYMENTS = ['EMPLOYED', 'SELF_EMPLOYED', 'FLEXIBLE', 'UNEMPLOYED', 'RETIRED', 'STUDENT', 'OTHER'] as const;
export type Employment = (typeof EMPLOYMENTS)[number];

// ─── Input ────────────────────────────────────────────────────────────────────

/** A mainland mobile number (11 digits from 1) or a landline with its area code (0851-8888888). */
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/**
 * A resident ID number (身份证号), normalised to upper case (a trailing x is the check character X).
 * The messages come from `residentIdProblem` and never repeat the number: it must not end up in an
 * error response or a log.
 */
const residentId = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .superRefine((value, ctx) => {
    const problem = residentIdProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const householdMemberInput = z.object({
  name: personNameInput(),
  phone: z
    .string()
    .trim()
    .regex(PHONE, 'a phone number is a mobile number (11 digits from 1) or a landline with its area code (0851-8888888)')
    .nullish()
    .transform((value) => value ?? null),
  residentId,
  relation: z.enum(HOUSEHOLD_RELATIONS),
  employment: z.enum(EMPLOYMENTS).nullish(),
});
export type HouseholdMemberInput = z.infer<typeof householdMemberInput>;

export const registerHouseholdInput = z
  .object({
    gridId: uuidInput('a grid id'),
    // An address is one line as it is written on the door plate.
    address: thingNameInput({ label: 'an address', max: 200 }),
    specialGroups: z
      .array(z.enum(SPECIAL_GROUPS))
      .nullish()
      .transform((groups) => groups ?? []),
    members: z
      .array(householdMemberInput)
      .min(1, 'a household has at least one member')
      .max(MAX_MEMBERS, `a household has at most ${MAX_MEMBERS} members`),
  })
  .superRefine((input, ctx) => {
    input.specialGroups.forEach((group, i) => {
      if (input.specialGroups.indexOf(group) !== i)
        ctx.addIssue({ code: 'custom', path: ['specialGroups', i], message: `${group} is listed twice` });
    });
    const heads = input.members.filter((m) => m.relation === 'HEAD').length;
    if (heads !== 1) {
      ctx.addIssue({ code: 'custom', path: ['members'], message: `a household has exactly one HEAD (户主); this one has ${heads}` });
    }
    // One person is in one household, so an ID cannot appear twice in one either. The message names
    // the other member by position, never by number.
    input.members.forEach((member, i) => {
      const first = input.members.findIndex((m) => m.residentId === member.residentId);
      if (first !== i) {
        ctx.addIssue({
          code: 'custom',
          path: ['members', i, 'residentId'],
          message: `the same resident ID number as members.${first}: one person is one member`,
        });
      }
    });
  });
export type RegisterHouseholdInput = z.infer<typeof registerHouseholdInput>;

// ─── Who sees what ────────────────────────────────────────────────────────────

/** Where a household sits: enough to decide who may see it. */
export interface HouseholdPlace {
  regionCode: string;
  gridId: string;
}

/**
 * Which households a staff caller sees, on top of the region scope: `all` of their scope, or only
 * those of the listed grids. A caller whose only staff role is GRIDWORKER keeps the ledger of their
 * own grids (网格员管自己的网格) and sees no other, not even masked; administrators and community
 * staff see every household of their scope, masked unless `mayRevealHousehold` says otherwise.
 */
export type HouseholdVisibility = { kind: 'all' } | { kind: 'grids'; gridIds: string[] };

export function householdVisibility(identity: Identity): HouseholdVisibility {
  if (hasRole(identity, ...ADMIN_ROLES)) return { kind: 'all' };
  // Grid ids come from the token; one that is not a UUID names no grid of this subgraph.
  return { kind: 'grids', gridIds: identity.gridIds.filter(isUuid) };
}

/**
 * True when the caller may see a household's personal information whole (PIPL minimum necessary):
 * the gridworker of its grid, who visits it, and the staff of its community, who serve it. County
 * and city administrators and street staff see masked values only: their work is aggregates and
 * supervision, not contacting a family.
 */
export function mayRevealHousehold(identity: Identity, place: HouseholdPlace): boolean {
  if (!coversRegion(identity, place.regionCode)) return false;
  if (hasRole(identity, 'GRIDWORKER') && identity.gridIds.includes(place.gridId)) return true;
  return hasRole(identity, 'COMMUNITY_STAFF');
}
