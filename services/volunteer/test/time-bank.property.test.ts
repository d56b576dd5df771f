import { tableOf } from '@gg/shared';
import fc from 'fast-check';
import { netChangeByAccount, reversalPostings, transferPostings } from '../src/time-bank/time-bank.rules';
import { CREDIT, DEBIT, REVERSE, startTimeBankWorld, type Account, type TimeBankWorld, type Transfer } from './time-bank.fixtures';

const BALANCE = 'query ($id: ID!) { timeBankAccount(id: $id) { balanceMinutes } }';

/** What a random sequence does: credit or debit some minutes, or reverse the n-th transfer posted so far. */
type Operation = { kind: 'credit' | 'debit'; minutes: number } | { kind: 'reverse'; pick: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('credit' as const), minutes: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ kind: fc.constant('debit' as const), minutes: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
);

/** The model's record of a posted transfer: its change to the member's balance, and whether it was undone. */
interface Posted {
  id: string;
  change: number;
  reversal: boolean;
  reversed: boolean;
}

describe('time bank ledger invariants over random operation sequences (fast-check)', () => {
  let world: TimeBankWorld;
  beforeAll(async () => {
    world = await startTimeBankWorld();
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
        let balance = 0;
        for (const op of operations) {
          const entriesBefore = await entryCount(accountId);
          let accepted = false;
          if (op.kind === 'reverse') {
            if (posted.length === 0) continue;
            const target = posted[op.pick % posted.length]!;
            const answer = await send(REVERSE, { transferId: target.id, reason: '随机撤销' });
            const expected = target.reversal ? 'BAD_USER_INPUT' : target.reversed || balance - target.change < 0 ? 'CONFLICT' : 'ok';
            expect(answer.code).toBe(expected);
            if (answer.transfer) {
              accepted = true;
              target.reversed = true;
              balance -= target.change;
              posted.push({ id: answer.transfer.id, change: -target.change, reversal: true, reversed: false });
            }
          } else {
            const change = op.kind === 'credit' ? op.minutes : -op.minutes;
            const answer = await send(op.kind === 'credit' ? CREDIT : DEBIT, { accountId, minutes: op.minutes, reason: '随机记账' });
            expect(answer.code).toBe(balance + change < 0 ? 'CONFLICT' : 'ok');
            if (answer.transfer) {
              accepted = true;
              balance += change;
              posted.push({ id: answer.transfer.id, change, reversal: false, reversed: false });
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
