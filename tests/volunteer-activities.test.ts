import type { RunningPlatform } from '../scripts/platform';
import { gql, seedCommunity, startTestPlatform, tokenFor } from './helpers';
import { randomResidentId } from './matrix/grid';

/**
 * Activities through the gateway: sign-ups within capacity (also concurrent: exactly `capacity`
 * win), no two overlapping activities for one volunteer (also concurrent), a volunteer signing up
 * themselves, attendance confirmed by the organiser and its minutes credited to the time bank once.
 */

const COUNTY = '520201';
const HOUR = 3600 * 1000;
const at = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

const CREATE = 'mutation ($i: CreateActivityInput!) { createActivity(input: $i) { id capacity signedUp organiserName } }';
const SIGN_UP = 'mutation ($i: SignUpForActivityInput!) { signUpForActivity(input: $i) { id } }';
const CONFIRM = `mutation ($i: ConfirmAttendanceInput!) { confirmAttendance(input: $i) {
  id minutesServed attendanceConfirmedAt timeBankTransfer { id kind entries { minutes accountId } }
} }`;
const BALANCE = `query ($id: ID!) { volunteer(id: $id) { timeBankAccount { id holderKind volunteerId balanceMinutes } } }`;

type Errors = Array<{ extensions?: { code?: string; field?: string } }> | undefined;

