import type { RunningPlatform } from '../scripts/platform';
import { gql, startTestPlatform } from './helpers';
import { ENROL, volunteerWorld, type VolunteerWorld } from './volunteer-fixtures';

/**
 * Merchant rewards (红城星店) through the gateway: a shop registered in a community offers rewards for
 * time-bank hours; a redemption takes one from stock and debits the ledger the same way as any debit
 * (refused below the minimum with nothing written, the stock included), and gives a signed code the
 * shop's own account verifies once. Then the region's volunteer figures.
 */

const REDEEM = `mutation ($i: RedeemMerchantRewardInput!) { redeemMerchantReward(input: $i) {
  code redemption { id priceMinutes usedAt reward { id stock merchant { name } } transfer { kind entries { accountId minutes } } } } }`;
const VERIFY = 'mutation ($i: VerifyRedemptionInput!) { verifyRedemption(input: $i) { id usedAt reward { name } } }';
const BALANCE = 'query ($id: ID!) { timeBankAccount(id: $id) { balanceMinutes entries { totalCount } } }';

interface Receipt {
  code: string;
  redemption: {
    id: string;
    priceMinutes: number;
    usedAt: string | null;
    reward: { id: string; stock: number; merchant: { name: string } };
    transfer: { kind: string; entries: Array<{ accountId: string; minutes: number }> };
  };
}

