import { tableOf } from '@gg/shared';
import fc from 'fast-check';
import { netChangeByAccount, reversalPostings, transferPostings } from '../src/time-bank/time-bank.rules';
import { CREDIT, DEBIT, REVERSE, startTimeBankWorld, type Account, type TimeBankWorld, type Transfer } from './time-bank.fixtures';

const BALANCE = 'query ($id: ID!) { timeBankAccount(id: $id) { balanceMinutes } }';

/**
 * What a random sequence does: credit or debit some minutes, reverse the n-th transfer posted so far,
 * redeem one of two rewards (a debit that pays for it), or cancel the n-th redemption so far (a
 * reversal of its debit).
 */
type Operation =
  | { kind: 'credit' | 'debit'; minutes: number }
  | { kind: 'reverse'; pick: number }
  | { kind: 'redeem'; reward: 0 | 1 }
  | { kind: 'cancel'; pick: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('credit' as const), minutes: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ kind: fc.constant('debit' as const), minutes: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('redeem' as const), reward: fc.constantFrom(0 as const, 1 as const) }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
);

/** The model's record of a posted transfer: its change to the member's balance, and whether it was undone. */
interface Posted {
  id: string;
  change: number;
  reversal: boolean;
  reversed: boolean;
  /** The debit paid for a reward: it is undone only by cancelling the redemption. */
  redemption: boolean;
}

/** The model's record of a redemption: its price, its debit, and whether it was cancelled. */
interface Redeemed {
  id: string;
  reward: 0 | 1;
  debit: Posted;
  cancelled: boolean;
}

const PRICES = [15, 45] as const;
const STOCK = 100_000;
const REDEEM = `mutation ($i: RedeemMerchantRewardInput!) { redeemMerchantReward(input: $i) { redemption { id transfer { id } } } }`;
const CANCEL = `mutation ($i: CancelRewardRedemptionInput!) { cancelRewardRedemption(input: $i) { reversalTransfer { id } } }`;
const STOCKS = 'query ($c: ID!) { merchants(regionCode: $c) { edges { node { rewards { id stock } } } } }';

