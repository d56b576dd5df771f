import {
  codeInput,
  coversRegion,
  freeTextInput,
  hasRole,
  optionalText,
  personNameInput,
  residentIdProblem,
  thingNameInput,
  type Identity,
} from '@gg/shared';
import { z } from 'zod';
import { foreignId } from '../party-organisation/party-organisation.rules';

/** 党员先锋岗 (Tongzi): each member claims 1–2 posts and commits to 1–2 services. */
export const MAX_POSTS = 2;
export const MAX_SERVICE_COMMITMENTS = 2;

/** A mainland mobile number (11 digits from 1) or a landline with its area code (0851-8888888). */
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/** Normalised to upper case; messages never repeat the number (it must not reach an error or a log). */
const residentId = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .superRefine((value, ctx) => {
    const problem = residentIdProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const pledgeItem = thingNameInput({ label: 'an item', max: 50 });

function distinct(values: string[], ctx: z.RefinementCtx) {
  values.forEach((value, i) => {
    if (values.indexOf(value) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `${value} is listed twice` });
  });
}

const posts = z.array(pledgeItem).max(MAX_POSTS, `a member claims at most ${MAX_POSTS} posts (党员先锋岗)`).superRefine(distinct);
const serviceCommitments = z
  .array(pledgeItem)
  .max(MAX_SERVICE_COMMITMENTS, `a member commits to at most ${MAX_SERVICE_COMMITMENTS} services`)
  .superRefine(distinct);

export const registerPartyMemberInput = z.object({
  organisationId: z.uuid('not a valid id'),
  name: personNameInput(),
  phone: z
    .string()
    .trim()
    .regex(PHONE, 'a phone number is a mobile number (11 digits from 1) or a landline with its area code (0851-8888888)')
    .nullish()
    .transform((value) => value ?? null),
  residentId,
  // A member may be registered before claiming; a claim is 1–2 of each (claimPioneerPosts).
  posts: posts.nullish().transform((value) => value ?? []),
  serviceCommitments: serviceCommitments.nullish().transform((value) => value ?? []),
  identityShown: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
});
export type RegisterPartyMemberInput = z.infer<typeof registerPartyMemberInput>;

export const claimPioneerPostsInput = z.object({
  memberId: z.uuid('not a valid id'),
  posts: posts.min(1, 'a claim names at least 1 post'),
  serviceCommitments: serviceCommitments.min(1, 'a claim names at least 1 service commitment'),
  identityShown: z.boolean().nullish(),
});
export type ClaimPioneerPostsInput = z.infer<typeof claimPioneerPostsInput>;

export const assignTemporaryBranchInput = z.object({
  memberId: z.uuid('not a valid id'),
  branchId: z.uuid('not a valid id'),
});
export type AssignTemporaryBranchInput = z.infer<typeof assignTemporaryBranchInput>;

// ─── Double reporting (双报到) ─────────────────────────────────────────────────

export const DOUBLE_REPORT_STATUSES = ['REQUESTED', 'CONFIRMED', 'ASSIGNED', 'WITHDRAWN'] as const;
export type DoubleReportStatus = (typeof DOUBLE_REPORT_STATUSES)[number];
export type DoubleReportAction = 'CONFIRM' | 'ASSIGN' | 'WITHDRAW';

/**
 * The status a double report moves to, or a reason it cannot: REQUESTED → CONFIRMED (the community
 * checks the certificate and letter) → ASSIGNED (a grid and a volunteer team); WITHDRAWN from any
 * open status, and nothing after it.
 */
export function doubleReportTransition(from: DoubleReportStatus, action: DoubleReportAction): DoubleReportStatus | { problem: string } {
  if (from === 'WITHDRAWN') return { problem: 'the report was withdrawn; a new report starts again' };
  if (action === 'WITHDRAW') return 'WITHDRAWN';
  if (action === 'CONFIRM')
    return from === 'REQUESTED' ? 'CONFIRMED' : { problem: `a ${from} report cannot be confirmed; only a REQUESTED one` };
  return from === 'CONFIRMED' ? 'ASSIGNED' : { problem: `a ${from} report cannot be assigned; confirm it first (only a CONFIRMED one)` };
}

const docNumber = (what: string) => codeInput({ label: `a ${what} number`, min: 2, max: 50 });

export const requestDoubleReportInput = z.object({
  memberId: z.uuid('not a valid id'),
  communityCode: z.string().regex(/^\d{12}$/, 'a member reports to a community: a 12-digit code'),
  workUnit: thingNameInput({ label: 'a work unit' }),
  certificateNo: docNumber('service certificate'),
  letterNo: docNumber('letter'),
  skills: z
    .array(pledgeItem)
    .max(10, 'at most 10 skills')
    .nullish()
    .transform((value) => value ?? []),
  wish: optionalText(freeTextInput({ label: 'a wish', min: 1, max: 500 })),
});
export type RequestDoubleReportInput = z.infer<typeof requestDoubleReportInput>;

export const assignDoubleReportInput = z.object({
  id: z.uuid('not a valid id'),
  gridId: foreignId('grid'),
  volunteerTeamId: foreignId('volunteer team').nullish(),
});
export type AssignDoubleReportInput = z.infer<typeof assignDoubleReportInput>;

export const withdrawDoubleReportInput = z.object({
  id: z.uuid('not a valid id'),
  reason: freeTextInput({ label: 'a reason', max: 500 }),
});
export type WithdrawDoubleReportInput = z.infer<typeof withdrawDoubleReportInput>;

// ─── Who sees what ────────────────────────────────────────────────────────────

/**
 * True when the caller may see a member's personal information whole: community staff of the
 * member's organisation's region, who contact members. Administrators above the community and
 * gridworkers see masked values only (PIPL minimum necessary).
 */
export function mayRevealMember(identity: Identity, member: { regionCode: string }): boolean {
  return coversRegion(identity, member.regionCode) && hasRole(identity, 'COMMUNITY_STAFF');
}
