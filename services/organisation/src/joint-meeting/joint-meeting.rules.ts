import { z } from 'zod';

export const createJointMeetingBodyInput = z.object({
  name: z.string().trim().min(2, 'a name has at least 2 characters').max(100, 'a name has at most 100 characters'),
  regionCode: z
    .string()
    .regex(/^(\d{6}|\d{9}|\d{12})$/, 'a joint meeting sits at a county, a street or a community (大党委): 6, 9 or 12 digits'),
  memberUnits: z
    .array(z.string().trim().min(2, 'at least 2 characters').max(100, 'at most 100 characters'))
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
    bodyId: z.uuid('not a valid id'),
    heldOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD'),
    problemsTabled: z.number().int().min(0, 'at least 0').max(10000, 'at most 10000'),
    problemsSolved: z.number().int().min(0, 'at least 0'),
    note: z.string().trim().max(1000, 'a note has at most 1000 characters').nullish(),
  })
  .superRefine((input, ctx) => {
    if (input.problemsSolved > input.problemsTabled) {
      ctx.addIssue({ code: 'custom', path: ['problemsSolved'], message: 'a meeting solves at most the problems tabled at it' });
    }
  });
export type RecordJointMeetingInput = z.infer<typeof recordJointMeetingInput>;
