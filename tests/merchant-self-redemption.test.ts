import { randomUUID } from 'node:crypto';
import type { RunningPlatform } from '../scripts/platform';
import { gql, startTestPlatform, tokenFor } from './helpers';
import { ENROL, volunteerWorld, whileRowHeld, type VolunteerWorld } from './volunteer-fixtures';

/**
 * Merchant rewards (红城星店) redeemed by the holders themselves and cancelled, through the gateway: a
 * volunteer, a household leader and a Party member spend from their own account with their own
 * login, never from anyone else's; a redemption the shop has not taken is cancelled by its holder or
 * staff (the debit reversed by a new transfer, the unit back in stock, the code refused at the till);
 * a taken one is not; a cancellation racing the shop's verification: exactly one wins.
 */

const RECEIPT = 'code redemption { id priceMinutes reward { id stock } transfer { id kind } }';
const REDEEM_MINE = `mutation ($i: RedeemMyMerchantRewardInput!) { redeemMyMerchantReward(input: $i) { ${RECEIPT} } }`;
const REDEEM_AT_DESK = `mutation ($i: RedeemMerchantRewardInput!) { redeemMerchantReward(input: $i) { ${RECEIPT} } }`;
const CANCEL = `mutation ($i: CancelRewardRedemptionInput!) { cancelRewardRedemption(input: $i) {
  id cancelledAt cancelReason usedAt reward { stock } reversalTransfer { kind reverses { id } entries { accountId minutes } } } }`;
const VERIFY = 'mutation ($i: VerifyRedemptionInput!) { verifyRedemption(input: $i) { id usedAt } }';
const ACCOUNT =
  'query ($id: ID!) { timeBankAccount(id: $id) { balanceMinutes entries(first: 100) { totalCount edges { node { minutes transfer { kind } } } } } }';
const REVERSE = 'mutation ($i: ReverseTimeBankTransferInput!) { reverseTimeBankTransfer(input: $i) { id } }';

interface Receipt {
  code: string;
  redemption: { id: string; priceMinutes: number; reward: { id: string; stock: number }; transfer: { id: string; kind: string } };
}
interface Cancelled {
  id: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  usedAt: string | null;
  reward: { stock: number };
  reversalTransfer: { kind: string; reverses: { id: string }; entries: Array<{ accountId: string; minutes: number }> } | null;
}
interface Holder {
  token: string;
  accountId: string;
}

