import {
  badInput,
  conflict,
  COMMUNITY_MEMBERS,
  defineCommand,
  forbidden,
  recordForWrite,
  requireReference,
  requireWritableRegion,
  WRITERS,
  type CommandContext,
} from '@gg/shared';
import { creditServiceHours } from '../time-bank/time-bank.ledger';
import { serviceHolderOf } from '../time-bank/time-bank.rules';
import { Volunteer } from '../volunteer/volunteer.entity';
import { isAdminOf } from '../volunteer/volunteer.rules';
import { VolunteerTeam } from '../volunteer-team/volunteer-team.entity';
import { Activity, ActivitySignUp } from './activity.entity';
import { confirmAttendanceInput, createActivityInput, signUpForActivityInput } from './activity.inputs';
import { hasPlace, mayServeIn, minutesServed, overlaps } from './activity.rules';

/** Plans an activity in a community or street of the caller's scope; the caller is its organiser. */
export const createActivity = defineCommand({
  name: 'createActivity',
  input: createActivityInput,
  roles: WRITERS,
  async run(input, ctx) {
    requireWritableRegion(ctx.caller, input.regionCode, 'plan an activity', 'input.regionCode');
    await requireReference(ctx.manager, 'REGION', input.regionCode, { field: 'input.regionCode', identity: ctx.caller });
    if (input.teamId) {
      const team = await recordForWrite(ctx.manager, VolunteerTeam, input.teamId, {
        identity: ctx.caller,
        field: 'input.teamId',
        label: 'Volunteer team',
      });
      if (!input.regionCode.startsWith(team.regionCode))
        throw badInput('input.teamId', 'the team is not of the activity’s community or its street');
    }
    return ctx.manager.save(
      ctx.manager.create(Activity, {
        regionCode: input.regionCode,
        teamId: input.teamId,
        title: input.title,
        place: input.place,
        description: input.description,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        capacity: input.capacity,
        organiserSubject: ctx.caller.subject,
        organiserName: (ctx.caller.name || ctx.caller.subject).slice(0, 50),
      }),
    );
  },
});

/**
 * Signs a volunteer up (报名): by staff of the region, or by the volunteer themselves (their login
 * recorded on their record). Refused when the activity is full or overlaps another of the
 * volunteer's activities. The volunteer's row is locked first, then the activity's (always in that
 * order): the volunteer's own sign-ups are decided one after the other, and so are the activity's
 * places, so of concurrent sign-ups exactly `capacity` win.
 */
export const signUpForActivity = defineCommand({
  name: 'signUpForActivity',
  input: signUpForActivityInput,
  roles: [...WRITERS, ...COMMUNITY_MEMBERS.filter((r) => r !== 'RESIDENT')],
  async run(input, ctx) {
    const volunteer = await recordForWrite(ctx.manager, Volunteer, input.volunteerId, {
      identity: ctx.caller,
      field: 'input.volunteerId',
      label: 'Volunteer',
      lock: true,
    });
    const activity = await recordForWrite(ctx.manager, Activity, input.activityId, {
      identity: ctx.caller,
      field: 'input.activityId',
      label: 'Activity',
      lock: true,
    });
    const self = volunteer.accountSubject !== null && volunteer.accountSubject === ctx.caller.subject;
    if (!self && !isAdminOf(ctx.caller, activity.regionCode))
      throw forbidden('Only the volunteer themselves or an administrator of the region signs a volunteer up', 'input.volunteerId');
    if (!mayServeIn(volunteer.regionCode, activity.regionCode))
      throw badInput('input.volunteerId', 'the volunteer is not of the activity’s street');
    // Staff may record a sign-up afterwards (from the paper sheet); a volunteer signs up only before the end.
    if (activity.endsAt <= ctx.now && !isAdminOf(ctx.caller, activity.regionCode))
      throw conflict('The activity is over: sign-ups are closed', 'input.activityId');
    // The volunteer's sign-ups sharing any instant with this activity (the same activity included), by index.
    const clashes = await ctx.manager
      .createQueryBuilder(ActivitySignUp, 's')
      .where('s.volunteer_id = :volunteerId AND s.starts_at < :endsAt AND s.ends_at > :startsAt', {
        volunteerId: volunteer.id,
        startsAt: activity.startsAt,
        endsAt: activity.endsAt,
      })
      .getMany();
    if (clashes.some((s) => s.activityId === activity.id)) throw conflict('The volunteer is already signed up', 'input.volunteerId');
    const clash = clashes.find((s) => overlaps(s, activity));
    if (clash) throw conflict(`The volunteer has another activity at that time (${clash.activityId})`, 'input.volunteerId');
    const taken = await ctx.manager.countBy(ActivitySignUp, { activityId: activity.id });
    if (!hasPlace(taken, activity.capacity)) throw conflict(`The activity is full (${activity.capacity} places)`, 'input.activityId');
    return ctx.manager.save(
      ctx.manager.create(ActivitySignUp, {
        regionCode: activity.regionCode,
        activityId: activity.id,
        volunteerId: volunteer.id,
        startsAt: activity.startsAt,
        endsAt: activity.endsAt,
        signedUpAt: ctx.now,
        signedUpBy: ctx.caller.subject,
      }),
    );
  },
});

