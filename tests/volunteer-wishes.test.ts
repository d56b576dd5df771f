import type { RunningPlatform } from '../scripts/platform';
import { wishClaimsJob } from '../services/volunteer/src/micro-wish/micro-wish.jobs';
import { gql, seedCommunity, startTestPlatform, tokenFor } from './helpers';
import { randomResidentId } from './matrix/grid';

/**
 * Micro-wishes (微心愿) through the gateway: posted on the wall by a resident (or a household leader
 * for one who cannot), claimed by one claimant at a time, a lapsed claim returned to the wall by the
 * claim-expiry job, fulfilled with evidence by the claimant, confirmed only by the wisher.
 */

const COUNTY = '520201';
const DAY = 24 * 3600 * 1000;
const WISH = `id status claimantKind claimantName claimedByYou postedByYou claimExpiresAt evidence availableActions
  steps { version action fromStatus toStatus bySystem }`;
const POST = `mutation ($i: PostWishInput!) { postWish(input: $i) { ${WISH} } }`;
const CLAIM = `mutation ($i: ClaimWishInput!) { claimWish(input: $i) { ${WISH} } }`;
const FULFIL = `mutation ($i: FulfilWishInput!) { fulfilWish(input: $i) { ${WISH} } }`;
const CONFIRM = `mutation ($i: ConfirmWishInput!) { confirmWish(input: $i) { ${WISH} } }`;
const RELEASE = `mutation ($i: ReleaseWishClaimInput!) { releaseWishClaim(input: $i) { ${WISH} } }`;
const READ = `query ($id: ID!) { microWish(id: $id) { ${WISH} } }`;

interface Wish {
  id: string;
  status: string;
  claimantKind: string | null;
  claimantName: string | null;
  claimedByYou: boolean;
  postedByYou: boolean;
  claimExpiresAt: string | null;
  evidence: string | null;
  availableActions: string[];
  steps: Array<{ action: string; bySystem: boolean }>;
}
type Errors = Array<{ extensions?: { code?: string; field?: string } }> | undefined;