describe('merchant rewards redeemed by their holders, and cancelled, through the gateway', () => {
  let platform: RunningPlatform;
  let world: VolunteerWorld;
  let staff: string;
  let shop: string;
  let merchantId: string;
  let volunteer: Holder;
  let leader: Holder;
  let member: Holder;

  const call = async <T>(token: string, query: string, input: Record<string, unknown>) => {
    const result = await gql<Record<string, T>>(platform, token, query, { i: input });
    return { data: result.data ? Object.values(result.data)[0] : undefined, error: result.errors?.[0]?.extensions };
  };
  const redeemMine = (holder: Holder, rewardId: string, accountId = holder.accountId) =>
    call<Receipt>(holder.token, REDEEM_MINE, { rewardId, accountId });
  const account = async (id: string) =>
    (
      await world.must<{
        timeBankAccount: {
          balanceMinutes: number;
          entries: { totalCount: number; edges: Array<{ node: { minutes: number; transfer: { kind: string } } }> };
        };
      }>(staff, ACCOUNT, { id })
    ).timeBankAccount;
  const stockOf = async (rewardId: string) => {
    const data = await world.must<{ merchants: { edges: Array<{ node: { rewards: Array<{ id: string; stock: number }> } }> } }>(
      staff,
      'query ($c: ID!) { merchants(regionCode: $c) { edges { node { rewards { id stock } } } } }',
      { c: world.community },
    );
    return data.merchants.edges.flatMap((e) => e.node.rewards).find((r) => r.id === rewardId)!.stock;
  };
  const offer = async (name: string, priceMinutes: number, stock: number) =>
    (
      await world.must<{ offerMerchantReward: { id: string } }>(
        staff,
        'mutation ($i: OfferMerchantRewardInput!) { offerMerchantReward(input: $i) { id } }',
        { i: { merchantId, name, priceMinutes, stock } },
      )
    ).offerMerchantReward.id;
  const openAndCredit = async (holder: Record<string, string>, minutes: number) => {
    const opened = await world.must<{ openTimeBankAccount: { id: string } }>(
      staff,
      'mutation ($i: OpenTimeBankAccountInput!) { openTimeBankAccount(input: $i) { id } }',
      { i: holder },
    );
    await world.must(staff, 'mutation ($i: TimeBankPostingInput!) { creditTimeBankHours(input: $i) { id } }', {
      i: { accountId: opened.openTimeBankAccount.id, minutes, reason: '志愿服务时长' },
    });
    return opened.openTimeBankAccount.id;
  };

  beforeAll(async () => {
    platform = await startTestPlatform();
    // In 建湖县 (320925): no other test counts a region this file writes in.
    world = await volunteerWorld(platform, '320925', '红城星店自助兑换测试社区');
    staff = await world.token('COMMUNITY_STAFF', 'staff-self-redeem');
    shop = await world.token('RESIDENT', 'shop-self-redeem');
    merchantId = (
      await world.must<{ registerMerchant: { id: string } }>(
        staff,
        'mutation ($i: RegisterMerchantInput!) { registerMerchant(input: $i) { id } }',
        { i: { name: '红城星店·自助兑换测试店', regionCode: world.community, accountSubject: 'shop-self-redeem' } },
      )
    ).registerMerchant.id;
    const grid = await world.grid();
    // A registered volunteer whose record names their login.
    const volunteerId = await world.registeredVolunteer({ accountSubject: 'self-volunteer' });
    volunteer = { token: await world.token('VOLUNTEER', 'self-volunteer'), accountId: await openAndCredit({ volunteerId }, 120) };
    // A household leader, known by the taker enrolment of their household with their login.
    const household = await world.household(grid);
    await world.must(staff, ENROL, { i: { householdId: household, accountSubject: 'self-leader' } });
    leader = { token: await world.token('RESIDENT', 'self-leader'), accountId: await openAndCredit({ householdId: household }, 60) };
    // A Party member, whose token names the member.
    const { partyMemberId } = await world.partyVolunteer(await world.team('自助兑换测试党员服务队', []), grid);
    member = {
      token: await tokenFor({ sub: 'self-member', roles: ['PARTY_MEMBER'], regions: [world.community], member: partyMemberId }),
      accountId: await openAndCredit({ partyMemberId }, 60),
    };
  }, 120_000);
  afterAll(() => platform.stop());

  it('lists each holder’s own accounts, and nobody else’s', async () => {
    const MINE = '{ myTimeBankAccounts { id holderKind } }';
    const mine = async (token: string) =>
      (await world.must<{ myTimeBankAccounts: Array<{ id: string; holderKind: string }> }>(token, MINE)).myTimeBankAccounts;
    expect(await mine(volunteer.token)).toEqual([{ id: volunteer.accountId, holderKind: 'VOLUNTEER' }]);
    expect(await mine(leader.token)).toEqual([{ id: leader.accountId, holderKind: 'HOUSEHOLD' }]);
    expect(await mine(member.token)).toEqual([{ id: member.accountId, holderKind: 'PARTY_MEMBER' }]);
    expect(await mine(staff)).toEqual([]);
    expect(await mine(await world.token('VOLUNTEER', 'self-volunteer', ['520322']))).toEqual([]);
  });

  it('lets each holder redeem from their own account with their own login, never from anyone else’s', async () => {
    const coupon = await offer('自助兑换九折券', 20, 10);
    for (const holder of [volunteer, leader, member]) {
      const before = await account(holder.accountId);
      const { data, error } = await redeemMine(holder, coupon);
      expect(error).toBeUndefined();
      expect(data!.redemption).toMatchObject({ priceMinutes: 20, transfer: { kind: 'DEBIT' } });
      expect((await account(holder.accountId)).balanceMinutes).toBe(before.balanceMinutes - 20);
    }
    expect(await stockOf(coupon)).toBe(7);

    // Someone else's account: FORBIDDEN naming it, nothing written (balances, entries, stock).
    const balances = await Promise.all([volunteer, leader, member].map((h) => account(h.accountId)));
    const stranger = await tokenFor({
      sub: 'self-stranger',
      roles: ['PARTY_MEMBER'],
      regions: [world.community],
      member: randomUUID(),
    });
    for (const [holder, accountId] of [
      [volunteer, leader.accountId],
      [leader, member.accountId],
      [member, volunteer.accountId],
      [{ token: stranger, accountId: member.accountId }, member.accountId],
      [{ token: staff, accountId: volunteer.accountId }, volunteer.accountId],
    ] as const)
      expect((await redeemMine(holder, coupon, accountId)).error).toMatchObject({ code: 'FORBIDDEN', field: 'input.accountId' });
    expect(await Promise.all([volunteer, leader, member].map((h) => account(h.accountId)))).toEqual(balances);
    expect(await stockOf(coupon)).toBe(7);

    // Below the minimum: CONFLICT, nothing written; another county's holder finds no reward.
    const dear = await offer('自助兑换年卡', 500, 3);
    expect((await redeemMine(volunteer, dear)).error).toMatchObject({ code: 'CONFLICT', field: 'input.accountId' });
    expect(await stockOf(dear)).toBe(3);
    const elsewhere = { token: await world.token('VOLUNTEER', 'self-volunteer', ['520322']), accountId: volunteer.accountId };
    expect((await redeemMine(elsewhere, coupon)).error).toMatchObject({ code: 'NOT_FOUND', field: 'input.rewardId' });

    // The desk path is still there, for staff only.
    expect((await call<Receipt>(staff, REDEEM_AT_DESK, { rewardId: coupon, accountId: volunteer.accountId })).error).toBeUndefined();
    expect(
      (await call<Receipt>(volunteer.token, REDEEM_AT_DESK, { rewardId: coupon, accountId: volunteer.accountId })).error,
    ).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('cancels a redemption the shop has not taken: the debit reversed by a new transfer, the unit back, the code refused', async () => {
    const haircut = await offer('自助兑换理发券', 30, 2);
    const before = await account(volunteer.accountId);
    const receipt = (await redeemMine(volunteer, haircut)).data!;
    expect(await stockOf(haircut)).toBe(1);

    // Not by another holder.
    expect((await call<Cancelled>(leader.token, CANCEL, { redemptionId: receipt.redemption.id, reason: '不想要了' })).error).toMatchObject({
      code: 'FORBIDDEN',
      field: 'input.redemptionId',
    });
    const { data: cancelled, error } = await call<Cancelled>(volunteer.token, CANCEL, {
      redemptionId: receipt.redemption.id,
      reason: '临时有事去不了',
    });
    expect(error).toBeUndefined();
    expect(cancelled).toMatchObject({
      cancelledAt: expect.any(String),
      cancelReason: '临时有事去不了',
      usedAt: null,
      reward: { stock: 2 },
    });
    expect(cancelled!.reversalTransfer).toMatchObject({ kind: 'REVERSAL', reverses: { id: receipt.redemption.transfer.id } });
    expect(cancelled!.reversalTransfer!.entries).toContainEqual({ accountId: volunteer.accountId, minutes: 30 });
    expect(cancelled!.reversalTransfer!.entries.reduce((sum, e) => sum + e.minutes, 0)).toBe(0);
    // The hours are back by a new entry: the debit's entry is still in the ledger.
    const after = await account(volunteer.accountId);
    expect(after.balanceMinutes).toBe(before.balanceMinutes);
    expect(after.entries.totalCount).toBe(before.entries.totalCount + 2);
    expect(
      after.entries.edges
        .slice(0, 2)
        .map((e) => [e.node.transfer.kind, e.node.minutes])
        .sort(),
    ).toEqual([
      ['DEBIT', -30],
      ['REVERSAL', 30],
    ]);

    // The code no longer works; a second cancellation and a reversal of the debit are refused.
    expect((await call(shop, VERIFY, { code: receipt.code })).error).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
    expect((await call(volunteer.token, CANCEL, { redemptionId: receipt.redemption.id, reason: '再撤一次' })).error).toMatchObject({
      code: 'CONFLICT',
      field: 'input.redemptionId',
    });
    expect((await call(staff, REVERSE, { transferId: receipt.redemption.transfer.id, reason: '再退一次' })).error).toMatchObject({
      code: 'CONFLICT',
      field: 'input.transferId',
    });
    expect((await account(volunteer.accountId)).balanceMinutes).toBe(before.balanceMinutes);

    // Staff of the shop's region cancel anyone's; nobody cancels one the shop has taken.
    const byStaff = (await redeemMine(leader, haircut)).data!;
    expect(
      (await call<Cancelled>(staff, CANCEL, { redemptionId: byStaff.redemption.id, reason: '居民电话要求撤销' })).error,
    ).toBeUndefined();
    const taken = (await redeemMine(member, haircut)).data!;
    expect((await call(shop, VERIFY, { code: taken.code })).error).toBeUndefined();
    for (const token of [member.token, staff])
      expect((await call(token, CANCEL, { redemptionId: taken.redemption.id, reason: '已经用过了' })).error).toMatchObject({
        code: 'CONFLICT',
        field: 'input.redemptionId',
      });
    expect(await stockOf(haircut)).toBe(1);
  });

  it('decides a cancellation racing the shop’s verification: exactly one wins, and the ledger and stock agree', async () => {
    const wash = await offer('自助兑换洗车券', 10, 20);
    let verified = 0;
    for (let round = 0; round < 3; round++) {
      const before = await account(leader.accountId);
      const receipt = (await redeemMine(leader, wash)).data!;
      const [cancel, verify] = await whileRowHeld(platform, 'reward_redemption', receipt.redemption.id, [
        () => call<Cancelled>(leader.token, CANCEL, { redemptionId: receipt.redemption.id, reason: '同时撤销' }),
        () => call(shop, VERIFY, { code: receipt.code }),
      ]);
      expect([cancel!.error?.code, verify!.error?.code].sort()).toEqual(['CONFLICT', undefined]);
      // Cancelled: the hours are back. Verified: they stay spent.
      const balance = (await account(leader.accountId)).balanceMinutes;
      expect(balance).toBe(cancel!.data ? before.balanceMinutes : before.balanceMinutes - 10);
      if (verify!.data) verified++;
    }
    // Every cancelled unit is back in stock.
    expect(await stockOf(wash)).toBe(20 - verified);
  });
});
