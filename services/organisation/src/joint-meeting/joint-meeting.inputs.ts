import { dateInput, noteInput, optionalText, PAST_DAY, regionCodeInput, thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';

export const createJointMeetingBodyInput = z.object({
  name: thingNameInput(),
  regionCode: regionCodeInput(['COUNTY', 'STREET', 'COMMUNITY'], 'a joint meeting (a community one is its 大党委)'),
  memberUnits: z
    .array(thingNameInput({ label: 'a member unit' }))
    .min(1, 'a joint meeting has at least one member unit')
    .max(100, 'at most 100 member units')
    .superRefine((units, ctx) => {
      units.forEach((unit, i) => {
        if (units.indexOf(unit) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `${unit} is listed twice` });
      });
    }),
});
export type CreateJointMeetingBodyInput = z.infer<typeof createJointMeetingBodyInput>;

export const recordJointMeetingInput = z
  .object({
    bodyId: uuidInput('a joint meeting id'),
    heldOn: dateInput(PAST_DAY, { label: 'a meeting day' }),
    problemsTabled: z.number().int().min(0, 'at least 0').max(10000, 'at most 10000'),
    problemsSolved: z.number().int().min(0, 'at least 0'),
    note: optionalText(noteInput()),
  })
  .superRefine((input, ctx) => {
    if (input.problemsSolved > input.problemsTabled) {
      ctx.addIssue({ code: 'custom', path: ['problemsSolved'], message: 'a meeting solves at most the problems tabled at it' });
    }
  });
export type RecordJointMeetingInput = z.infer<typeof recordJointMeetingInput>;