describe('time bank ledger invariants over random operation sequences (fast-check)', () => {
  let world: TimeBankWorld;
  let rewards: string[];
  /** Units of each reward held by redemptions not cancelled, over every run. */
  const taken = [0, 0];
  beforeAll(async () => {
    world = await startTimeBankWorld();
    const merchant = await world.sg.query<{ registerMerchant: { id: string } }>(
      'mutation ($i: RegisterMerchantInput!) { registerMerchant(input: $i) { id } }',
      { i: { name: '时间银行性质测试店', regionCode: world.community, accountSubject: 'property-shop' } },
    );
    rewards = [];
    for (const [n, priceMinutes] of PRICES.entries()) {
      const offered = await world.sg.query<{ offerMerchantReward: { id: string } }>(
        'mutation ($i: OfferMerchantRewardInput!) { offerMerchantReward(input: $i) { id } }',
        { i: { merchantId: merchant.data!.registerMerchant.id, name: `性质测试奖励${n}`, priceMinutes, stock: STOCK } },
      );
      rewards.push(offered.data!.offerMerchantReward.id);
    }
  });
  afterAll(() => world.stop());

  it('pairs of postings and their reversals always sum to zero, per account too', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), fc.integer({ min: 1, max: 1440 }), (from, to, minutes) => {
        const postings = transferPostings(from, to, minutes);
        const both = [...postings, ...reversalPostings(postings)];
        expect(postings.reduce((s, p) => s + p.minutes, 0)).toBe(0);
        for (const change of netChangeByAccount(both).values()) expect(change).toBe(0);
      }),
    );
  });

  it('keeps the balance equal to the model, never below zero, every transfer balanced, refusals writing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 12 }), async (operations) => {
        const accountId = await world.openAccount();
        const posted: Posted[] = [];
        const redeemed: Redeemed[] = [];
        let balance = 0;
        for (const op of operations) {
          const entriesBefore = await entryCount(accountId);
          let accepted = false;
          if (op.kind === 'reverse') {
            if (posted.length === 0) continue;
            const target = posted[op.pick % posted.length]!;
            const answer = await send(REVERSE, { transferId: target.id, reason: '随机撤销' });
            const refused = target.redemption || target.reversed || balance - target.change < 0;
            expect(answer.code).toBe(target.reversal ? 'BAD_USER_INPUT' : refused ? 'CONFLICT' : 'ok');
            if (answer.transfer) {
              accepted = true;
              target.reversed = true;
              balance -= target.change;
              posted.push({ id: answer.transfer.id, change: -target.change, reversal: true, reversed: false, redemption: false });
            }
          } else if (op.kind === 'redeem') {
            const price = PRICES[op.reward];
            const answer = await world.sg.query<{ redeemMerchantReward: { redemption: { id: string; transfer: { id: string } } } }>(
              REDEEM,
              { i: { rewardId: rewards[op.reward], accountId } },
            );
            expect(answer.errors?.[0]?.extensions?.code ?? 'ok').toBe(balance - price < 0 ? 'CONFLICT' : 'ok');
            if (answer.data) {
              accepted = true;
              balance -= price;
              taken[op.reward]!++;
              const { redemption } = answer.data.redeemMerchantReward;
              const debit: Posted = { id: redemption.transfer.id, change: -price, reversal: false, reversed: false, redemption: true };
              posted.push(debit);
              redeemed.push({ id: redemption.id, reward: op.reward, debit, cancelled: false });
            }
          } else if (op.kind === 'cancel') {
            if (redeemed.length === 0) continue;
            const target = redeemed[op.pick % redeemed.length]!;
            const answer = await world.sg.query<{ cancelRewardRedemption: { reversalTransfer: { id: string } } }>(CANCEL, {
              i: { redemptionId: target.id, reason: '随机撤销兑换' },
            });
            // Giving hours back never breaks the minimum: only a second cancellation is refused.
            expect(answer.errors?.[0]?.extensions?.code ?? 'ok').toBe(target.cancelled ? 'CONFLICT' : 'ok');
            if (answer.data) {
              accepted = true;
              target.cancelled = true;
              target.debit.reversed = true;
              balance -= target.debit.change;
              taken[target.reward]!--;
              const reversal = answer.data.cancelRewardRedemption.reversalTransfer;
              posted.push({ id: reversal.id, change: -target.debit.change, reversal: true, reversed: false, redemption: false });
            }
          } else {
            const change = op.kind === 'credit' ? op.minutes : -op.minutes;
            const answer = await send(op.kind === 'credit' ? CREDIT : DEBIT, { accountId, minutes: op.minutes, reason: '随机记账' });
            expect(answer.code).toBe(balance + change < 0 ? 'CONFLICT' : 'ok');
            if (answer.transfer) {
              accepted = true;
              balance += change;
              posted.push({ id: answer.transfer.id, change, reversal: false, reversed: false, redemption: false });
            }
          }
          // A refused operation writes nothing; an accepted one writes exactly one entry on the member's side.
          expect((await entryCount(accountId)) - entriesBefore).toBe(accepted ? 1 : 0);
          const read = (await world.sg.query<{ timeBankAccount: Pick<Account, 'balanceMinutes'> }>(BALANCE, { id: accountId })).data!
            .timeBankAccount;
          expect(read.balanceMinutes).toBe(balance);
          expect(read.balanceMinutes).toBeGreaterThanOrEqual(0);
        }
        expect(await entryCount(accountId)).toBe(posted.length);
        expect(await unbalancedTransfers(accountId)).toEqual([]);
        // Every redemption not cancelled holds one unit of its reward; every cancelled one gave it back.
        const stocks = await world.sg.query<{ merchants: { edges: Array<{ node: { rewards: Array<{ id: string; stock: number }> } }> } }>(
          STOCKS,
          { c: world.community },
        );
        const stockOf = (id: string) => stocks.data!.merchants.edges.flatMap((e) => e.node.rewards).find((r) => r.id === id)!.stock;
        expect(rewards.map(stockOf)).toEqual(taken.map((n) => STOCK - n));
      }),
      { numRuns: 20 },
    );
    // Shrinking a failing sequence takes more requests than the default 30 s allow.
  }, 120_000);

  async function send(mutation: string, input: Record<string, unknown>): Promise<{ code: string; transfer?: Transfer }> {
    const result = await world.sg.query<Record<string, Transfer>>(mutation, { i: input });
    if (result.errors) return { code: String(result.errors[0]!.extensions?.code) };
    return { code: 'ok', transfer: Object.values(result.data!)[0] };
  }

  async function entryCount(accountId: string): Promise<number> {
    const [{ n }] = (await world.sg.dataSource.query(
      `SELECT count(*)::int AS n FROM ${tableOf(world.sg.dataSource, 'time_bank_entry')} WHERE account_id = $1`,
      [accountId],
    )) as [{ n: number }];
    return n;
  }

  /** Transfers touching the account whose entries (on every account) do not sum to zero. */
  async function unbalancedTransfers(accountId: string): Promise<string[]> {
    const entry = tableOf(world.sg.dataSource, 'time_bank_entry');
    const rows = (await world.sg.dataSource.query(
      `SELECT transfer_id FROM ${entry} WHERE transfer_id IN (SELECT transfer_id FROM ${entry} WHERE account_id = $1)
        GROUP BY transfer_id HAVING SUM(minutes) <> 0 OR COUNT(*) < 2`,
      [accountId],
    )) as Array<{ transfer_id: string }>;
    return rows.map((r) => r.transfer_id);
  }
});
