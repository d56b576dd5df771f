import { dateInput, PAST_DAY } from '@gg/shared';
import { z } from 'zod';
import { CROSS_APPOINTMENT_KINDS } from './cross-appointment.rules';

export const appointCrossRoleInput = z.object({
  companyId: z.string(),
  partyMemberId: z.string(),
  kind: z.enum(CROSS_APPOINTMENT_KINDS),
  since: dateInput(PAST_DAY, { label: 'the first day of the appointment' }),
});

export const endCrossAppointmentInput = z.object({
  appointmentId: z.string(),
  until: dateInput(PAST_DAY, { label: 'the last day of the appointment' }),
});