/** The organiser of the activity, or an administrator of its region acting for them. */
function isOrganiser(ctx: CommandContext, activity: Activity): boolean {
  return activity.organiserSubject === ctx.caller.subject || isAdminOf(ctx.caller, activity.regionCode);
}

/**
 * The organiser confirms a volunteer's attendance (签到签退): the minutes served inside the
 * activity's time are credited to the volunteer's time-bank account in the same transaction, once.
 * Confirming the same attendance again returns the sign-up unchanged and credits nothing; a
 * different one for a confirmed sign-up is a CONFLICT (a correction is a time-bank reversal).
 */
export const confirmAttendance = defineCommand({
  name: 'confirmAttendance',
  input: confirmAttendanceInput,
  roles: WRITERS,
  async run(input, ctx) {
    const activity = await recordForWrite(ctx.manager, Activity, input.activityId, {
      identity: ctx.caller,
      field: 'input.activityId',
      label: 'Activity',
    });
    const signUp = await ctx.manager.findOne(ActivitySignUp, {
      where: { activityId: activity.id, volunteerId: input.volunteerId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!signUp) throw badInput('input.volunteerId', 'the volunteer is not signed up for the activity');
    if (!isOrganiser(ctx, activity))
      throw forbidden('Only the organiser of the activity or an administrator of its region confirms attendance', 'input.activityId');
    if (signUp.attendanceConfirmedAt) {
      const same = signUp.arrivedAt?.getTime() === input.arrivedAt.getTime() && signUp.leftAt?.getTime() === input.leftAt.getTime();
      if (same) return signUp;
      throw conflict('Attendance is already confirmed (and credited); correct it by a time-bank reversal', 'input.volunteerId');
    }
    const minutes = minutesServed(activity, input.arrivedAt, input.leftAt);
    if (minutes === 0) throw badInput('input.leftAt', 'the attendance does not fall within the activity’s time');
    const volunteer = await ctx.manager.findOneByOrFail(Volunteer, { id: signUp.volunteerId });
    const transfer = await creditServiceHours(ctx, {
      holder: serviceHolderOf({ volunteer, regionCode: volunteer.regionCode }),
      minutes,
      reason: `志愿服务：${activity.title}`.slice(0, 200),
      sourceKey: `activity-sign-up:${signUp.id}`,
      field: 'input.volunteerId',
    });
    Object.assign(signUp, {
      arrivedAt: input.arrivedAt,
      leftAt: input.leftAt,
      minutesServed: minutes,
      attendanceConfirmedAt: ctx.now,
      attendanceConfirmedBy: ctx.caller.subject,
      transferId: transfer.id,
    });
    return ctx.manager.save(signUp);
  },
});

export const activityCommands = [createActivity, signUpForActivity, confirmAttendance];
