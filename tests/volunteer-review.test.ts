import type { RunningPlatform } from '../scripts/platform';
import { claimTestCity } from '@gg/shared/src/testing';
import { gql, startTestPlatform, tokenFor } from './helpers';
import { ENROL, volunteerWorld, type VolunteerWorld } from './volunteer-fixtures';

/**
 * Issue 13 tried as its users would (review wave): the edges of the four orders, the wish wall, the
 * time bank and the dashboard figures, through the gateway.
 */

const ORDER = 'id state taker { id } rating availableActions';
const PLACE = `mutation ($i: PlaceServiceOrderInput!) { placeServiceOrder(input: $i) { ${ORDER} } }`;
const DISPATCH = `mutation ($i: DispatchServiceOrderInput!) { dispatchServiceOrder(input: $i) { ${ORDER} } }`;
const ACCEPT = `mutation ($i: ServiceOrderStepInput!) { acceptServiceOrder(input: $i) { ${ORDER} } }`;
const DECLINE = `mutation ($i: DeclineServiceOrderInput!) { declineServiceOrder(input: $i) { ${ORDER} } }`;
const COMPLETE = `mutation ($i: CompleteServiceOrderInput!) { completeServiceOrder(input: $i) { ${ORDER} } }`;
const RATE = `mutation ($i: RateServiceOrderInput!) { rateServiceOrder(input: $i) { ${ORDER} } }`;
const WISH = 'id status claimExpiresAt';
const POST = `mutation ($i: PostWishInput!) { postWish(input: $i) { ${WISH} } }`;
const CLAIM = `mutation ($i: ClaimWishInput!) { claimWish(input: $i) { ${WISH} } }`;
const FULFIL = `mutation ($i: FulfilWishInput!) { fulfilWish(input: $i) { ${WISH} } }`;
const CONFIRM = `mutation ($i: ConfirmWishInput!) { confirmWish(input: $i) { ${WISH} } }`;

type Ext = { code?: string; field?: string } | undefined;

