import {
  codeInput,
  freeTextInput,
  optionalText,
  personNameInput,
  phoneInput,
  regionCodeInput,
  residentIdInput,
  thingNameInput,
  uuidInput,
} from '@gg/shared';
import { z } from 'zod';
import { foreignId } from '../party-organisation/party-organisation.inputs';
import { MAX_POSTS, MAX_SERVICE_COMMITMENTS } from './party-member.rules';

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
  organisationId: uuidInput('a Party organisation id'),
  name: personNameInput(),
  phone: phoneInput.nullish().transform((value) => value ?? null),
  residentId: residentIdInput,
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
  memberId: uuidInput('a Party member id'),
  posts: posts.min(1, 'a claim names at least 1 post'),
  serviceCommitments: serviceCommitments.min(1, 'a claim names at least 1 service commitment'),
  identityShown: z.boolean().nullish(),
});
export type ClaimPioneerPostsInput = z.infer<typeof claimPioneerPostsInput>;

export const assignTemporaryBranchInput = z.object({
  memberId: uuidInput('a Party member id'),
  branchId: uuidInput('a Party organisation id'),
});
export type AssignTemporaryBranchInput = z.infer<typeof assignTemporaryBranchInput>;

// ─── Double reporting (双报到) ─────────────────────────────────────────────────

const docNumber = (what: string) => codeInput({ label: `a ${what} number`, min: 2, max: 50 });

export const requestDoubleReportInput = z.object({
  memberId: uuidInput('a Party member id'),
  communityCode: regionCodeInput(['COMMUNITY'], 'a double report'),
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
  id: uuidInput('a double report id'),
  gridId: foreignId('grid'),
  volunteerTeamId: foreignId('volunteer team').nullish(),
});
export type AssignDoubleReportInput = z.infer<typeof assignDoubleReportInput>;

export const withdrawDoubleReportInput = z.object({
  id: uuidInput('a double report id'),
  reason: freeTextInput({ label: 'a reason', max: 500 }),
});
export type WithdrawDoubleReportInput = z.infer<typeof withdrawDoubleReportInput>;
