import { setCountySetting, type Identity } from '@gg/shared';
import { testIdentity } from '@gg/shared/src/testing';
import { TimeBankEntry, TimeBankTransfer } from '../src/time-bank/time-bank.entity';
import { timeBankPolicy } from '../src/time-bank/time-bank.rules';
import {
  ACCOUNT,
  CREDIT,
  DEBIT,
  fireWhileAccountHeld,
  OPEN,
  REVERSE,
  startTimeBankWorld,
  type Account,
  type TimeBankWorld,
  type Transfer,
} from './time-bank.fixtures';

describe('volunteer subgraph: the time bank ledger', () => {
  let world: TimeBankWorld;
  beforeAll(async () => {
    world = await startTimeBankWorld();
  });
  afterAll(() => world.stop());

  const account = async (id: string, identity?: Identity) =>
    (await world.sg.query<{ timeBankAccount: Account | null }>(ACCOUNT, { id }, identity)).data!.timeBankAccount;
  const post = async (mutation: string, input: Record<string, unknown>, identity?: Identity) => {
    const result = await world.sg.query<Record<string, Transfer>>(mutation, { i: input }, identity);
    return { transfer: result.data ? Object.values(result.data)[0] : undefined, error: result.errors?.[0]?.extensions };
  };
  const entriesOf = (accountId: string) => world.sg.dataSource.getRepository(TimeBankEntry).countBy({ accountId });

  it('opens one account per Party member, in the member region, and refuses unknown or out-of-scope members', async () => {
    const partyMemberId = await world.registerMember();
    const opened = await world.sg.query<{ openTimeBankAccount: Record<string, unknown> }>(OPEN, { i: { partyMemberId } });
    expect(opened.errors).toBeUndefined();
    expect(opened.data!.openTimeBankAccount).toMatchObject({
      holderKind: 'PARTY_MEMBER',
      partyMemberId,
      region: { code: world.community },
      balanceMinutes: 0,
      minimumBalanceMinutes: 0,
    });
    const again = await world.sg.query(OPEN, { i: { partyMemberId } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.partyMemberId' });
    const unknown = await world.sg.query(OPEN, { i: { partyMemberId: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.partyMemberId' });
    const tongzi = testIdentity({ regionScopes: ['520322'] });
    const outside = await world.sg.query(OPEN, { i: { partyMemberId: await world.registerMember() } }, tongzi);
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.partyMemberId' });
  });

  it('credits and debits in balanced pairs against the community account; the balance is the sum of the entries', async () => {
    const id = await world.openAccount();
    const credit = await post(CREDIT, { accountId: id, minutes: 120, reason: '陪伴独居老人两小时' });
    expect(credit.error).toBeUndefined();
    expect(credit.transfer!.kind).toBe('CREDIT');
    expect(credit.transfer!.entries.reduce((sum, e) => sum + e.minutes, 0)).toBe(0);
    const community = credit.transfer!.entries.find((e) => e.accountId !== id)!.accountId;
    expect(credit.transfer!.entries).toEqual(
      expect.arrayContaining([
        { accountId: id, minutes: 120 },
        { accountId: community, minutes: -120 },
      ]),
    );
    const debit = await post(DEBIT, { accountId: id, minutes: 45, reason: '接受理发服务' });
    expect(debit.error).toBeUndefined();
    const read = (await account(id))!;
    expect(read.balanceMinutes).toBe(75);
    expect(read.entries.totalCount).toBe(2);
    expect(read.entries.edges.map((e) => e.node.transfer.kind)).toEqual(['DEBIT', 'CREDIT']);
    expect((await account(community))!).toMatchObject({ holderKind: 'COMMUNITY', minimumBalanceMinutes: null });
    // The community account is only ever the other side.
    const direct = await post(CREDIT, { accountId: community, minutes: 10, reason: '直接记入社区账户' });
    expect(direct.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.accountId' });
  });

  it('refuses a debit below the minimum and writes nothing; a county may set a lower minimum', async () => {
    const id = await world.openAccount();
    await post(CREDIT, { accountId: id, minutes: 30, reason: '打扫楼道' });
    const transfersBefore = await world.sg.dataSource.getRepository(TimeBankTransfer).countBy({ regionCode: world.community });
    const refused = await post(DEBIT, { accountId: id, minutes: 31, reason: '超额消费' });
    expect(refused.error).toMatchObject({ code: 'CONFLICT', field: 'input.minutes' });
    expect(await entriesOf(id)).toBe(1);
    expect(await world.sg.dataSource.getRepository(TimeBankTransfer).countBy({ regionCode: world.community })).toBe(transfersBefore);
    expect((await account(id))!.balanceMinutes).toBe(30);
    expect((await post(DEBIT, { accountId: id, minutes: 30, reason: '刚好用完' })).error).toBeUndefined();
    expect((await account(id))!.balanceMinutes).toBe(0);

    // A county allowing an overdraft (Tianzhu: only the time-bank tests read this setting there).
    const tianzhu = await world.claimCommunity('522627');
    const tianzhuStaff = testIdentity({ regionScopes: ['522627'] });
    const overdrawn = await world.openAccount(tianzhu, tianzhuStaff);
    await world.sg.dataSource.transaction((m) =>
      setCountySetting(m, timeBankPolicy, '522627', { minimumBalanceMinutes: -60 }, tianzhuStaff, new Date()),
    );
    expect((await post(DEBIT, { accountId: overdrawn, minutes: 60, reason: '透支一小时' }, tianzhuStaff)).error).toBeUndefined();
    expect((await post(DEBIT, { accountId: overdrawn, minutes: 1, reason: '再透支一分钟' }, tianzhuStaff)).error).toMatchObject({
      code: 'CONFLICT',
    });
    expect((await account(overdrawn, tianzhuStaff))!).toMatchObject({ balanceMinutes: -60, minimumBalanceMinutes: -60 });
  });

  it('reverses by new entries, once, never a reversal, and not a credit already spent', async () => {
    const id = await world.openAccount();
    const credit = (await post(CREDIT, { accountId: id, minutes: 60, reason: '助老服务' })).transfer!;
    const debit = (await post(DEBIT, { accountId: id, minutes: 50, reason: '家政服务' })).transfer!;
    const spent = await post(REVERSE, { transferId: credit.id, reason: '服务未确认' });
    expect(spent.error).toMatchObject({ code: 'CONFLICT', field: 'input.transferId' });
    const undo = await post(REVERSE, { transferId: debit.id, reason: '服务未提供' });
    expect(undo.error).toBeUndefined();
    expect(undo.transfer).toMatchObject({ kind: 'REVERSAL', reverses: { id: debit.id } });
    expect((await account(id))!.balanceMinutes).toBe(60);
    expect((await post(REVERSE, { transferId: debit.id, reason: '再撤一次' })).error).toMatchObject({
      code: 'CONFLICT',
      field: 'input.transferId',
    });
    expect((await post(REVERSE, { transferId: undo.transfer!.id, reason: '撤销撤销' })).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.transferId',
    });
    expect((await post(REVERSE, { transferId: credit.id, reason: '服务未确认' })).error).toBeUndefined();
    expect((await account(id))!.balanceMinutes).toBe(0);
    // Every entry is still there: 2 credit-debit, 2 reversals, on the member's side.
    expect(await entriesOf(id)).toBe(4);
  });

  it('keeps entries and transfers append-only and every transfer balanced, in the database itself', async () => {
    const id = await world.openAccount();
    const credit = (await post(CREDIT, { accountId: id, minutes: 15, reason: '垃圾分类宣传' })).transfer!;
    const entries = world.sg.dataSource.getRepository(TimeBankEntry);
    await expect(entries.update({ accountId: id }, { minutes: 9999 })).rejects.toThrow(/append-only/);
    await expect(entries.delete({ accountId: id })).rejects.toThrow(/append-only/);
    await expect(world.sg.dataSource.getRepository(TimeBankTransfer).update({ id: credit.id }, { reason: '改写' })).rejects.toThrow(
      /append-only/,
    );
    // One-sided entry on an existing transfer: refused when the transaction commits.
    await expect(
      world.sg.dataSource.transaction((m) =>
        m.insert(TimeBankEntry, { transferId: credit.id, accountId: id, minutes: 5, recordedAt: new Date() }),
      ),
    ).rejects.toThrow(/unbalanced/);
    expect((await account(id))!.balanceMinutes).toBe(15);
  });

  it('lets exactly as many concurrent debits through as the balance covers (real concurrent requests)', async () => {
    const id = await world.openAccount();
    await post(CREDIT, { accountId: id, minutes: 100, reason: '社区巡逻' });
    // Four at once (the subgraph's pool has five connections): balance for two of them.
    const results = await fireWhileAccountHeld(
      world,
      id,
      Array.from({ length: 4 }, (_, i) => () => post(DEBIT, { accountId: id, minutes: 40, reason: `两台设备同时消费${i}` })),
    );
    expect(results.filter((r) => r.error === undefined)).toHaveLength(2);
    for (const refused of results.filter((r) => r.error !== undefined)) expect(refused.error).toMatchObject({ code: 'CONFLICT' });
    expect((await account(id))!.balanceMinutes).toBe(20);
    expect(await entriesOf(id)).toBe(3);
  });

  it('lets exactly one of concurrent reversals of one transfer through', async () => {
    const id = await world.openAccount();
    const credit = (await post(CREDIT, { accountId: id, minutes: 30, reason: '义诊' })).transfer!;
    const results = await Promise.all(Array.from({ length: 4 }, () => post(REVERSE, { transferId: credit.id, reason: '重复录入' })));
    expect(results.filter((r) => r.error === undefined)).toHaveLength(1);
    expect((await account(id))!.balanceMinutes).toBe(0);
  });

  it('hides accounts outside the caller scope and refuses writes to them', async () => {
    const id = await world.openAccount();
    const tongzi = testIdentity({ regionScopes: ['520322'] });
    expect(await account(id, tongzi)).toBeNull();
    const write = await world.sg.query(CREDIT, { i: { accountId: id, minutes: 10, reason: '越权记账' } }, tongzi);
    expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.accountId' });
    expect(await entriesOf(id)).toBe(0);
  });

  it('refuses bad input naming the field', async () => {
    const id = await world.openAccount();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ accountId: id, minutes: 0, reason: '零分钟' }, 'input.minutes'],
      [{ accountId: id, minutes: 1441, reason: '超过一天' }, 'input.minutes'],
      [{ accountId: 'x', minutes: 10, reason: '坏编号' }, 'input.accountId'],
      [{ accountId: id, minutes: 10, reason: ' ' }, 'input.reason'],
    ];
    for (const [input, field] of cases) expect((await post(CREDIT, input)).error).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await entriesOf(id)).toBe(0);
  });
});
