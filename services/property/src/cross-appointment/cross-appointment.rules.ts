/** The two directions of "two-way entry, cross appointment" (双向进入、交叉任职, Liupanshui). */
export const CROSS_APPOINTMENT_KINDS = ['COMMUNITY_PROPERTY_ADVISER', 'PART_TIME_COMMUNITY_PARTY_MEMBER'] as const;
export type CrossAppointmentKind = (typeof CROSS_APPOINTMENT_KINDS)[number];

/** Why an appointment cannot end on `until` (before it began, or already ended), or undefined. */
export function appointmentEndProblem(appointment: { since: string; until: string | null }, until: string): string | undefined {
  if (appointment.until !== null) return `the appointment already ended on ${appointment.until}`;
  // YYYY-MM-DD: string order is date order.
  if (until < appointment.since) return `an appointment cannot end (${until}) before it began (${appointment.since})`;
  return undefined;
}