describe('merchant rewards (红城星店) through the gateway', () => {
  let platform: RunningPlatform;
  let world: VolunteerWorld;
  let staff: string;
  let shop: string;
  let merchantId: string;
  let accountId: string;

  const redeem = async (rewardId: string, account = accountId) => {
    const result = await gql<{ redeemMerchantReward: Receipt }>(platform, staff, REDEEM, { i: { rewardId, accountId: account } });
    return { receipt: result.data?.redeemMerchantReward, error: result.errors?.[0]?.extensions };
  };
  const balance = async () =>
    (await world.must<{ timeBankAccount: { balanceMinutes: number; entries: { totalCount: number } } }>(staff, BALANCE, { id: accountId }))
      .timeBankAccount;
  const offer = async (name: string, priceMinutes: number, stock: number) =>
    (
      await world.must<{ offerMerchantReward: { id: string } }>(
        staff,
        'mutation ($i: OfferMerchantRewardInput!) { offerMerchantReward(input: $i) { id } }',
        { i: { merchantId, name, priceMinutes, stock } },
      )
    ).offerMerchantReward.id;

  beforeAll(async () => {
    platform = await startTestPlatform();
    world = await volunteerWorld(platform, '320904', '红城星店测试社区');
    staff = await world.token('COMMUNITY_STAFF', 'staff-shop');
    shop = await world.token('RESIDENT', 'shop-owner');
    const registered = await world.must<{ registerMerchant: { id: string } }>(
      staff,
      'mutation ($i: RegisterMerchantInput!) { registerMerchant(input: $i) { id } }',
      { i: { name: '红城星店·便民理发', regionCode: world.community, accountSubject: 'shop-owner' } },
    );
    merchantId = registered.registerMerchant.id;
    const team = await world.team('红城星店测试志愿服务队', ['助老陪护']);
    const { partyMemberId } = await world.partyVolunteer(team, await world.grid());
    const opened = await world.must<{ openTimeBankAccount: { id: string } }>(
      staff,
      'mutation ($i: OpenTimeBankAccountInput!) { openTimeBankAccount(input: $i) { id } }',
      { i: { partyMemberId } },
    );
    accountId = opened.openTimeBankAccount.id;
    await world.must(staff, 'mutation ($i: TimeBankPostingInput!) { creditTimeBankHours(input: $i) { id } }', {
      i: { accountId, minutes: 90, reason: '陪伴独居老人一个半小时' },
    });
  }, 120_000);
  afterAll(() => platform.stop());

  it('redeems: one from stock, the price debited in a balanced transfer, a code the shop uses once', async () => {
    const haircut = await offer('理发一次', 60, 1);
    const { receipt, error } = await redeem(haircut);
    expect(error).toBeUndefined();
    expect(receipt!.redemption).toMatchObject({
      priceMinutes: 60,
      usedAt: null,
      reward: { stock: 0, merchant: { name: '红城星店·便民理发' } },
    });
    expect(receipt!.redemption.transfer.kind).toBe('DEBIT');
    expect(receipt!.redemption.transfer.entries.reduce((sum, e) => sum + e.minutes, 0)).toBe(0);
    expect(receipt!.redemption.transfer.entries).toContainEqual({ accountId, minutes: -60 });
    expect(await balance()).toEqual({ balanceMinutes: 30, entries: { totalCount: 2 } });

    // Out of stock: refused, nothing debited.
    expect((await redeem(haircut)).error).toMatchObject({ code: 'CONFLICT', field: 'input.rewardId' });
    expect(await balance()).toEqual({ balanceMinutes: 30, entries: { totalCount: 2 } });

    // Only the shop's own account takes the code, once; a forged or altered one is refused.
    const verify = (token: string, code: string) =>
      gql<{ verifyRedemption: { id: string; usedAt: string | null } }>(platform, token, VERIFY, { i: { code } });
    expect((await verify(staff, receipt!.code)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.code' });
    const [id, signature] = receipt!.code.split('.');
    const altered = `${id}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    expect((await verify(shop, altered)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    const used = await verify(shop, receipt!.code);
    expect(used.errors).toBeUndefined();
    expect(used.data!.verifyRedemption).toMatchObject({ id: receipt!.redemption.id, usedAt: expect.any(String) });
    expect((await verify(shop, receipt!.code)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
    // The shop of another county finds nothing.
    const elsewhere = await world.token('RESIDENT', 'shop-owner', ['520201']);
    expect((await verify(elsewhere, receipt!.code)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.code' });
  });

  it('refuses a redemption the balance cannot pay: nothing written, the stock untouched', async () => {
    const voucher = await offer('九折优惠券', 60, 5);
    const before = await balance();
    expect(before.balanceMinutes).toBeLessThan(60);
    expect((await redeem(voucher)).error).toMatchObject({ code: 'CONFLICT', field: 'input.accountId' });
    expect(await balance()).toEqual(before);
    const stock = await world.must<{ merchants: { edges: Array<{ node: { rewards: Array<{ id: string; stock: number }> } }> } }>(
      staff,
      'query ($c: ID!) { merchants(regionCode: $c) { edges { node { rewards { id stock } } } } }',
      { c: world.community },
    );
    expect(stock.merchants.edges[0]!.node.rewards.find((r) => r.id === voucher)!.stock).toBe(5);
  });

  it('gives one of two concurrent redemptions of the last unit, and one of two concurrent uses of a code', async () => {
    await world.must(staff, 'mutation ($i: TimeBankPostingInput!) { creditTimeBankHours(input: $i) { id } }', {
      i: { accountId, minutes: 120, reason: '打扫楼道两小时' },
    });
    const last = await offer('洗车一次', 30, 1);
    const answers = await Promise.all([redeem(last), redeem(last)]);
    expect(answers.filter((a) => a.receipt)).toHaveLength(1);
    expect(answers.filter((a) => a.error?.code === 'CONFLICT')).toHaveLength(1);
    // Two tills scanning the one code at once: one takes it.
    const { code } = answers.find((a) => a.receipt)!.receipt!;
    const scans = await Promise.all([1, 2].map(() => gql(platform, shop, VERIFY, { i: { code } })));
    expect(scans.filter((s) => !s.errors)).toHaveLength(1);
    expect(scans.filter((s) => s.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(1);
  });

  it('counts the region’s volunteer figures for dashboards', async () => {
    const household = await world.household(await world.grid());
    await world.must(staff, ENROL, { i: { householdId: household, accountSubject: 'stats-leader' } });
    const resident = await world.token('RESIDENT', 'stats-resident');
    await world.must(resident, 'mutation ($i: PlaceServiceOrderInput!) { placeServiceOrder(input: $i) { id } }', {
      i: { category: 'ERRANDS', description: '帮忙代买药品', regionCode: world.community },
    });
    const STATS = `query ($c: ID!) { region(code: $c) { volunteerStats {
      teams teamsByCategory { category count } volunteers serviceTakers serviceOrders serviceOrdersByState { state count }
      averageRating averageMinutesToAccept timeBankCreditedMinutes timeBankSpentMinutes merchants redemptions redemptionsUsed
      activities { activities signUps attendances minutesServed hoursServed } wishes { posted onWall claimed fulfilled confirmed } } } }`;
    const dashboard = await world.token('DASHBOARD', 'dashboard', [world.street]);
    const stats = await world.must<{ region: { volunteerStats: Record<string, unknown> } }>(dashboard, STATS, { c: world.street });
    expect(stats.region.volunteerStats).toEqual({
      teams: 1,
      teamsByCategory: [{ category: 'OTHER', count: 1 }],
      volunteers: 1,
      serviceTakers: 1,
      serviceOrders: 1,
      serviceOrdersByState: [
        { state: 'PLACED', count: 1 },
        { state: 'DISPATCHED', count: 0 },
        { state: 'ACCEPTED', count: 0 },
        { state: 'DONE', count: 0 },
        { state: 'RATED', count: 0 },
        { state: 'CANCELLED', count: 0 },
      ],
      averageRating: null,
      averageMinutesToAccept: null,
      timeBankCreditedMinutes: 210,
      timeBankSpentMinutes: 90,
      merchants: 1,
      redemptions: 2,
      redemptionsUsed: 2,
      // Activities and wishes are counted in services/volunteer/test/volunteer-figures.test.ts; none here.
      activities: { activities: 0, signUps: 0, attendances: 0, minutesServed: 0, hoursServed: 0 },
      wishes: { posted: 0, onWall: 0, claimed: 0, fulfilled: 0, confirmed: 0 },
    });
  });

  it('redeems from a registered volunteer’s account credited by an activity, and from a household leader’s account', async () => {
    const HOUR = 3600 * 1000;
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const ACCOUNT = 'id holderKind partyMemberId volunteerId householdId balanceMinutes';
    const OPEN = `mutation ($i: OpenTimeBankAccountInput!) { openTimeBankAccount(input: $i) { ${ACCOUNT} } }`;
    const volunteerAccount = async (id: string) =>
      (
        await world.must<{ volunteer: { timeBankAccount: Record<string, unknown> & { id: string; balanceMinutes: number } } }>(
          staff,
          `query ($id: ID!) { volunteer(id: $id) { timeBankAccount { ${ACCOUNT} } } }`,
          { id },
        )
      ).volunteer.timeBankAccount;

    // A registered volunteer (no Party member) serves two hours at an activity: their own account is credited.
    const volunteerId = await world.registeredVolunteer({ accountSubject: 'redeem-volunteer' });
    const activity = (
      await world.must<{ createActivity: { id: string } }>(
        staff,
        'mutation ($i: CreateActivityInput!) { createActivity(input: $i) { id } }',
        { i: { regionCode: world.community, title: '楼道清扫', place: '3 栋', startsAt: at(-4 * HOUR), endsAt: at(-HOUR), capacity: 5 } },
      )
    ).createActivity.id;
    await world.must(staff, 'mutation ($i: SignUpForActivityInput!) { signUpForActivity(input: $i) { id } }', {
      i: { activityId: activity, volunteerId },
    });
    await world.must(staff, 'mutation ($i: ConfirmAttendanceInput!) { confirmAttendance(input: $i) { id } }', {
      i: { activityId: activity, volunteerId, arrivedAt: at(-4 * HOUR), leftAt: at(-2 * HOUR) },
    });
    const own = await volunteerAccount(volunteerId);
    expect(own).toMatchObject({ holderKind: 'VOLUNTEER', volunteerId, partyMemberId: null, householdId: null, balanceMinutes: 120 });
    // The account exists already: opening it again is a CONFLICT naming the volunteer.
    const again = await gql(platform, staff, OPEN, { i: { volunteerId } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.volunteerId' });

    const cinema = await offer('电影票一张', 90, 3);
    const spent = await redeem(cinema, own.id);
    expect(spent.error).toBeUndefined();
    expect(spent.receipt!.redemption.transfer.entries).toEqual(
      expect.arrayContaining([{ accountId: own.id, minutes: -90 }, expect.objectContaining({ minutes: 90 })]),
    );
    expect((await volunteerAccount(volunteerId)).balanceMinutes).toBe(30);
    // 30 minutes left: a second ticket is refused below the minimum, nothing written.
    expect((await redeem(cinema, own.id)).error).toMatchObject({ code: 'CONFLICT', field: 'input.accountId' });
    expect((await volunteerAccount(volunteerId)).balanceMinutes).toBe(30);

    // A household leader (联户长): an account held by their household, shown on their taker record.
    const household = await world.household(await world.grid());
    const both = await gql(platform, staff, OPEN, { i: { volunteerId, householdId: household } });
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.householdId' });
    const leaderAccount = (
      await world.must<{ openTimeBankAccount: Record<string, unknown> & { id: string } }>(staff, OPEN, { i: { householdId: household } })
    ).openTimeBankAccount;
    expect(leaderAccount).toMatchObject({ holderKind: 'HOUSEHOLD', householdId: household, volunteerId: null, balanceMinutes: 0 });
    const twice = await gql(platform, staff, OPEN, { i: { householdId: household } });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.householdId' });
    const taker = (
      await world.must<{ enrolServiceTaker: { id: string } }>(staff, ENROL, {
        i: { householdId: household, accountSubject: 'redeem-leader' },
      })
    ).enrolServiceTaker;
    await world.must(staff, 'mutation ($i: TimeBankPostingInput!) { creditTimeBankHours(input: $i) { id } }', {
      i: { accountId: leaderAccount.id, minutes: 60, reason: '联户走访一小时' },
    });
    expect((await redeem(cinema, leaderAccount.id)).error).toMatchObject({ code: 'CONFLICT', field: 'input.accountId' });
    const cheap = await offer('理发券', 45, 1);
    expect((await redeem(cheap, leaderAccount.id)).error).toBeUndefined();
    const takers = await world.must<{
      serviceTakers: { edges: Array<{ node: { id: string; timeBankAccount: { id: string; balanceMinutes: number } | null } }> };
    }>(
      staff,
      'query ($c: ID!) { serviceTakers(regionCode: $c, first: 50) { edges { node { id timeBankAccount { id balanceMinutes } } } } }',
      { c: world.community },
    );
    expect(takers.serviceTakers.edges.find((e) => e.node.id === taker.id)!.node.timeBankAccount).toEqual({
      id: leaderAccount.id,
      balanceMinutes: 15,
    });
  });
});