describe('micro-wishes through the gateway', () => {
  let platform: RunningPlatform;
  let community: string;
  let resident: string;
  let member: string;
  let volunteer: string;
  let staff: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    ({ community } = await seedCommunity(platform, COUNTY, '心愿墙测试社区'));
    const person = (sub: string, role: 'RESIDENT' | 'PARTY_MEMBER' | 'VOLUNTEER' | 'COMMUNITY_STAFF') =>
      tokenFor({ sub, roles: [role], regions: [community] });
    [resident, member, volunteer, staff] = await Promise.all([
      person('resident-zhang', 'RESIDENT'),
      person('member-li', 'PARTY_MEMBER'),
      person('volunteer-wang', 'VOLUNTEER'),
      person('staff-zhao', 'COMMUNITY_STAFF'),
    ]);
  }, 60_000);
  afterAll(() => platform.stop());

  async function step(token: string, mutation: string, input: Record<string, unknown>): Promise<Wish & { errors?: Errors }> {
    const result = await gql<Record<string, Wish>>(platform, token, mutation, { i: input });
    const wish: Wish | undefined = result.data ? Object.values(result.data)[0] : undefined;
    return { ...(wish ?? ({} as Wish)), errors: result.errors as Errors };
  }
  const post = async (token = resident, input: Record<string, unknown> = {}) => {
    const wish = await step(token, POST, { regionCode: community, title: '一台助听器', ...input });
    expect(wish.errors).toBeUndefined();
    return wish;
  };

  it('goes from the wall to confirmation: claimed by one of two at once, fulfilled with evidence, confirmed by the wisher alone', async () => {
    const wish = await post(resident, { description: '张奶奶听力下降，希望有一台助听器' });
    expect(wish).toMatchObject({ status: 'ON_WALL', postedByYou: true, availableActions: ['CLAIM'] });
    const wall = await gql<{ microWishes: { edges: Array<{ node: { id: string } }> } }>(
      platform,
      volunteer,
      'query ($c: ID!) { microWishes(regionCode: $c, statuses: [ON_WALL]) { edges { node { id } } } }',
      { c: community },
    );
    expect(wall.data!.microWishes.edges.map((e) => e.node.id)).toContain(wish.id);

    const [byMember, byVolunteer] = await Promise.all([
      step(member, CLAIM, { wishId: wish.id, claimantKind: 'PARTY_MEMBER' }),
      step(volunteer, CLAIM, { wishId: wish.id, claimantKind: 'VOLUNTEER' }),
    ]);
    const outcomes = [byMember, byVolunteer].map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(outcomes).toEqual(['CONFLICT', 'OK']);
    const [winner, loser] = byMember.errors ? [volunteer, member] : [member, volunteer];
    expect([byMember, byVolunteer].find((r) => r.errors)!.errors![0]!.extensions!.field).toBe('input.wishId');

    const notMine = await step(loser, FULFIL, { wishId: wish.id, evidence: '我送去了' });
    expect(notMine.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const early = await step(resident, CONFIRM, { wishId: wish.id });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.wishId' });
    const fulfilled = await step(winner, FULFIL, { wishId: wish.id, evidence: '助听器已送到张奶奶家并调试好' });
    expect(fulfilled).toMatchObject({ status: 'FULFILLED', claimedByYou: true, evidence: '助听器已送到张奶奶家并调试好' });
    const byClaimant = await step(winner, CONFIRM, { wishId: wish.id });
    expect(byClaimant.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const confirmed = await step(resident, CONFIRM, { wishId: wish.id });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.status).toBe('CONFIRMED');
    expect(confirmed.steps.map((s) => s.action)).toEqual(['POST', 'CLAIM', 'FULFIL', 'CONFIRM']);
  });

  it('lets a household leader post for a resident who cannot and confirm for them; staff record a merchant’s claim', async () => {
    const leader = await tokenFor({ sub: 'leader-yang', roles: ['RESIDENT'], regions: [community] });
    const wish = await post(leader, { title: '一件冬衣', onBehalf: true });
    const asMember = await step(member, CLAIM, { wishId: wish.id, claimantKind: 'MERCHANT', claimantName: '红城星店' });
    expect(asMember.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.claimantKind' });
    const unnamed = await step(staff, CLAIM, { wishId: wish.id, claimantKind: 'MERCHANT' });
    expect(unnamed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.claimantName' });
    const claimed = await step(staff, CLAIM, { wishId: wish.id, claimantKind: 'MERCHANT', claimantName: '红城星店' });
    expect(claimed).toMatchObject({ status: 'CLAIMED', claimantKind: 'MERCHANT', claimantName: '红城星店' });
    expect((await step(staff, FULFIL, { wishId: wish.id, evidence: '冬衣已送达' })).status).toBe('FULFILLED');
    expect((await step(leader, CONFIRM, { wishId: wish.id })).status).toBe('CONFIRMED');
  });

  it('returns a claim not fulfilled in time to the wall (the claim-expiry job, idempotent); the late claimant can no longer fulfil it', async () => {
    const wish = await post();
    const claimed = await step(member, CLAIM, { wishId: wish.id, claimantKind: 'PARTY_MEMBER' });
    expect(claimed.status).toBe('CLAIMED');
    const expiresAt = new Date(claimed.claimExpiresAt!);
    expect(Math.round((expiresAt.getTime() - Date.now()) / DAY)).toBe(7);

    const run = (now: Date) =>
      // Only this file's community: other test files' claims are not this test's to return.
      wishClaimsJob.handler(
        { now: now.toISOString(), regionCode: community },
        { dataSource: platform.dataSources.volunteer!, jobId: 'test', attempt: 1 },
      );
    // Before the claim lapses nothing changes.
    await run(new Date(expiresAt.getTime() - 60_000));
    const stillClaimed = await gql<{ microWish: Wish }>(platform, member, READ, { id: wish.id });
    expect(stillClaimed.data!.microWish.status).toBe('CLAIMED');

    const first = (await run(new Date(expiresAt.getTime() + 60_000))) as { returned: number };
    expect(first.returned).toBe(1);
    const again = (await run(new Date(expiresAt.getTime() + 60_000))) as { returned: number };
    expect(again.returned).toBe(0);
    const back = await gql<{ microWish: Wish }>(platform, resident, READ, { id: wish.id });
    expect(back.data!.microWish).toMatchObject({ status: 'ON_WALL', claimantKind: null, claimExpiresAt: null });
    expect(back.data!.microWish.steps.map((s) => [s.action, s.bySystem])).toEqual([
      ['POST', false],
      ['CLAIM', false],
      ['EXPIRE_CLAIM', true],
    ]);
    // No longer the claimant: refused whatever the state.
    const late = await step(member, FULFIL, { wishId: wish.id, evidence: '晚了' });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await step(volunteer, CLAIM, { wishId: wish.id, claimantKind: 'VOLUNTEER' })).status).toBe('CLAIMED');
  });

  it('lets a claimant give a claim back for someone else, and lists each person’s own wishes', async () => {
    const wish = await post(resident, { title: '一次理发上门' });
    expect((await step(volunteer, CLAIM, { wishId: wish.id, claimantKind: 'VOLUNTEER' })).status).toBe('CLAIMED');
    const byOther = await step(member, RELEASE, { wishId: wish.id });
    expect(byOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const released = await step(volunteer, RELEASE, { wishId: wish.id });
    expect(released).toMatchObject({ status: 'ON_WALL', claimantKind: null, availableActions: ['CLAIM'] });
    expect((await step(member, CLAIM, { wishId: wish.id, claimantKind: 'PARTY_MEMBER' })).status).toBe('CLAIMED');
    const mine = (token: string) =>
      gql<{ myMicroWishes: { edges: Array<{ node: { id: string } }> } }>(
        platform,
        token,
        '{ myMicroWishes(first: 500) { edges { node { id } } } }',
      );
    const ids = async (token: string) => (await mine(token)).data!.myMicroWishes.edges.map((e) => e.node.id);
    expect(await ids(resident)).toContain(wish.id);
    expect(await ids(member)).toContain(wish.id);
    expect(await ids(volunteer)).not.toContain(wish.id);
  });

  it('links a claim to the claimant’s volunteer record when their login names one, and unlinks it when the claim ends', async () => {
    const admin = await tokenFor({ sub: 'county-admin', roles: ['COUNTY_ADMIN'], regions: [COUNTY] });
    const registered = await gql<{ registerVolunteer: { id: string } }>(
      platform,
      admin,
      'mutation ($i: RegisterVolunteerInput!) { registerVolunteer(input: $i) { id } }',
      { i: { regionCode: community, name: '周志愿', residentId: randomResidentId(COUNTY), accountSubject: 'volunteer-zhou' } },
    );
    expect(registered.errors).toBeUndefined();
    const volunteerId = registered.data!.registerVolunteer.id;
    const zhou = await tokenFor({ sub: 'volunteer-zhou', roles: ['VOLUNTEER'], regions: [community] });
    const LINK = 'query ($id: ID!) { microWish(id: $id) { status claimantVolunteer { id } } }';
    const linkOf = async (id: string) =>
      (await gql<{ microWish: { status: string; claimantVolunteer: { id: string } | null } }>(platform, staff, LINK, { id })).data!
        .microWish;

    const wish = await post(resident, { title: '一袋大米' });
    expect((await step(zhou, CLAIM, { wishId: wish.id, claimantKind: 'VOLUNTEER' })).errors).toBeUndefined();
    expect(await linkOf(wish.id)).toEqual({ status: 'CLAIMED', claimantVolunteer: { id: volunteerId } });
    // Given back: no claimant, no link; claimed again by a volunteer with no record: no link either.
    expect((await step(zhou, RELEASE, { wishId: wish.id })).errors).toBeUndefined();
    expect(await linkOf(wish.id)).toEqual({ status: 'ON_WALL', claimantVolunteer: null });
    expect((await step(volunteer, CLAIM, { wishId: wish.id, claimantKind: 'VOLUNTEER' })).errors).toBeUndefined();
    expect(await linkOf(wish.id)).toEqual({ status: 'CLAIMED', claimantVolunteer: null });
  });

  it('lets a county set how long claims stand (Tianzhu: 3 days)', async () => {
    const tianzhu = (await seedCommunity(platform, '522627', '心愿期限测试社区')).community;
    const countyAdmin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['522627'] });
    const set = await gql<{ setWishClaimPolicy: { claimDays: number; isDefault: boolean } }>(
      platform,
      countyAdmin,
      'mutation ($i: SetWishClaimPolicyInput!) { setWishClaimPolicy(input: $i) { claimDays isDefault } }',
      { i: { countyCode: '522627', claimDays: 3 } },
    );
    expect(set.data!.setWishClaimPolicy).toEqual({ claimDays: 3, isDefault: false });
    const tooLong = await gql(
      platform,
      countyAdmin,
      'mutation ($i: SetWishClaimPolicyInput!) { setWishClaimPolicy(input: $i) { claimDays } }',
      {
        i: { countyCode: '522627', claimDays: 91 },
      },
    );
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.claimDays' });
    const wisher = await tokenFor({ sub: 'resident-tianzhu', roles: ['RESIDENT'], regions: [tianzhu] });
    const claimer = await tokenFor({ sub: 'member-tianzhu', roles: ['PARTY_MEMBER'], regions: [tianzhu] });
    const wish = await step(wisher, POST, { regionCode: tianzhu, title: '一盏台灯' });
    const claimed = await step(claimer, CLAIM, { wishId: wish.id, claimantKind: 'PARTY_MEMBER' });
    expect(Math.round((new Date(claimed.claimExpiresAt!).getTime() - Date.now()) / DAY)).toBe(3);
    const outsider = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520322'] });
    const read = await gql<{ wishClaimPolicy: null }>(platform, outsider, 'query { wishClaimPolicy(countyCode: "522627") { claimDays } }');
    expect(read.data!.wishClaimPolicy).toBeNull();
  });

  it('keeps wishes inside their county: another county neither sees nor claims them', async () => {
    const wish = await post();
    const outsider = await tokenFor({ sub: 'member-elsewhere', roles: ['PARTY_MEMBER'], regions: ['520322'] });
    expect((await gql<{ microWish: null }>(platform, outsider, READ, { id: wish.id })).data!.microWish).toBeNull();
    const claim = await step(outsider, CLAIM, { wishId: wish.id, claimantKind: 'PARTY_MEMBER' });
    expect(claim.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.wishId' });
    const elsewhere = await tokenFor({ roles: ['RESIDENT'], regions: ['520322'] });
    const posted = await step(elsewhere, POST, { regionCode: community, title: '越界心愿' });
    expect(posted.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.regionCode' });
  });
});
