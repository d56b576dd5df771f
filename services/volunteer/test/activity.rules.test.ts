import fc from 'fast-check';
import { confirmAttendanceInput, createActivityInput } from '../src/activity/activity.inputs';
import { activityTimeProblem, hasPlace, mayServeIn, minutesServed, overlaps } from '../src/activity/activity.rules';

const t = (hhmm: string) => new Date(`2026-12-05T${hhmm}:00+08:00`);
const span = (from: string, to: string) => ({ startsAt: t(from), endsAt: t(to) });

describe('activity rules', () => {
  it('finds overlapping activities; touching ends do not overlap', () => {
    expect(overlaps(span('09:00', '11:00'), span('10:00', '12:00'))).toBe(true);
    expect(overlaps(span('09:00', '11:00'), span('09:30', '10:00'))).toBe(true);
    expect(overlaps(span('09:00', '10:00'), span('10:00', '11:00'))).toBe(false);
    expect(overlaps(span('10:00', '11:00'), span('09:00', '10:00'))).toBe(false);
  });

  it('is symmetric, and a span overlaps itself (property)', () => {
    const arbitrarySpan = fc
      .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 600 }))
      .map(([start, length]) => ({ startsAt: new Date(start * 60_000), endsAt: new Date((start + length) * 60_000) }));
    fc.assert(fc.property(arbitrarySpan, arbitrarySpan, (a, b) => overlaps(a, b) === overlaps(b, a) && overlaps(a, a)));
  });

  it('counts the minutes served inside the activity’s time only, rounded down', () => {
    const activity = span('09:00', '11:00');
    expect(minutesServed(activity, t('08:30'), t('11:30'))).toBe(120);
    expect(minutesServed(activity, t('09:10'), t('10:40'))).toBe(90);
    expect(minutesServed(activity, new Date(t('09:00').getTime() + 59_999), t('09:02'))).toBe(1);
    expect(minutesServed(activity, t('07:00'), t('08:00'))).toBe(0);
    expect(minutesServed(activity, t('11:00'), t('12:00'))).toBe(0);
  });

  it('never credits more than the activity lasts nor less than nothing (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -600, max: 600 }), fc.integer({ min: 0, max: 1200 }), (arrive, stay) => {
        const activity = span('09:00', '11:00');
        const arrivedAt = new Date(t('09:00').getTime() + arrive * 60_000);
        const served = minutesServed(activity, arrivedAt, new Date(arrivedAt.getTime() + stay * 60_000));
        return served >= 0 && served <= 120 && served <= stay;
      }),
    );
  });

  it('keeps a place only below capacity, and activities within a day', () => {
    expect(hasPlace(2, 3)).toBe(true);
    expect(hasPlace(3, 3)).toBe(false);
    expect(activityTimeProblem(span('09:00', '09:00'))).toBe('an activity ends after it starts');
    expect(activityTimeProblem({ startsAt: t('09:00'), endsAt: new Date(t('09:00').getTime() + 25 * 3600_000) })).toMatch(/24 hours/);
    expect(activityTimeProblem(span('09:00', '21:00'))).toBeUndefined();
  });

  it('lets volunteers serve in activities of their own street', () => {
    expect(mayServeIn('520201001001', '520201001001')).toBe(true);
    expect(mayServeIn('520201001001', '520201001002')).toBe(true);
    expect(mayServeIn('520201001001', '520201001')).toBe(true);
    expect(mayServeIn('520201001001', '520201002001')).toBe(false);
  });

  it('names the field of a wrong time: the end before the start, a start more than a year ahead, an attendance in the future', () => {
    const valid = {
      regionCode: '520201001001',
      title: '敬老服务',
      place: '养老服务站',
      startsAt: new Date(Date.now() + 3600_000),
      endsAt: new Date(Date.now() + 7200_000),
      capacity: 5,
    };
    expect(createActivityInput.safeParse(valid).success).toBe(true);
    const backwards = createActivityInput.safeParse({ ...valid, endsAt: valid.startsAt });
    expect(backwards.success ? undefined : backwards.error.issues[0]!.path).toEqual(['endsAt']);
    const far = createActivityInput.safeParse({ ...valid, startsAt: new Date('2099-06-01T00:00:00Z') });
    expect(far.success ? undefined : far.error.issues[0]!.path).toEqual(['startsAt']);
    const zero = createActivityInput.safeParse({ ...valid, capacity: 0 });
    expect(zero.success ? undefined : zero.error.issues[0]!.path).toEqual(['capacity']);
    const future = confirmAttendanceInput.safeParse({
      activityId: '00000000-0000-4000-8000-000000000001',
      volunteerId: '00000000-0000-4000-8000-000000000002',
      arrivedAt: new Date(Date.now() - 3600_000),
      leftAt: new Date(Date.now() + 3600_000),
    });
    expect(future.success ? undefined : future.error.issues[0]!.path).toEqual(['leftAt']);
  });
});
