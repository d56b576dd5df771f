import {
  freeTextInput,
  instantInput,
  optionalText,
  PAST_INSTANT,
  regionCodeInput,
  thingNameInput,
  uuidInput,
  type InstantRange,
} from '@gg/shared';
import { z } from 'zod';
import { activityTimeProblem, MAX_CAPACITY } from './activity.rules';

/** An activity is planned at most a year ahead; one recorded afterwards may be in the past (not before 2000). */
const PLANNED_INSTANT: InstantRange = {
  earliest: { at: new Date('2000-01-01T00:00:00+08:00') },
  latest: { msFromNow: 366 * 24 * 3600 * 1000 },
  rule: 'is at most a year from now and not before 2000',
};

export const createActivityInput = z
  .object({
    regionCode: regionCodeInput(['STREET', 'COMMUNITY'], 'an activity'),
    teamId: uuidInput('a volunteer team')
      .nullish()
      .transform((value) => value ?? null),
    title: thingNameInput({ label: 'a title' }),
    place: thingNameInput({ label: 'a place', min: 2, max: 200 }),
    description: optionalText(freeTextInput({ label: 'a description', min: 1, max: 1000 })),
    startsAt: instantInput(PLANNED_INSTANT, { label: 'the start' }),
    endsAt: instantInput(PLANNED_INSTANT, { label: 'the end' }),
    capacity: z.number().int().min(1, 'an activity takes at least one volunteer').max(MAX_CAPACITY, `at most ${MAX_CAPACITY} volunteers`),
  })
  .superRefine((input, ctx) => {
    const problem = activityTimeProblem(input);
    if (problem) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: problem });
  });

export const signUpForActivityInput = z.object({
  activityId: uuidInput('an activity'),
  volunteerId: uuidInput('a volunteer'),
});

export const confirmAttendanceInput = z
  .object({
    activityId: uuidInput('an activity'),
    volunteerId: uuidInput('a volunteer'),
    arrivedAt: instantInput(PAST_INSTANT, { label: 'the arrival' }),
    leftAt: instantInput(PAST_INSTANT, { label: 'the leaving' }),
  })
  .superRefine((input, ctx) => {
    if (input.leftAt <= input.arrivedAt) ctx.addIssue({ code: 'custom', path: ['leftAt'], message: 'a volunteer leaves after arriving' });
  });
