import {
  badInput,
  conflict,
  defineCommand,
  isUniqueViolation,
  requireReference,
  requireWritableRegion,
  WRITERS,
  recordForWrite,
} from '@gg/shared';
import { PropertyCompany } from '../property-company/property-company.entity';
import { CrossAppointment } from './cross-appointment.entity';
import { appointCrossRoleInput, endCrossAppointmentInput } from './cross-appointment.inputs';
import { appointmentEndProblem } from './cross-appointment.rules';

/** Records a cross appointment of a Party member (a PARTY_MEMBER reference in the caller's scope) with a company. */
export const appointCrossRole = defineCommand({
  name: 'appointCrossRole',
  input: appointCrossRoleInput,
  roles: WRITERS,
  async run(input, ctx) {
    const company = await recordForWrite(ctx.manager, PropertyCompany, input.companyId, {
      identity: ctx.caller,
      field: 'input.companyId',
      label: 'Property company',
      lock: true,
    });
    requireWritableRegion(ctx.caller, company.regionCode, 'appoint for a property company', 'input.companyId');
    await requireReference(ctx.manager, 'PARTY_MEMBER', input.partyMemberId, { field: 'input.partyMemberId', identity: ctx.caller });
    try {
      await ctx.manager.insert(CrossAppointment, {
        companyId: company.id,
        regionCode: company.regionCode,
        kind: input.kind,
        partyMemberId: input.partyMemberId,
        since: input.since,
        until: null,
        recordedBy: ctx.caller.subject,
      });
    } catch (error) {
      // The partial unique index decides, so two concurrent appointments cannot both open.
      if (isUniqueViolation(error))
        throw conflict(`Party member ${input.partyMemberId} already holds this appointment`, 'input.partyMemberId');
      throw error;
    }
    return company;
  },
});

/** Ends a cross appointment on a day; the appointment stays in the company's record. */
export const endCrossAppointment = defineCommand({
  name: 'endCrossAppointment',
  input: endCrossAppointmentInput,
  roles: WRITERS,
  async run(input, ctx) {
    const appointment = await recordForWrite(ctx.manager, CrossAppointment, input.appointmentId, {
      identity: ctx.caller,
      field: 'input.appointmentId',
      label: 'Cross appointment',
      lock: true,
    });
    requireWritableRegion(ctx.caller, appointment.regionCode, 'end a cross appointment', 'input.appointmentId');
    // An ended appointment is a state, not a bad input: ending it again conflicts with the record.
    if (appointment.until !== null) throw conflict(`The appointment already ended on ${appointment.until}`, 'input.appointmentId');
    const problem = appointmentEndProblem(appointment, input.until);
    if (problem) throw badInput('input.until', problem);
    await ctx.manager.update(CrossAppointment, { id: appointment.id }, { until: input.until });
    return ctx.manager.findOneByOrFail(PropertyCompany, { id: appointment.companyId });
  },
});
