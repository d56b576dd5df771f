import { appendToOutbox, createDataSource, eventMessage, PartyMemberRegistered, tableOf, type Identity } from '@gg/shared';
import { claimTestStreet, startTestSubgraph, TEST_DATABASE_URL, type TestSubgraph } from '@gg/shared/src/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { volunteerService } from '../src/service';

export const OPEN = `mutation ($i: OpenTimeBankAccountInput!) { openTimeBankAccount(input: $i) { id holderKind partyMemberId region { code } balanceMinutes minimumBalanceMinutes } }`;
const TRANSFER_FIELDS = 'id kind reason reverses { id } entries { accountId minutes } recordedAt';
export const CREDIT = `mutation ($i: TimeBankPostingInput!) { creditTimeBankHours(input: $i) { ${TRANSFER_FIELDS} } }`;
export const DEBIT = `mutation ($i: TimeBankPostingInput!) { debitTimeBankHours(input: $i) { ${TRANSFER_FIELDS} } }`;
export const REVERSE = `mutation ($i: ReverseTimeBankTransferInput!) { reverseTimeBankTransfer(input: $i) { ${TRANSFER_FIELDS} } }`;
export const ACCOUNT = `query ($id: ID!) { timeBankAccount(id: $id) {
  id holderKind balanceMinutes minimumBalanceMinutes
  entries(first: 500) { totalCount edges { node { id minutes accountId transfer { id kind } } } }
} }`;

export interface Transfer {
  id: string;
  kind: string;
  reason: string;
  reverses: { id: string } | null;
  entries: Array<{ accountId: string; minutes: number }>;
}
export interface Account {
  id: string;
  holderKind: string;
  balanceMinutes: number;
  minimumBalanceMinutes: number | null;
  entries: {
    totalCount: number;
    edges: Array<{ node: { id: string; minutes: number; accountId: string; transfer: { id: string; kind: string } } }>;
  };
}

/** The volunteer subgraph with a street of its own, as the organisation service would announce it. */
export interface TimeBankWorld {
  sg: TestSubgraph;
  organisation: DataSource;
  street: string;
  community: string;
  /** A Party member registered in the community (announced by PartyMemberRegistered) and caught up. */
  registerMember(regionCode?: string): Promise<string>;
  /** A new community of its own in a county (a county setting changed there touches no other test). */
  claimCommunity(county: string): Promise<string>;
  /** Opens a member's account (a new member each time) and returns its id. */
  openAccount(regionCode?: string, identity?: Identity): Promise<string>;
  stop(): Promise<void>;
}

export async function startTimeBankWorld(): Promise<TimeBankWorld> {
  const sg = await startTestSubgraph(volunteerService);
  const organisation = createDataSource({ service: 'organisation', url: TEST_DATABASE_URL, entities: [], migrations: [], poolSize: 2 });
  await organisation.initialize();
  const { street, communities } = await claimTestStreet(organisation, '520201', [{ name: '时间银行测试社区' }]);
  const community = communities[0]!;
  await sg.catchUp();
  const registerMember = async (regionCode = community) => {
    const id = randomUUID();
    await organisation.transaction((manager) =>
      appendToOutbox(manager, [eventMessage(PartyMemberRegistered, { id, regionCode, organisationId: randomUUID() })]),
    );
    await sg.catchUp();
    return id;
  };
  return {
    sg,
    organisation,
    street,
    community,
    registerMember,
    async claimCommunity(county) {
      const claimed = await claimTestStreet(organisation, county, [{ name: '时间银行测试社区' }]);
      await sg.catchUp();
      return claimed.communities[0]!;
    },
    async openAccount(regionCode = community, identity?: Identity) {
      const partyMemberId = await registerMember(regionCode);
      const opened = await sg.query<{ openTimeBankAccount: { id: string } }>(OPEN, { i: { partyMemberId } }, identity);
      if (opened.errors) throw new Error(JSON.stringify(opened.errors));
      return opened.data!.openTimeBankAccount.id;
    },
    async stop() {
      await organisation.destroy();
      await sg.stop();
    },
  };
}

/**
 * Fires concurrent requests while the test holds the account row, and lets go only once every one
 * of them is waiting behind it: they all reach the database before any commits, so a missing row
 * lock in the code would let each read the same balance (they would then wait at their entries'
 * foreign-key check instead, still behind the test) and all pass.
 */
export async function fireWhileAccountHeld<T>(world: TimeBankWorld, accountId: string, requests: Array<() => Promise<T>>): Promise<T[]> {
  const holder = world.organisation.createQueryRunner();
  await holder.connect();
  try {
    await holder.startTransaction();
    await holder.query(`SELECT id FROM ${tableOf(world.sg.dataSource, 'time_bank_account')} WHERE id = $1 FOR UPDATE`, [accountId]);
    const [{ pid }] = (await holder.query('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
    const answers = Promise.all(requests.map((send) => send()));
    for (;;) {
      // Behind the test, or behind another request that waits behind it (a row lock queues its waiters).
      const [{ waiting }] = (await world.organisation.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> $1 AND cardinality(pg_blocking_pids(pid)) > 0 AND query LIKE '%time_bank%'`,
        [pid],
      )) as [{ waiting: number }];
      if (waiting >= requests.length) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await holder.commitTransaction();
    return await answers;
  } finally {
    await holder.release();
  }
}