describe('activities through the gateway', () => {
  let platform: RunningPlatform;
  let community: string;
  let organiser: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    ({ community } = await seedCommunity(platform, COUNTY, '活动测试社区'));
    organiser = await tokenFor({ sub: 'organiser-chen', name: '陈组织', roles: ['COMMUNITY_STAFF'], regions: [community] });
  }, 60_000);
  afterAll(() => platform.stop());

  async function volunteer(accountSubject?: string): Promise<string> {
    const result = await gql<{ registerVolunteer: { id: string } }>(
      platform,
      organiser,
      'mutation ($i: RegisterVolunteerInput!) { registerVolunteer(input: $i) { id } }',
      { i: { regionCode: community, name: '志愿者', residentId: randomResidentId(COUNTY), accountSubject } },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.registerVolunteer.id;
  }

  async function activity(input: Record<string, unknown>): Promise<string> {
    const result = await gql<{ createActivity: { id: string; organiserName: string } }>(platform, organiser, CREATE, {
      i: { regionCode: community, title: '重阳节敬老服务', place: '社区养老服务站', capacity: 10, ...input },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.createActivity.organiserName).toBe('陈组织');
    return result.data!.createActivity.id;
  }

  const signUp = (activityId: string, volunteerId: string, token = organiser) =>
    gql<{ signUpForActivity: { id: string } }>(platform, token, SIGN_UP, { i: { activityId, volunteerId } });
  const codes = (results: Array<{ errors?: Errors }>) => results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();

  it('lets exactly `capacity` of many concurrent sign-ups in; the others are refused as full', async () => {
    const activityId = await activity({ startsAt: at(48 * HOUR), endsAt: at(50 * HOUR), capacity: 3 });
    const volunteers = await Promise.all(Array.from({ length: 8 }, () => volunteer()));
    const results = await Promise.all(volunteers.map((v) => signUp(activityId, v)));
    expect(codes(results)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'OK', 'OK', 'OK']);
    expect(results.filter((r) => r.errors).every((r) => r.errors![0]!.extensions!.field === 'input.activityId')).toBe(true);
    const read = await gql<{ activity: { signedUp: number; signUps: { totalCount: number } } }>(
      platform,
      organiser,
      'query ($id: ID!) { activity(id: $id) { signedUp signUps { totalCount } } }',
      { id: activityId },
    );
    expect(read.data!.activity).toEqual({ signedUp: 3, signUps: { totalCount: 3 } });
  });

  it('refuses a volunteer two overlapping activities (also when asked at once), not adjacent ones', async () => {
    const morning = await activity({ startsAt: at(72 * HOUR), endsAt: at(75 * HOUR) });
    const overlapping = await activity({ startsAt: at(74 * HOUR), endsAt: at(76 * HOUR) });
    const adjacent = await activity({ startsAt: at(75 * HOUR), endsAt: at(77 * HOUR) });
    const v = await volunteer();
    expect((await signUp(morning, v)).errors).toBeUndefined();
    const clash = await signUp(overlapping, v);
    expect(clash.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.volunteerId' });
    expect((await signUp(adjacent, v)).errors).toBeUndefined();
    expect((await signUp(morning, v)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.volunteerId' });

    const w = await volunteer();
    const both = await Promise.all([signUp(morning, w), signUp(overlapping, w)]);
    expect(codes(both)).toEqual(['CONFLICT', 'OK']);
  });

  it('lets a volunteer sign themselves up before the end, not anyone else, and not afterwards', async () => {
    const mine = await volunteer('volunteer-self');
    const other = await volunteer();
    const self = await tokenFor({ sub: 'volunteer-self', roles: ['VOLUNTEER'], regions: [community] });
    const ahead = await activity({ startsAt: at(96 * HOUR), endsAt: at(97 * HOUR) });
    expect((await signUp(ahead, mine, self)).errors).toBeUndefined();
    expect((await signUp(ahead, other, self)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.volunteerId' });
    const over = await activity({ startsAt: at(-3 * HOUR), endsAt: at(-2 * HOUR) });
    expect((await signUp(over, mine, self)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.activityId' });
    // Staff record a sign-up from the paper sheet afterwards.
    expect((await signUp(over, mine)).errors).toBeUndefined();
  });

  it('credits the minutes served inside the activity’s time to the volunteer’s account once, however often it is confirmed', async () => {
    const activityId = await activity({ title: '小区环境整治', startsAt: at(-6 * HOUR), endsAt: at(-4 * HOUR) });
    const v = await volunteer();
    expect((await signUp(activityId, v)).errors).toBeUndefined();
    // Arrived 10 minutes early, left 30 minutes before the end: 90 minutes served.
    const attendance = { activityId, volunteerId: v, arrivedAt: at(-6 * HOUR - 10 * 60_000), leftAt: at(-4.5 * HOUR) };
    const confirmations = await Promise.all([1, 2, 3].map(() => gql(platform, organiser, CONFIRM, { i: attendance })));
    const transfers = new Set<string>();
    for (const c of confirmations) {
      expect(c.errors).toBeUndefined();
      const signUp = (c.data as { confirmAttendance: { minutesServed: number; timeBankTransfer: { id: string; kind: string } } })
        .confirmAttendance;
      expect(signUp.minutesServed).toBe(90);
      expect(signUp.timeBankTransfer.kind).toBe('CREDIT');
      transfers.add(signUp.timeBankTransfer.id);
    }
    expect(transfers.size).toBe(1);
    const account = await gql<{ volunteer: { timeBankAccount: Record<string, unknown> } }>(platform, organiser, BALANCE, { id: v });
    expect(account.data!.volunteer.timeBankAccount).toMatchObject({ holderKind: 'VOLUNTEER', volunteerId: v, balanceMinutes: 90 });
    // A different attendance after the credit is a conflict (a correction is a time-bank reversal).
    const changed = await gql(platform, organiser, CONFIRM, { i: { ...attendance, leftAt: at(-4 * HOUR) } });
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.volunteerId' });
    expect(
      (await gql<{ volunteer: { timeBankAccount: { balanceMinutes: number } } }>(platform, organiser, BALANCE, { id: v })).data!.volunteer
        .timeBankAccount.balanceMinutes,
    ).toBe(90);
  });

  it('refuses attendance outside the activity’s time or for a volunteer not signed up, and from another county', async () => {
    const activityId = await activity({ startsAt: at(-10 * HOUR), endsAt: at(-9 * HOUR) });
    const v = await volunteer();
    const notSignedUp = await gql(platform, organiser, CONFIRM, {
      i: { activityId, volunteerId: v, arrivedAt: at(-10 * HOUR), leftAt: at(-9 * HOUR) },
    });
    expect(notSignedUp.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.volunteerId' });
    expect((await signUp(activityId, v)).errors).toBeUndefined();
    const outside = await gql(platform, organiser, CONFIRM, {
      i: { activityId, volunteerId: v, arrivedAt: at(-8 * HOUR), leftAt: at(-7 * HOUR) },
    });
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.leftAt' });
    const outsider = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520322'] });
    const foreign = await gql(platform, outsider, CONFIRM, {
      i: { activityId, volunteerId: v, arrivedAt: at(-10 * HOUR), leftAt: at(-9 * HOUR) },
    });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.activityId' });
    const list = await gql<{ activities: { totalCount: number } }>(
      platform,
      outsider,
      'query ($c: ID!) { activities(regionCode: $c) { totalCount } }',
      { c: community },
    );
    expect(list.data!.activities.totalCount).toBe(0);
  });
});
