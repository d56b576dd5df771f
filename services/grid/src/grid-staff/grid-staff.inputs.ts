import { codeInput, instantInput, optionalText, PAST_INSTANT, personNameInput, phoneInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { GRID_STAFF_ROLES, GRIDWORKER_EMPLOYMENTS, GRIDWORKER_POSTS, RECRUITED_FROM, staffProblem } from './grid-staff.rules';

export const appointGridStaffInput = z
  .object({
    gridId: uuidInput('a grid id'),
    name: personNameInput(),
    phone: phoneInput.nullish().transform((v) => v ?? null),
    role: z.enum(GRID_STAFF_ROLES),
    employment: z
      .enum(GRIDWORKER_EMPLOYMENTS)
      .nullish()
      .transform((v) => v ?? null),
    post: z
      .enum(GRIDWORKER_POSTS)
      .nullish()
      .transform((v) => v ?? null),
    recruitedFrom: z
      .enum(RECRUITED_FROM)
      .nullish()
      .transform((v) => v ?? null),
    subject: optionalText(codeInput({ label: 'an account subject', max: 200 })),
  })
  .superRefine((input, ctx) => {
    const problem = staffProblem(input);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });
export type AppointGridStaffInput = z.infer<typeof appointGridStaffInput>;

export const endGridStaffAppointmentInput = z.object({
  staffId: uuidInput('a staff id'),
  /** When the appointment ended; now when omitted. */
  endedAt: instantInput(PAST_INSTANT, { label: 'the end of an appointment' }).nullish(),
});
export type EndGridStaffAppointmentInput = z.infer<typeof endGridStaffAppointmentInput>;
