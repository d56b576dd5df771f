import { tableOf } from '@gg/shared';
import type { RunningPlatform } from '../scripts/platform';
import { gql, startTestPlatform, tokenFor } from './helpers';
import { ENROL, volunteerWorld, type VolunteerWorld } from './volunteer-fixtures';

/**
 * Review of the order credits, holders' own redemptions and cancellations, through the gateway, as
 * their users would use them at the same moment: a holder redeeming in the app while the resident
 * rates the order they served (the credit) or while their other device cancels an earlier
 * redemption; an order declined and dispatched again credited to the taker who served it only; a
 * Party member redeeming by the member claim from the account their first order opened; and the
 * street's dashboard and the ledger's invariants agreeing after all of it.
 */

const ORDER = 'id state';
const PLACE = `mutation ($i: PlaceServiceOrderInput!) { placeServiceOrder(input: $i) { ${ORDER} } }`;
const DISPATCH = `mutation ($i: DispatchServiceOrderInput!) { dispatchServiceOrder(input: $i) { ${ORDER} } }`;
const ACCEPT = `mutation ($i: ServiceOrderStepInput!) { acceptServiceOrder(input: $i) { ${ORDER} } }`;
const DECLINE = `mutation ($i: DeclineServiceOrderInput!) { declineServiceOrder(input: $i) { ${ORDER} } }`;
const COMPLETE = `mutation ($i: CompleteServiceOrderInput!) { completeServiceOrder(input: $i) { ${ORDER} } }`;
const RATE = `mutation ($i: RateServiceOrderInput!) { rateServiceOrder(input: $i) { ${ORDER} } }`;
const REDEEM_MINE = `mutation ($i: RedeemMyMerchantRewardInput!) { redeemMyMerchantReward(input: $i) {
  code redemption { id transfer { id } } } }`;
const CANCEL = 'mutation ($i: CancelRewardRedemptionInput!) { cancelRewardRedemption(input: $i) { id cancelledAt } }';
const MINE = '{ myTimeBankAccounts { id holderKind balanceMinutes } }';

interface Answer {
  data?: Record<string, unknown>;
  error?: Record<string, unknown>;
}

