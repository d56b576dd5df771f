import { badInput, conflict, defineCommand, isUniqueViolation, recordForWrite, requireReference, WRITERS } from '@gg/shared';
import { Volunteer } from '../volunteer/volunteer.entity';
import { ServiceTaker } from './service-taker.entity';
import { enrolServiceTakerInput } from './service-taker.inputs';
import { takerKindOf } from './service-taker.rules';

/**
 * Enrols a person to take service orders (接单人): a volunteer of this service (a Party member when the
 * volunteer came by double report) or a household leader named by their household. The taker lives in
 * the volunteer's or household's region and grid; each volunteer and household is enrolled once.
 */
export const enrolServiceTaker = defineCommand({
  name: 'enrolServiceTaker',
  input: enrolServiceTakerInput,
  roles: WRITERS,
  async run(input, ctx) {
    let source: { regionCode: string; gridId: string | null; field: string };
    let volunteer: Volunteer | null = null;
    if (input.volunteerId) {
      volunteer = await recordForWrite(ctx.manager, Volunteer, input.volunteerId, {
        identity: ctx.caller,
        field: 'input.volunteerId',
        label: 'Volunteer',
      });
      // A volunteer whose login was recorded at registration takes orders with that login, nobody else's.
      if (volunteer.accountSubject !== null && volunteer.accountSubject !== input.accountSubject)
        throw badInput('input.accountSubject', 'the volunteer’s record names their own login; a taker acts with that login only');
      source = { regionCode: volunteer.regionCode, gridId: volunteer.gridId, field: 'input.volunteerId' };
    } else {
      const household = await requireReference(ctx.manager, 'HOUSEHOLD', input.householdId!, {
        field: 'input.householdId',
        identity: ctx.caller,
      });
      source = { regionCode: household.regionCode, gridId: household.parentKey, field: 'input.householdId' };
    }
    try {
      return await ctx.manager.save(
        ctx.manager.create(ServiceTaker, {
          regionCode: source.regionCode,
          kind: takerKindOf({ volunteer, householdId: input.householdId }),
          volunteerId: input.volunteerId ?? null,
          householdId: input.householdId ?? null,
          gridId: source.gridId,
          accountSubject: input.accountSubject,
          skills: input.skills,
          enrolledBy: ctx.caller.subject,
          enrolledAt: ctx.now,
        }),
      );
    } catch (error) {
      // The partial unique indexes decide: two concurrent enrolments of one person cannot both pass.
      if (isUniqueViolation(error)) throw conflict('This person is already enrolled as a taker', source.field);
      throw error;
    }
  },
});
