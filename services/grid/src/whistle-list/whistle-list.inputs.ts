import { regionCodeInput, thingNameInput } from '@gg/shared';
import { z } from 'zod';
import { WHISTLE_ANSWERERS, WHISTLE_BLOWERS, whistleListProblems, type WhistleList } from './whistle-list.rules';

const whistleType = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,29}$/, 'a whistle type code is 2–30 capital letters, digits or _, starting with a letter'),
  name: thingNameInput({ label: 'a whistle type name', max: 50 }),
  blownBy: z.array(z.enum(WHISTLE_BLOWERS)).min(1, 'name who blows it: STREET and/or COMMUNITY').max(2, 'STREET and/or COMMUNITY'),
  answeredBy: z.enum(WHISTLE_ANSWERERS),
  answerHours: z.number().int('a limit is a whole number of hours').min(1, 'a limit is 1–720 hours').max(720, 'a limit is 1–720 hours'),
  steps: z
    .array(thingNameInput({ label: 'a step', max: 200 }))
    .min(1, 'give at least one step')
    .max(10, 'at most 10 steps'),
});

function listRules(list: WhistleList, ctx: z.RefinementCtx): void {
  for (const problem of whistleListProblems(list)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
}

const types = z.array(whistleType).min(1, 'a whistle list has at least one type').max(50, 'at most 50 whistle types');

/** A county's whistle list (the county setting `whistle-list`). */
export const whistleListSchema = z.object({ types }).superRefine(listRules);

export const setWhistleListInput = z
  .object({ countyCode: regionCodeInput(['COUNTY'], 'a whistle list'), types })
  .superRefine((input, ctx) => listRules(input, ctx));
export type SetWhistleListInput = z.infer<typeof setWhistleListInput>;