describe('review: time-bank credits of service orders and holders’ redemptions, used at the same time', () => {
  let platform: RunningPlatform;
  let world: VolunteerWorld;
  let staff: string;
  let resident: string;
  let merchantId: string;
  let rewardId: string;
  const taker = { id: '', token: '', accountId: '' };

  const call = async (token: string, query: string, input: Record<string, unknown>): Promise<Answer> => {
    const result = await gql<Record<string, unknown>>(platform, token, query, { i: input });
    return {
      data: result.data ? (Object.values(result.data)[0] as Record<string, unknown>) : undefined,
      error: result.errors?.[0]?.extensions,
    };
  };
  const must = async <T = Record<string, unknown>>(token: string, query: string, input: Record<string, unknown>): Promise<T> => {
    const answer = await call(token, query, input);
    if (answer.error || !answer.data) throw new Error(`${query}: ${JSON.stringify(answer.error)}`);
    return answer.data as T;
  };
  const place = () =>
    must<{ id: string }>(resident, PLACE, { category: 'ERRANDS', description: '帮独居老人代买药品', regionCode: world.community });
  const doneBy = async (who: { id: string; token: string }, minutesServed: number) => {
    const order = await place();
    await must(staff, DISPATCH, { orderId: order.id, takerId: who.id });
    await must(who.token, ACCEPT, { orderId: order.id });
    await must(who.token, COMPLETE, { orderId: order.id, minutesServed });
    return order.id;
  };
  const balanceOf = async (token: string) =>
    (await world.must<{ myTimeBankAccounts: Array<{ id: string; balanceMinutes: number }> }>(token, MINE)).myTimeBankAccounts;

  /**
   * Holds, from another connection, the unique key a first request's transfer will take (its source
   * key or the transfer it reverses), so that the first request waits with the accounts it has locked;
   * sends the second request meanwhile, and lets the first go once the second has written its own
   * entries or waits too. Two transfers that lock accounts in opposite orders then meet.
   */
  async function meetAtTheLedger(
    column: 'source_key' | 'reverses_id',
    value: string,
    first: () => Promise<Answer>,
    second: () => Promise<Answer>,
  ) {
    const volunteer = platform.dataSources.volunteer!;
    const holder = platform.dataSources.organisation!.createQueryRunner();
    await holder.connect();
    const blockedBehind = async (pid: number) =>
      (
        (await platform.dataSources.organisation!.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> $1 AND cardinality(pg_blocking_pids(pid)) > 0 AND query LIKE '%time_bank%'`,
          [pid],
        )) as [{ n: number }]
      )[0].n;
    try {
      await holder.startTransaction();
      await holder.query(
        `INSERT INTO ${tableOf(volunteer, 'time_bank_transfer')} (kind, reason, region_code, recorded_by, recorded_at, ${column})
         VALUES ($1, 'held by the review test', $2, 'review-test', now(), $3)`,
        [column === 'source_key' ? 'CREDIT' : 'REVERSAL', world.community, value],
      );
      const [{ pid }] = (await holder.query('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
      const firstAnswer = first();
      while ((await blockedBehind(pid)) < 1) await new Promise((resolve) => setTimeout(resolve, 5));
      let secondSettled = false;
      const secondAnswer = second().finally(() => (secondSettled = true));
      for (let i = 0; i < 400 && !secondSettled && (await blockedBehind(pid)) < 2; i++)
        await new Promise((resolve) => setTimeout(resolve, 5));
      await holder.rollbackTransaction();
      return await Promise.all([firstAnswer, secondAnswer]);
    } finally {
      await holder.release();
    }
  }

  beforeAll(async () => {
    platform = await startTestPlatform();
    world = await volunteerWorld(platform, '320925', '时间银行复核测试社区');
    staff = await world.token('COMMUNITY_STAFF', 'staff-rv-credits');
    resident = await world.token('RESIDENT', 'resident-rv-credits');
    const volunteerId = await world.registeredVolunteer({ accountSubject: 'rv-credit-volunteer' });
    taker.id = (await must<{ id: string }>(staff, ENROL, { volunteerId, accountSubject: 'rv-credit-volunteer' })).id;
    taker.token = await world.token('VOLUNTEER', 'rv-credit-volunteer');
    // The taker's account, opened by their first rated order.
    await must(resident, RATE, { orderId: await doneBy(taker, 300), rating: 5 });
    taker.accountId = (await balanceOf(taker.token))[0]!.id;
    merchantId = (
      await world.must<{ registerMerchant: { id: string } }>(
        staff,
        'mutation ($i: RegisterMerchantInput!) { registerMerchant(input: $i) { id } }',
        { i: { name: '红城星店·复核测试店', regionCode: world.community, accountSubject: 'shop-rv-credits' } },
      )
    ).registerMerchant.id;
    rewardId = (
      await must<{ id: string }>(staff, 'mutation ($i: OfferMerchantRewardInput!) { offerMerchantReward(input: $i) { id } }', {
        merchantId,
        name: '复核测试饮品券',
        priceMinutes: 10,
        stock: 50,
      })
    ).id;
  }, 120_000);
  afterAll(() => platform.stop());

  it('a holder’s redemption meeting the credit of the order they served: both go through (no deadlock)', async () => {
    const orderId = await doneBy(taker, 60);
    const before = (await balanceOf(taker.token))[0]!.balanceMinutes;
    const [rated, redeemed] = await meetAtTheLedger(
      'source_key',
      `service-order:${orderId}`,
      () => call(resident, RATE, { orderId, rating: 5 }),
      () => call(taker.token, REDEEM_MINE, { rewardId, accountId: taker.accountId }),
    );
    expect([rated!.error, redeemed!.error]).toEqual([undefined, undefined]);
    expect((await balanceOf(taker.token))[0]!.balanceMinutes).toBe(before + 60 - 10);
  });

  it('a holder’s redemption meeting the cancellation of another of theirs: both go through (no deadlock)', async () => {
    const earlier = await must<{ redemption: { id: string; transfer: { id: string } } }>(taker.token, REDEEM_MINE, {
      rewardId,
      accountId: taker.accountId,
    });
    const before = (await balanceOf(taker.token))[0]!.balanceMinutes;
    const [cancelled, redeemed] = await meetAtTheLedger(
      'reverses_id',
      earlier.redemption.transfer.id,
      () => call(taker.token, CANCEL, { redemptionId: earlier.redemption.id, reason: '换一张券' }),
      () => call(taker.token, REDEEM_MINE, { rewardId, accountId: taker.accountId }),
    );
    expect([cancelled!.error, redeemed!.error]).toEqual([undefined, undefined]);
    expect((await balanceOf(taker.token))[0]!.balanceMinutes).toBe(before + 10 - 10);
  });

  it('credits an order declined and dispatched again to the taker who served it only; a Party member redeems from the account it opened', async () => {
    const grid = await world.grid();
    const { partyMemberId, volunteerId } = await world.partyVolunteer(await world.team('复核测试党员服务队', []), grid);
    const member = {
      id: (await must<{ id: string }>(staff, ENROL, { volunteerId, accountSubject: 'rv-credit-member' })).id,
      token: await tokenFor({ sub: 'rv-credit-member', roles: ['PARTY_MEMBER'], regions: [world.community], member: partyMemberId }),
    };
    expect(await balanceOf(member.token)).toEqual([]);
    const takerBefore = (await balanceOf(taker.token))[0]!.balanceMinutes;

    const order = await place();
    await must(staff, DISPATCH, { orderId: order.id, takerId: taker.id });
    await must(taker.token, DECLINE, { orderId: order.id, reason: '今天不在社区' });
    // The first taker no longer acts on it.
    expect((await call(taker.token, ACCEPT, { orderId: order.id })).error).toMatchObject({ code: 'FORBIDDEN' });
    await must(staff, DISPATCH, { orderId: order.id, takerId: member.id });
    await must(member.token, ACCEPT, { orderId: order.id });
    expect((await call(taker.token, COMPLETE, { orderId: order.id, minutesServed: 1440 })).error).toMatchObject({ code: 'FORBIDDEN' });
    for (const minutesServed of [-5, 0, 1441])
      expect((await call(member.token, COMPLETE, { orderId: order.id, minutesServed })).error).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.minutesServed',
      });
    await must(member.token, COMPLETE, { orderId: order.id, minutesServed: 1 });
    const answers = await Promise.all([1, 2, 3].map((rating) => call(resident, RATE, { orderId: order.id, rating })));
    expect(answers.filter((a) => a.error === undefined)).toHaveLength(1);
    expect(answers.filter((a) => a.error?.code === 'CONFLICT')).toHaveLength(2);

    // Opened on first use by the rating, as the member's account; the declining taker gets nothing.
    const [memberAccount] = await balanceOf(member.token);
    expect(memberAccount).toMatchObject({ holderKind: 'PARTY_MEMBER', balanceMinutes: 1 });
    expect((await balanceOf(taker.token))[0]!.balanceMinutes).toBe(takerBefore);

    // Below the price: CONFLICT on the account, nothing written; someone else's account: FORBIDDEN.
    expect((await call(member.token, REDEEM_MINE, { rewardId, accountId: memberAccount!.id })).error).toMatchObject({
      code: 'CONFLICT',
      field: 'input.accountId',
    });
    expect((await call(member.token, REDEEM_MINE, { rewardId, accountId: taker.accountId })).error).toMatchObject({
      code: 'FORBIDDEN',
      field: 'input.accountId',
    });
    expect(await balanceOf(member.token)).toEqual([memberAccount]);
  });

  it('two devices spending the last minutes, and cancelling twice at once, never go below the minimum or give back twice', async () => {
    const household = await world.household(await world.grid());
    const leaderId = (await must<{ id: string }>(staff, ENROL, { householdId: household, accountSubject: 'rv-credit-leader' })).id;
    const leader = { id: leaderId, token: await world.token('RESIDENT', 'rv-credit-leader') };
    await must(resident, RATE, { orderId: await doneBy(leader, 15), rating: 4 });
    const [account] = await balanceOf(leader.token);
    expect(account).toMatchObject({ holderKind: 'HOUSEHOLD', balanceMinutes: 15 });

    // 15 minutes, two 10-minute coupons asked for at once: one is given, the other refused.
    const answers = await Promise.all([1, 2].map(() => call(leader.token, REDEEM_MINE, { rewardId, accountId: account!.id })));
    expect(answers.map((a) => a.error?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    expect((await balanceOf(leader.token))[0]!.balanceMinutes).toBe(5);

    // Its cancellation sent from two devices: given back once.
    const redemptionId = (answers.find((a) => !a.error)!.data as { redemption: { id: string } }).redemption.id;
    const cancels = await Promise.all([1, 2].map(() => call(leader.token, CANCEL, { redemptionId, reason: '两台手机同时撤销' })));
    expect(cancels.map((a) => a.error?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    expect((await balanceOf(leader.token))[0]!.balanceMinutes).toBe(15);
    // Staff of another county do not find it; the other holder may not cancel it.
    const outsider = await tokenFor({ sub: 'rv-outsider', roles: ['COUNTY_ADMIN'], regions: ['520322'] });
    expect((await call(outsider, CANCEL, { redemptionId, reason: '猜一个编号' })).error).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.redemptionId',
    });
    expect((await call(taker.token, CANCEL, { redemptionId, reason: '猜一个编号' })).error).toMatchObject({
      code: 'FORBIDDEN',
      field: 'input.redemptionId',
    });
  });

  it('shows a time-bank account to staff and to its holder only: another resident or volunteer of the community reads null', async () => {
    const READ = 'query ($id: ID!) { timeBankAccount(id: $id) { id balanceMinutes entries { totalCount } } }';
    const read = async (token: string) =>
      (await gql<{ timeBankAccount: { id: string } | null }>(platform, token, READ, { id: taker.accountId })).data;
    expect((await read(taker.token))?.timeBankAccount?.id).toBe(taker.accountId);
    expect((await read(staff))?.timeBankAccount?.id).toBe(taker.accountId);
    expect((await read(resident))?.timeBankAccount).toBeNull();
    expect((await read(await world.token('VOLUNTEER', 'rv-credits-neighbour')))?.timeBankAccount).toBeNull();
    expect((await read(await world.token('PARTY_MEMBER', 'rv-credits-member')))?.timeBankAccount).toBeNull();
  });

  it('keeps the ledger whole and the street’s dashboard in agreement with it', async () => {
    const volunteer = platform.dataSources.volunteer!;
    const t = (name: string) => tableOf(volunteer, name);
    const street = `${world.street}%`;
    // Every transfer of the street sums to zero, and no member's account is below zero.
    const unbalanced = (await volunteer.query(
      `SELECT tr.id FROM ${t('time_bank_transfer')} tr JOIN ${t('time_bank_entry')} e ON e.transfer_id = tr.id
        WHERE tr.region_code LIKE $1 GROUP BY tr.id HAVING sum(e.minutes) <> 0`,
      [street],
    )) as unknown[];
    expect(unbalanced).toEqual([]);
    const [{ negative }] = (await volunteer.query(
      `SELECT count(*)::int AS negative FROM (SELECT a.id FROM ${t('time_bank_account')} a JOIN ${t('time_bank_entry')} e ON e.account_id = a.id
        WHERE a.region_code LIKE $1 AND a.holder_kind <> 'COMMUNITY' GROUP BY a.id HAVING sum(e.minutes) < 0) x`,
      [street],
    )) as [{ negative: number }];
    expect(negative).toBe(0);
    // The balance the holder reads is the sum of the entries.
    const [{ sum }] = (await volunteer.query(
      `SELECT COALESCE(sum(minutes), 0)::int AS sum FROM ${t('time_bank_entry')} WHERE account_id = $1`,
      [taker.accountId],
    )) as [{ sum: number }];
    expect((await balanceOf(taker.token))[0]!.balanceMinutes).toBe(sum);

    const [ledger] = (await volunteer.query(
      `SELECT
         (SELECT count(*)::int FROM ${t('reward_redemption')} WHERE region_code LIKE $1 AND cancelled_at IS NULL) AS redemptions,
         (SELECT COALESCE(sum(minutes_served), 0)::int FROM ${t('service_order')} WHERE region_code LIKE $1 AND credit_transfer_id IS NOT NULL) AS credited`,
      [street],
    )) as [{ redemptions: number; credited: number }];
    const dashboard = await world.token('DASHBOARD', 'dashboard-rv-credits', [world.street]);
    const stats = await world.must<{
      region: { volunteerStats: { timeBankCreditedMinutes: number; timeBankSpentMinutes: number; redemptions: number } };
    }>(dashboard, 'query ($c: ID!) { region(code: $c) { volunteerStats { timeBankCreditedMinutes timeBankSpentMinutes redemptions } } }', {
      c: world.street,
    });
    // Credited: 300 + 60 + 1 + 15 minutes of rated orders; spent: one 10-minute coupon per live redemption.
    expect(stats.region.volunteerStats).toEqual({
      timeBankCreditedMinutes: ledger.credited,
      timeBankSpentMinutes: ledger.redemptions * 10,
      redemptions: ledger.redemptions,
    });
    expect(ledger).toEqual({ redemptions: 2, credited: 376 });
  });
});