describe('issue 13 under review, through the gateway', () => {
  let platform: RunningPlatform;
  let world: VolunteerWorld;
  let staff: string;
  let resident: string;
  let takerToken: string;
  let takerId: string;

  const send = async (token: string, query: string, input: Record<string, unknown>) => {
    const result = await gql<Record<string, Record<string, unknown>>>(platform, token, query, { i: input });
    return {
      data: result.data ? Object.values(result.data)[0] : undefined,
      error: result.errors?.[0]?.extensions as Ext,
      errors: result.errors,
    };
  };

  beforeAll(async () => {
    platform = await startTestPlatform();
    world = await volunteerWorld(platform, '520201', '评审测试社区');
    staff = await world.token('COMMUNITY_STAFF', 'staff-review');
    resident = await world.token('RESIDENT', 'resident-review');
    takerToken = await world.token('VOLUNTEER', 'taker-review');
    const grid = await world.grid();
    const household = await world.household(grid);
    const enrolled = await world.must<{ enrolServiceTaker: { id: string } }>(staff, ENROL, {
      i: { householdId: household, accountSubject: 'taker-review', skills: ['家电维修'] },
    });
    takerId = enrolled.enrolServiceTaker.id;
  }, 120_000);
  afterAll(() => platform.stop());

  const placeOrder = async () =>
    (await send(resident, PLACE, { category: 'REPAIR', description: '门锁坏了，需要上门维修', regionCode: world.community })).data!
      .id as string;

  it('probes the order steps: bad ratings, a second rating, a decline without reason, a wrong role dispatching', async () => {
    const id = await placeOrder();
    expect((await send(resident, DISPATCH, { orderId: id, takerId })).error?.code).toBe('FORBIDDEN');
    expect((await send(staff, DISPATCH, { orderId: id, takerId })).error).toBeUndefined();
    expect((await send(takerToken, DECLINE, { orderId: id, reason: '' })).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.reason',
    });
    expect((await send(takerToken, ACCEPT, { orderId: id })).error).toBeUndefined();
    expect((await send(takerToken, ACCEPT, { orderId: id })).error?.code).toBe('CONFLICT');
    expect((await send(resident, RATE, { orderId: id, rating: 5 })).error?.code).toBe('CONFLICT');
    expect((await send(takerToken, COMPLETE, { orderId: id, minutesServed: 0 })).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.minutesServed',
    });
    expect((await send(takerToken, COMPLETE, { orderId: id, minutesServed: 60 })).error).toBeUndefined();
    for (const rating of [0, 6, -1])
      expect((await send(resident, RATE, { orderId: id, rating })).error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rating' });
    expect((await send(takerToken, RATE, { orderId: id, rating: 5 })).error?.code).toBe('FORBIDDEN');
    expect((await send(resident, RATE, { orderId: id, rating: 4 })).data).toMatchObject({ state: 'RATED', rating: 4 });
    expect((await send(resident, RATE, { orderId: id, rating: 1 })).error?.code).toBe('CONFLICT');
  });

  it('probes order pagination: first/after, totalCount, stable under inserts', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) ids.push(await placeOrder());
    const LIST = `query ($r: ID!, $a: String) { serviceOrders(regionCode: $r, first: 2, after: $a) {
      totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      serviceOrders: { totalCount: number; edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
    };
    const first = await gql<Page>(platform, staff, LIST, { r: world.community });
    expect(first.errors).toBeUndefined();
    const total = first.data!.serviceOrders.totalCount;
    await placeOrder();
    const seen = first.data!.serviceOrders.edges.map((e) => e.node.id);
    let after = first.data!.serviceOrders.pageInfo.endCursor;
    for (;;) {
      const page = await gql<Page>(platform, staff, LIST, { r: world.community, a: after });
      seen.push(...page.data!.serviceOrders.edges.map((e) => e.node.id));
      if (!page.data!.serviceOrders.pageInfo.hasNextPage) break;
      after = page.data!.serviceOrders.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    for (const id of ids) expect(seen).toContain(id);
  });

  it('probes the wish wall: empty evidence, confirming twice, a resident claiming', async () => {
    const wish = (await send(resident, POST, { regionCode: world.community, title: '一盏台灯' })).data!.id as string;
    expect((await send(resident, CLAIM, { wishId: wish, claimantKind: 'VOLUNTEER' })).error?.code).toBe('FORBIDDEN');
    const volunteer = await world.token('VOLUNTEER', 'wish-volunteer-review');
    expect((await send(volunteer, CLAIM, { wishId: wish, claimantKind: 'VOLUNTEER' })).error).toBeUndefined();
    expect((await send(volunteer, FULFIL, { wishId: wish, evidence: '' })).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.evidence',
    });
    expect((await send(volunteer, FULFIL, { wishId: wish, evidence: '台灯已送到' })).error).toBeUndefined();
    expect((await send(resident, CONFIRM, { wishId: wish })).error).toBeUndefined();
    expect((await send(resident, CONFIRM, { wishId: wish })).error?.code).toBe('CONFLICT');
  });

  it('probes the time bank: zero, negative, too many minutes; a debit from two devices at once', async () => {
    const volunteerId = await world.registeredVolunteer({ accountSubject: 'bank-review' });
    const opened = await world.must<{ openTimeBankAccount: { id: string } }>(
      staff,
      'mutation ($i: OpenTimeBankAccountInput!) { openTimeBankAccount(input: $i) { id } }',
      { i: { volunteerId } },
    );
    const accountId = opened.openTimeBankAccount.id;
    const CREDIT = 'mutation ($i: TimeBankPostingInput!) { creditTimeBankHours(input: $i) { id } }';
    const DEBIT = 'mutation ($i: TimeBankPostingInput!) { debitTimeBankHours(input: $i) { id } }';
    for (const minutes of [0, -5, 1441])
      expect((await send(staff, CREDIT, { accountId, minutes, reason: '服务' })).error).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.minutes',
      });
    expect((await send(staff, CREDIT, { accountId, minutes: 60, reason: '助老服务' })).error).toBeUndefined();
    const both = await Promise.all([
      send(staff, DEBIT, { accountId, minutes: 40, reason: '接受服务' }),
      send(staff, DEBIT, { accountId, minutes: 40, reason: '接受服务' }),
    ]);
    expect(both.map((r) => r.error?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const BAL = 'query ($id: ID!) { timeBankAccount(id: $id) { balanceMinutes } }';
    const balance = await gql<{ timeBankAccount: { balanceMinutes: number } }>(platform, staff, BAL, { id: accountId });
    expect(balance.errors).toBeUndefined();
    expect(balance.data!.timeBankAccount.balanceMinutes).toBe(20);
  });

  it('probes the dashboards: a street sees its street, the county and the city the sum of their streets', async () => {
    const STATS = `query ($c: ID!) { region(code: $c) { volunteerStats { teams volunteers serviceOrders wishes { posted } activities { activities } } } }`;
    type Figures = { teams: number; volunteers: number; serviceOrders: number; wishes: { posted: number } };
    type Stats = { region: { volunteerStats: Figures } | null };
    // A city and county of this test's own: other files place orders in 钟山区 at any moment.
    const { city: cityCode, county: countyCode } = await claimTestCity(platform.dataSources.organisation!);
    const mine = await volunteerWorld(platform, countyCode, '评审看板社区');
    const other = await volunteerWorld(platform, countyCode, '评审另一街道社区');
    const city = await tokenFor({ sub: 'city-dash', roles: ['DASHBOARD'], regions: [cityCode] });
    const county = await tokenFor({ sub: 'county-dash', roles: ['DASHBOARD'], regions: [countyCode] });
    const street = await tokenFor({ sub: 'street-dash', roles: ['DASHBOARD'], regions: [mine.street] });
    const read = async (token: string, code: string) => {
      const result = await gql<Stats>(platform, token, STATS, { c: code });
      expect(result.errors).toBeUndefined();
      return result.data!.region?.volunteerStats;
    };
    const snapshot = async () => ({
      city: (await read(city, cityCode))!,
      county: (await read(county, countyCode))!,
      street: (await read(street, mine.street))!,
      streetOnCounty: await read(street, countyCode),
      streetOnOther: await read(street, other.street),
    });
    const before = await snapshot();
    const myResident = await mine.token('RESIDENT', 'my-resident-review');
    expect(
      (await send(myResident, PLACE, { category: 'REPAIR', description: '门锁坏了，需要上门维修', regionCode: mine.community })).error,
    ).toBeUndefined();
    const otherResident = await other.token('RESIDENT', 'other-resident-review');
    expect(
      (await send(otherResident, PLACE, { category: 'REPAIR', description: '楼道灯坏了需要维修', regionCode: other.community })).error,
    ).toBeUndefined();
    expect((await send(otherResident, POST, { regionCode: other.community, title: '一副老花镜' })).error).toBeUndefined();
    const after = await snapshot();
    const delta = (k: 'city' | 'county' | 'street') => ({
      orders: after[k].serviceOrders - before[k].serviceOrders,
      wishes: after[k].wishes.posted - before[k].wishes.posted,
    });
    expect(delta('street')).toEqual({ orders: 1, wishes: 0 });
    expect(delta('county')).toEqual({ orders: 2, wishes: 1 });
    expect(delta('city')).toEqual({ orders: 2, wishes: 1 });
    // The street's dashboard asking for the county or the other street sees only what is its own.
    if (after.streetOnCounty) expect(after.streetOnCounty.serviceOrders).toBe(after.street.serviceOrders);
    if (after.streetOnOther)
      expect(after.streetOnOther).toMatchObject({ serviceOrders: 0, volunteers: 0, teams: 0, wishes: { posted: 0 } });
  });
  it('keeps a redemption whole: the debit that paid for a reward is not undone on its own, used code or not', async () => {
    const shop = await world.token('RESIDENT', 'shop-review');
    const merchant = await world.must<{ registerMerchant: { id: string } }>(
      staff,
      'mutation ($i: RegisterMerchantInput!) { registerMerchant(input: $i) { id } }',
      { i: { name: '评审便民超市', regionCode: world.community, accountSubject: 'shop-review' } },
    );
    const rewardId = (
      await world.must<{ offerMerchantReward: { id: string } }>(
        staff,
        'mutation ($i: OfferMerchantRewardInput!) { offerMerchantReward(input: $i) { id } }',
        { i: { merchantId: merchant.registerMerchant.id, name: '大米一袋', priceMinutes: 30, stock: 5 } },
      )
    ).offerMerchantReward.id;
    const volunteerId = await world.registeredVolunteer({ accountSubject: 'redeemer-review' });
    const accountId = (
      await world.must<{ openTimeBankAccount: { id: string } }>(
        staff,
        'mutation ($i: OpenTimeBankAccountInput!) { openTimeBankAccount(input: $i) { id } }',
        { i: { volunteerId } },
      )
    ).openTimeBankAccount.id;
    await world.must(staff, 'mutation ($i: TimeBankPostingInput!) { creditTimeBankHours(input: $i) { id } }', {
      i: { accountId, minutes: 60, reason: '助老服务一小时' },
    });
    const REDEEM = `mutation ($i: RedeemMerchantRewardInput!) { redeemMerchantReward(input: $i) { code redemption { transfer { id } } } }`;
    const REVERSE = 'mutation ($i: ReverseTimeBankTransferInput!) { reverseTimeBankTransfer(input: $i) { id } }';
    const VERIFY = 'mutation ($i: VerifyRedemptionInput!) { verifyRedemption(input: $i) { id } }';
    const BAL = 'query ($id: ID!) { timeBankAccount(id: $id) { balanceMinutes entries { totalCount } } }';
    const balance = async () =>
      (await world.must<{ timeBankAccount: { balanceMinutes: number; entries: { totalCount: number } } }>(staff, BAL, { id: accountId }))
        .timeBankAccount;

    // A code not yet used: undoing its debit alone would refund the hours and leave the code good at the till.
    type Receipt = { redeemMerchantReward: { code: string; redemption: { transfer: { id: string } } } };
    const unused = await world.must<Receipt>(staff, REDEEM, { i: { rewardId, accountId } });
    const before = await balance();
    const refund = await send(staff, REVERSE, { transferId: unused.redeemMerchantReward.redemption.transfer.id, reason: '撤销兑换' });
    expect(refund.error).toMatchObject({ code: 'CONFLICT', field: 'input.transferId' });
    expect(await balance()).toEqual(before);
    expect((await gql(platform, shop, VERIFY, { i: { code: unused.redeemMerchantReward.code } })).errors).toBeUndefined();

    // A used code: the shop handed the rice over; the hours stay spent.
    const used = await world.must<Receipt>(staff, REDEEM, { i: { rewardId, accountId } });
    expect((await gql(platform, shop, VERIFY, { i: { code: used.redeemMerchantReward.code } })).errors).toBeUndefined();
    const after = await balance();
    const late = await send(staff, REVERSE, { transferId: used.redeemMerchantReward.redemption.transfer.id, reason: '撤销兑换' });
    expect(late.error).toMatchObject({ code: 'CONFLICT', field: 'input.transferId' });
    expect(await balance()).toEqual(after);
  });

  it('probes activities: bad times and capacity, a resident signing up, an attendance credited once to one account', async () => {
    const HOUR = 3600 * 1000;
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const CREATE = 'mutation ($i: CreateActivityInput!) { createActivity(input: $i) { id } }';
    const base = { regionCode: world.community, title: '清扫楼道', place: '社区三号楼', capacity: 2 };
    const bad = async (input: Record<string, unknown>, field: string) =>
      expect((await send(staff, CREATE, { ...base, ...input })).error).toMatchObject({ code: 'BAD_USER_INPUT', field });
    await bad({ startsAt: at(2 * HOUR), endsAt: at(HOUR) }, 'input.endsAt');
    await bad({ startsAt: at(HOUR), endsAt: at(HOUR + 25 * HOUR) }, 'input.endsAt');
    await bad({ startsAt: at(HOUR), endsAt: at(2 * HOUR), capacity: 0 }, 'input.capacity');
    const past = (await send(staff, CREATE, { ...base, startsAt: at(-3 * HOUR), endsAt: at(-HOUR) })).data!.id as string;
    const volunteerId = await world.registeredVolunteer({ accountSubject: 'activity-review' });
    const SIGN_UP = 'mutation ($i: SignUpForActivityInput!) { signUpForActivity(input: $i) { id } }';
    expect((await send(resident, SIGN_UP, { activityId: past, volunteerId })).error?.code).toBe('FORBIDDEN');
    expect((await send(staff, SIGN_UP, { activityId: past, volunteerId })).error).toBeUndefined();
    const CONFIRM = 'mutation ($i: ConfirmAttendanceInput!) { confirmAttendance(input: $i) { minutesServed timeBankTransfer { id } } }';
    const attendance = { activityId: past, volunteerId, arrivedAt: at(-4 * HOUR), leftAt: at(-2 * HOUR) };
    expect((await send(resident, CONFIRM, attendance)).error?.code).toBe('FORBIDDEN');
    const volunteerToken = await world.token('VOLUNTEER', 'activity-review');
    expect((await send(volunteerToken, CONFIRM, attendance)).error?.code).toBe('FORBIDDEN');
    const confirmed = await send(staff, CONFIRM, attendance);
    expect(confirmed.data).toMatchObject({ minutesServed: 60 });
    const again = await send(staff, CONFIRM, attendance);
    expect(again.data).toEqual(confirmed.data);
    const BAL = 'query ($id: ID!) { volunteer(id: $id) { timeBankAccount { balanceMinutes entries { totalCount } } } }';
    const account = await world.must<{ volunteer: { timeBankAccount: { balanceMinutes: number; entries: { totalCount: number } } } }>(
      staff,
      BAL,
      { id: volunteerId },
    );
    expect(account.volunteer.timeBankAccount).toEqual({ balanceMinutes: 60, entries: { totalCount: 1 } });
  });

  it('probes list arguments: bad region codes, page sizes and cursors are refused naming the argument', async () => {
    const lists: Array<[string, string]> = [
      ['serviceOrders', 'query ($r: ID!, $f: Int, $a: String) { serviceOrders(regionCode: $r, first: $f, after: $a) { totalCount } }'],
      ['microWishes', 'query ($r: ID!, $f: Int, $a: String) { microWishes(regionCode: $r, first: $f, after: $a) { totalCount } }'],
      ['activities', 'query ($r: ID!, $f: Int, $a: String) { activities(regionCode: $r, first: $f, after: $a) { totalCount } }'],
      ['merchants', 'query ($r: ID!, $f: Int, $a: String) { merchants(regionCode: $r, first: $f, after: $a) { totalCount } }'],
    ];
    const answers: Record<string, unknown> = {};
    for (const [name, query] of lists)
      for (const [label, vars] of [
        ['region', { r: 'abc' }],
        ['first0', { r: world.community, f: 0 }],
        ['first501', { r: world.community, f: 501 }],
        ['after', { r: world.community, a: 'not-a-cursor' }],
      ] as const) {
        const result = await gql(platform, staff, query, vars);
        const ext = result.errors?.[0]?.extensions as { code?: string; field?: string } | undefined;
        answers[`${name}.${label}`] = ext ? `${ext.code} ${ext.field}` : 'OK';
      }
    const field = { region: 'regionCode', first0: 'first', first501: 'first', after: 'after' } as const;
    expect(answers).toEqual(
      Object.fromEntries(Object.keys(answers).map((key) => [key, `BAD_USER_INPUT ${field[key.split('.')[1] as keyof typeof field]}`])),
    );
    expect(Object.keys(answers)).toHaveLength(16);
  });

  it('enrols a volunteer whose record names their login as a taker with that login only', async () => {
    const volunteerId = await world.registeredVolunteer({ accountSubject: 'enrol-review' });
    const other = await send(staff, ENROL, { volunteerId, accountSubject: 'somebody-else' });
    expect(other.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.accountSubject' });
    const own = await send(staff, ENROL, { volunteerId, accountSubject: 'enrol-review' });
    expect(own.error).toBeUndefined();
    expect(own.data).toMatchObject({ kind: 'VOLUNTEER', accountSubject: 'enrol-review' });
  });

  it('places an order once however often the resident’s app sends it with its key; the key with another order is a CONFLICT', async () => {
    const input = {
      category: 'ERRANDS',
      description: '帮忙买菜送到家',
      regionCode: world.community,
      idempotencyKey: `order-${Date.now()}-review`,
    };
    const MINE = '{ myServiceOrders(first: 500) { totalCount edges { node { id } } } }';
    const count = async () => (await world.must<{ myServiceOrders: { totalCount: number } }>(resident, MINE)).myServiceOrders.totalCount;
    const before = await count();
    const first = await send(resident, PLACE, input);
    expect(first.error).toBeUndefined();
    const retries = await Promise.all([1, 2, 3].map(() => send(resident, PLACE, input)));
    expect(retries.map((r) => r.data?.id)).toEqual([first.data!.id, first.data!.id, first.data!.id]);
    // Three retries racing with a fresh key: one order.
    const racing = { ...input, idempotencyKey: `order-${Date.now()}-race` };
    const raced = await Promise.all([1, 2, 3].map(() => send(resident, PLACE, racing)));
    expect(raced.map((r) => r.error)).toEqual([undefined, undefined, undefined]);
    expect(new Set(raced.map((r) => r.data!.id)).size).toBe(1);
    expect(await count()).toBe(before + 2);
    expect((await send(resident, PLACE, { ...input, description: '帮忙取快递送到家' })).error).toMatchObject({
      code: 'CONFLICT',
      field: 'input.idempotencyKey',
    });
    expect((await send(resident, PLACE, { ...input, idempotencyKey: 'short' })).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.idempotencyKey',
    });
    // Another person's key is theirs alone.
    const neighbour = await world.token('RESIDENT', 'neighbour-review');
    const theirs = await send(neighbour, PLACE, input);
    expect(theirs.error).toBeUndefined();
    expect(theirs.data!.id).not.toBe(first.data!.id);
    expect(await count()).toBe(before + 2);
  });

  it('refuses a person claiming their own wish (someone else fulfils it, the wisher confirms it)', async () => {
    const both = await tokenFor({ sub: 'wisher-and-volunteer', roles: ['RESIDENT', 'VOLUNTEER'], regions: [world.community] });
    const wish = (await send(both, POST, { regionCode: world.community, title: '一副手套' })).data!.id as string;
    expect((await send(both, CLAIM, { wishId: wish, claimantKind: 'VOLUNTEER' })).error).toMatchObject({
      code: 'FORBIDDEN',
      field: 'input.wishId',
    });
    const READ = 'query ($id: ID!) { microWish(id: $id) { status steps { action } } }';
    expect((await world.must<{ microWish: unknown }>(staff, READ, { id: wish })).microWish).toEqual({
      status: 'ON_WALL',
      steps: [{ action: 'POST' }],
    });
    // Staff who posted a wish for a resident still record a merchant's claim on it.
    const forResident = (await send(staff, POST, { regionCode: world.community, title: '一袋面粉', onBehalf: true })).data!.id as string;
    expect((await send(staff, CLAIM, { wishId: forResident, claimantKind: 'MERCHANT', claimantName: '评审粮油店' })).error).toBeUndefined();
    const someoneElse = await world.token('VOLUNTEER', 'other-volunteer-review');
    expect((await send(someoneElse, CLAIM, { wishId: wish, claimantKind: 'VOLUNTEER' })).data).toMatchObject({ status: 'CLAIMED' });
  });

  it('posts a wish once however often the app sends it with its key; the key with another wish is a CONFLICT', async () => {
    const input = { regionCode: world.community, title: '一个助行器', idempotencyKey: `wish-${Date.now()}-review` };
    const first = await send(resident, POST, input);
    expect(first.error).toBeUndefined();
    const racing = await Promise.all([1, 2, 3].map(() => send(resident, POST, input)));
    expect(racing.map((r) => r.data?.id)).toEqual([first.data!.id, first.data!.id, first.data!.id]);
    const fresh = { ...input, idempotencyKey: `wish-${Date.now()}-race` };
    const raced = await Promise.all([1, 2, 3].map(() => send(resident, POST, fresh)));
    expect(raced.map((r) => r.error)).toEqual([undefined, undefined, undefined]);
    expect(new Set(raced.map((r) => r.data!.id)).size).toBe(1);
    const ON_WALL = 'query ($c: ID!) { microWishes(regionCode: $c, first: 500) { edges { node { id title } } } }';
    const wall = await world.must<{ microWishes: { edges: Array<{ node: { title: string } }> } }>(staff, ON_WALL, { c: world.community });
    expect(wall.microWishes.edges.filter((e) => e.node.title === '一个助行器')).toHaveLength(2);
    expect((await send(resident, POST, { ...input, title: '一副拐杖' })).error).toMatchObject({
      code: 'CONFLICT',
      field: 'input.idempotencyKey',
    });
  });
});
