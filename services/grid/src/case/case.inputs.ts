import { codeInput, freeTextInput, noteInput, optionalText, personNameInput, regionCodeInput, thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { CASE_CHANNELS, deadlineOrderProblems, SEVERITY_CLASSES } from './case.rules';

const uuid = uuidInput;

const optionalNote = optionalText(noteInput());

/** The fields of a case raised from a report or a visit. */
export const caseContentInput = z.object({
  category: thingNameInput({ label: 'a category', max: 50 }),
  description: freeTextInput({ label: 'a description', min: 5, max: 2000 }),
  severity: z.enum(SEVERITY_CLASSES),
  compound: optionalText(thingNameInput({ label: 'a compound' })),
});

export type CaseContent = z.infer<typeof caseContentInput>;

export const reportCaseInput = caseContentInput
  .extend({
    gridId: uuid('a grid id').nullish(),
    householdId: uuid('a household id').nullish(),
    // The residential compound (property service) the case is about: its cases are the residents' voice in property scores.
    compoundId: uuid('a compound id')
      .nullish()
      .transform((v) => v ?? null),
    channel: z.enum(CASE_CHANNELS),
    // A client generates one per report (a UUID is ideal) and sends it again on every retry.
    idempotencyKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,100}$/, "an idempotency key is 8–100 letters, digits, '-' or '_'")
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((input, ctx) => {
    if (!input.gridId && !input.householdId)
      ctx.addIssue({ code: 'custom', path: ['gridId'], message: 'a case is located by a grid or a household' });
  });
export type ReportCaseInput = z.infer<typeof reportCaseInput>;

const transitionBase = z.object({
  caseId: uuid('a case id'),
  // When given, the change applies only to this version of the case (what the client last saw).
  expectedVersion: z.number().int().min(1).nullish(),
  note: optionalNote,
});
export const caseTransitionInput = transitionBase;
export type CaseTransitionInput = z.infer<typeof transitionBase>;

const reason = freeTextInput({ label: 'a reason', max: 1000 });

export const rejectCaseInput = transitionBase.extend({ reason });
export const assignCaseInput = transitionBase
  .extend({
    assigneeSubject: codeInput({ label: 'an assignee subject', max: 200 }).nullish(),
    assigneeName: personNameInput({ label: 'an assignee name' }).nullish(),
    departmentId: uuid('a department id')
      .nullish()
      .transform((id) => id?.toLowerCase() ?? null),
  })
  .superRefine((input, ctx) => {
    // A case goes to a person (subject and name) or to a department, never both.
    if (input.departmentId && (input.assigneeSubject || input.assigneeName))
      ctx.addIssue({ code: 'custom', path: ['departmentId'], message: 'name a department or a person (assigneeSubject), not both' });
    if (!input.departmentId && !input.assigneeSubject)
      ctx.addIssue({
        code: 'custom',
        path: ['assigneeSubject'],
        message: 'name the assignee (assigneeSubject) or a department (departmentId)',
      });
    if (input.assigneeSubject && !input.assigneeName)
      ctx.addIssue({ code: 'custom', path: ['assigneeName'], message: "give the assignee's name" });
  });
export const rateCaseInput = transitionBase.extend({
  rating: z.number().int('a rating is a whole number').min(1, 'a rating is 1–5').max(5, 'a rating is 1–5'),
  comment: optionalText(noteInput({ label: 'a comment', max: 500 })),
});
export const escalateCaseInput = transitionBase.extend({ reason });

export const blowWhistleInput = z
  .object({
    caseId: uuid('a case id'),
    whistleType: z.string().regex(/^[A-Z][A-Z0-9_]{1,29}$/, 'a whistle type code is 2–30 capital letters, digits or _'),
    departmentIds: z
      .array(uuid('a department id'))
      .max(10, 'at most 10 departments')
      .nullish()
      .transform((ids) => (ids ?? []).map((id) => id.toLowerCase())),
    limitHours: z
      .number()
      .int('a limit is a whole number of hours')
      .min(1, 'a limit is 1–720 hours')
      .max(720, 'a limit is 1–720 hours')
      .nullish(),
    note: optionalNote,
  })
  .superRefine((input, ctx) => {
    input.departmentIds.forEach((d, i) => {
      if (input.departmentIds.indexOf(d) !== i)
        ctx.addIssue({ code: 'custom', path: ['departmentIds', i], message: `${d} is named twice` });
    });
  });
export type BlowWhistleInput = z.infer<typeof blowWhistleInput>;

export const answerWhistleInput = z.object({ whistleId: uuid('a whistle id'), action: freeTextInput({ label: 'an action', max: 1000 }) });
export type AnswerWhistleInput = z.infer<typeof answerWhistleInput>;

const hours = (what: string) =>
  z.number().int(`${what} is a whole number of hours`).min(1, `${what} is 1–2160 hours`).max(2160, `${what} is 1–2160 hours`);
const days = (what: string) =>
  z.number().int(`${what} is a whole number of days`).min(1, `${what} is 1–90 days`).max(90, `${what} is 1–90 days`);

const casePolicyFields = z.object({
  smallHours: hours('smallHours'),
  bigHours: hours('bigHours'),
  hardHours: hours('hardHours'),
  urgentHours: hours('urgentHours'),
  autoCloseDays: days('autoCloseDays'),
  reopenDays: days('reopenDays'),
});

// A closed case cannot be reopened, so a longer reopen period would promise what cannot happen.
function reopenWithinQuietPeriod(input: { reopenDays: number; autoCloseDays: number }, ctx: z.RefinementCtx): void {
  if (input.reopenDays > input.autoCloseDays)
    ctx.addIssue({
      code: 'custom',
      path: ['reopenDays'],
      message: 'the reopen period cannot be longer than the quiet period before closing',
    });
}

// Deadlines in the order of the matters' weight (`DEADLINE_ORDER`: urgent ≤ small ≤ big ≤ hard).
function deadlinesInOrder(input: Parameters<typeof deadlineOrderProblems>[0], ctx: z.RefinementCtx): void {
  for (const problem of deadlineOrderProblems(input)) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
}

function policyRules(input: z.infer<typeof casePolicyFields>, ctx: z.RefinementCtx): void {
  reopenWithinQuietPeriod(input, ctx);
  deadlinesInOrder(input, ctx);
}

/**
 * The deadlines and periods of a county's case policy (the county setting `case-policy`). The order
 * of the deadlines is checked when a policy is set, not when a stored one is read: a county whose
 * policy predates the rule keeps working until it sets a new one.
 */
export const casePolicySchema = casePolicyFields.superRefine(reopenWithinQuietPeriod);

export const setCasePolicyInput = casePolicyFields
  .extend({ countyCode: regionCodeInput(['COUNTY'], 'a case policy') })
  .superRefine(policyRules);
export type SetCasePolicyInput = z.infer<typeof setCasePolicyInput>;
