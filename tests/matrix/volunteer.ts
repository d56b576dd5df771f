import { appendToOutbox, DoubleReportAssigned, eventMessage } from '@gg/shared';
import { randomUUID } from 'node:crypto';
import { catchUpEvents, gql, tokenFor } from '../helpers';
import { randomResidentId } from './grid';
import type { MatrixPart } from './types';
import { seedMerchant, seedServiceOrders, SERVICE_ORDER_MUTATIONS, SERVICE_ORDER_QUERIES } from './volunteer-orders';

const CREDIT = 'mutation ($i: TimeBankPostingInput!) { creditTimeBankHours(input: $i) { id } }';
const REGISTER = 'mutation ($i: RegisterVolunteerInput!) { registerVolunteer(input: $i) { id } }';
const CREATE_ACTIVITY = 'mutation ($i: CreateActivityInput!) { createActivity(input: $i) { id } }';
const SIGN_UP = 'mutation ($i: SignUpForActivityInput!) { signUpForActivity(input: $i) { id } }';
const POST_WISH = 'mutation ($i: PostWishInput!) { postWish(input: $i) { id } }';
const CLAIM_WISH = 'mutation ($i: ClaimWishInput!) { claimWish(input: $i) { id } }';
const FULFIL_WISH = 'mutation ($i: FulfilWishInput!) { fulfilWish(input: $i) { id } }';
const HOUR = 3600 * 1000;
const at = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

export const volunteerMatrix: MatrixPart = {
  // A redemption code is the input of a verification, not a record to find in an answer.
  secret: ['redemptionCode'],
  async seed(context) {
    const { create, community, platform, records } = context;
    // The community's Party committee (organisation's seed) owns the team, once this service heard of it.
    await catchUpEvents(platform);
    const team = await create('mutation ($i: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $i) { id } }', {
      name: '矩阵测试志愿服务队',
      category: 'GREEN',
      regionCode: community,
      ownerOrganisationId: records.communityOrganisationId,
    });
    // The member's double report assigned to the team, as the organisation service announces it (its
    // outbox), makes the member a volunteer of the team; PartyMemberRegistered must have arrived too.
    await platform.dataSources.organisation.transaction((m) =>
      appendToOutbox(m, [
        eventMessage(DoubleReportAssigned, {
          doubleReportId: randomUUID(),
          memberId: records.partyMemberId!,
          regionCode: community,
          gridId: records.gridId!,
          volunteerTeamId: team.id!,
        }),
      ]),
    );
    await catchUpEvents(platform);
    const account = await create('mutation ($i: OpenTimeBankAccountInput!) { openTimeBankAccount(input: $i) { id } }', {
      partyMemberId: records.partyMemberId,
    });
    const credit = await create(CREDIT, { accountId: account.id, minutes: 90, reason: '矩阵测试服务时长' });
    // A registered volunteer (their login is the matrix tokens' subject, so VOLUNTEER sees their own
    // record), one who is in no team or activity yet, an activity ahead and one that took place.
    const volunteer = await create(REGISTER, {
      regionCode: community,
      name: '王志愿',
      residentId: randomResidentId(community.slice(0, 6)),
      skills: ['助老'],
      homeGridId: records.gridId,
      accountSubject: 'e2e-user',
    });
    const spare = await create(REGISTER, { regionCode: community, name: '李志愿', residentId: randomResidentId(community.slice(0, 6)) });
    await create('mutation ($i: AddVolunteerToTeamInput!) { addVolunteerToTeam(input: $i) { id } }', {
      teamId: team.id,
      volunteerId: volunteer.id,
      role: 'LEADER',
    });
    const activity = await create(CREATE_ACTIVITY, {
      regionCode: community,
      teamId: team.id,
      title: '矩阵测试敬老服务',
      place: '社区养老服务站',
      startsAt: at(48 * HOUR),
      endsAt: at(50 * HOUR),
      capacity: 10,
    });
    const past = await create(CREATE_ACTIVITY, {
      regionCode: community,
      title: '矩阵测试环境整治',
      place: '小区花园',
      startsAt: at(-5 * HOUR),
      endsAt: at(-3 * HOUR),
      capacity: 5,
    });
    await create(SIGN_UP, { activityId: past.id, volunteerId: volunteer.id });
    await create('mutation ($i: ConfirmAttendanceInput!) { confirmAttendance(input: $i) { id } }', {
      activityId: past.id,
      volunteerId: volunteer.id,
      arrivedAt: at(-5 * HOUR),
      leftAt: at(-3 * HOUR),
    });
    // The volunteer's own account, opened by that credit: the matrix tokens (e2e-user) redeem from it themselves.
    const own = await gql<{ volunteer: { timeBankAccount: { id: string } } }>(
      platform,
      await tokenFor({ roles: ['COUNTY_ADMIN'], regions: [context.county] }),
      'query ($id: ID!) { volunteer(id: $id) { timeBankAccount { id } } }',
      { id: volunteer.id },
    );
    if (own.errors) throw new Error(JSON.stringify(own.errors));
    // Wishes at each step: on the wall, claimed, fulfilled (the county administrator posts and confirms).
    const wish = await create(POST_WISH, { regionCode: community, title: '矩阵测试心愿：一台收音机' });
    const claimed = await create(POST_WISH, { regionCode: community, title: '矩阵测试心愿：一副老花镜' });
    await create(CLAIM_WISH, { wishId: claimed.id, claimantKind: 'MERCHANT', claimantName: '矩阵眼镜店' });
    const fulfilled = await create(POST_WISH, { regionCode: community, title: '矩阵测试心愿：一双棉鞋' });
    await create(CLAIM_WISH, { wishId: fulfilled.id, claimantKind: 'AGENCY', claimantName: '矩阵共建单位' });
    await create(FULFIL_WISH, { wishId: fulfilled.id, evidence: '棉鞋已送到' });
    // A refused whole read (a county administrator may not see a volunteer's name whole): audited as FAILURE.
    const reveal = await gql(
      platform,
      await tokenFor({ sub: 'matrix-county-admin', regions: [community] }),
      'query ($id: ID!) { volunteer(id: $id) { name(reveal: true) } }',
      {
        id: volunteer.id,
      },
    );
    if (reveal.errors?.[0]?.extensions?.code !== 'FORBIDDEN') throw new Error(`expected a refused reveal: ${JSON.stringify(reveal)}`);
    return {
      volunteerTeamId: team.id!,
      timeBankAccountId: account.id!,
      timeBankTransferId: credit.id!,
      volunteerAccountId: own.data!.volunteer.timeBankAccount.id,
      volunteerId: volunteer.id!,
      spareVolunteerId: spare.id!,
      activityId: activity.id!,
      pastActivityId: past.id!,
      wishId: wish.id!,
      claimedWishId: claimed.id!,
      fulfilledWishId: fulfilled.id!,
      ...(await seedServiceOrders(context, team.id!)),
      ...(await seedMerchant(create, community, account.id!)),
    };
  },
  queries: {
    volunteer: { query: 'query ($id: ID!) { volunteer(id: $id) { id name } }', variables: (a) => ({ id: a.volunteerId }) },
    myVolunteerRecords: { query: '{ myVolunteerRecords { id region { code } } }', variables: () => ({}) },
    volunteerTeamCategories: {
      query: 'query ($c: ID!) { volunteerTeamCategories(countyCode: $c) { countyCode categories } }',
      variables: (a) => ({ c: a.county }),
    },
    activity: { query: 'query ($id: ID!) { activity(id: $id) { id title signedUp } }', variables: (a) => ({ id: a.activityId }) },
    activities: {
      query: 'query ($c: ID!) { activities(regionCode: $c) { edges { node { id } } totalCount } }',
      variables: (a) => ({ c: a.community }),
    },
    microWish: { query: 'query ($id: ID!) { microWish(id: $id) { id status } }', variables: (a) => ({ id: a.wishId }) },
    wishClaimPolicy: {
      query: 'query ($c: ID!) { wishClaimPolicy(countyCode: $c) { countyCode claimDays } }',
      variables: (a) => ({ c: a.county }),
    },
    myMicroWishes: { query: '{ myMicroWishes { edges { node { id } } totalCount } }', variables: () => ({}) },
    microWishes: {
      query: 'query ($c: ID!) { microWishes(regionCode: $c) { edges { node { id } } totalCount } }',
      variables: (a) => ({ c: a.community }),
    },
    volunteerPersonalDataAccesses: {
      query: 'query ($c: ID!) { volunteerPersonalDataAccesses(regionCode: $c) { edges { node { id regionCode recordId } } } }',
      variables: (a) => ({ c: a.community }),
    },
    volunteerTeam: { query: 'query ($id: ID!) { volunteerTeam(id: $id) { id name } }', variables: (a) => ({ id: a.volunteerTeamId }) },
    volunteerTeams: {
      query: 'query ($c: ID!) { volunteerTeams(regionCode: $c) { edges { node { id name } } totalCount } }',
      variables: (a) => ({ c: a.community }),
    },
    teamVolunteers: {
      query: 'query ($t: ID!) { teamVolunteers(teamId: $t) { edges { node { id partyMemberId } } totalCount } }',
      variables: (a) => ({ t: a.volunteerTeamId }),
    },
    timeBankAccount: {
      query: 'query ($id: ID!) { timeBankAccount(id: $id) { id balanceMinutes } }',
      variables: (a) => ({ id: a.timeBankAccountId }),
    },
    timeBankAccountOfPartyMember: {
      query: 'query ($id: ID!) { timeBankAccountOfPartyMember(partyMemberId: $id) { id balanceMinutes } }',
      variables: (a) => ({ id: a.partyMemberId }),
    },
    // The matrix tokens' login (e2e-user) is the registered volunteer's: their own account is listed.
    myTimeBankAccounts: { query: '{ myTimeBankAccounts { id holderKind balanceMinutes } }', variables: () => ({}) },
    ...SERVICE_ORDER_QUERIES,
  },
  mutations: {
    setVolunteerTeamCategories: {
      query: 'mutation ($i: SetVolunteerTeamCategoriesInput!) { setVolunteerTeamCategories(input: $i) { countyCode } }',
      variables: (a) => ({ i: { countyCode: a.county, categories: ['RED', 'GREEN', 'BLUE', 'WHITE', 'GOLD', 'OTHER'] } }),
    },
    registerVolunteer: {
      query: REGISTER,
      variables: (a) => ({
        i: {
          regionCode: a.community,
          name: '越权志愿者',
          residentId: randomResidentId(a.county!),
          phone: '13800000000',
          skills: ['急救'],
          availability: ['WEEKEND_DAYTIME'],
          homeGridId: a.gridId,
          accountSubject: 'matrix-volunteer',
        },
      }),
    },
    updateVolunteerProfile: {
      query: 'mutation ($i: UpdateVolunteerProfileInput!) { updateVolunteerProfile(input: $i) { id } }',
      variables: (a) => ({ i: { volunteerId: a.volunteerId, skills: ['越权'], availability: ['WEEKDAY_EVENING'], homeGridId: a.gridId } }),
    },
    addVolunteerToTeam: {
      query: 'mutation ($i: AddVolunteerToTeamInput!) { addVolunteerToTeam(input: $i) { id } }',
      variables: (a) => ({ i: { teamId: a.volunteerTeamId, volunteerId: a.spareVolunteerId, role: 'MEMBER' } }),
    },
    createActivity: {
      query: CREATE_ACTIVITY,
      variables: (a) => ({
        i: {
          regionCode: a.community,
          teamId: a.volunteerTeamId,
          title: '越权活动',
          place: '社区广场',
          description: '越权',
          startsAt: at(24 * HOUR),
          endsAt: at(26 * HOUR),
          capacity: 3,
        },
      }),
    },
    signUpForActivity: {
      query: SIGN_UP,
      variables: (a) => ({ i: { activityId: a.activityId, volunteerId: a.spareVolunteerId } }),
    },
    confirmAttendance: {
      query: 'mutation ($i: ConfirmAttendanceInput!) { confirmAttendance(input: $i) { id } }',
      variables: (a) => ({
        i: { activityId: a.pastActivityId, volunteerId: a.volunteerId, arrivedAt: at(-5 * HOUR), leftAt: at(-4 * HOUR) },
      }),
    },
    postWish: {
      query: POST_WISH,
      variables: (a) => ({ i: { regionCode: a.community, title: '越权心愿', description: '越权', onBehalf: true } }),
    },
    claimWish: {
      query: CLAIM_WISH,
      variables: (a) => ({ i: { wishId: a.wishId, claimantKind: 'AGENCY', claimantName: '越权单位' } }),
    },
    setWishClaimPolicy: {
      query: 'mutation ($i: SetWishClaimPolicyInput!) { setWishClaimPolicy(input: $i) { countyCode } }',
      variables: (a) => ({ i: { countyCode: a.county, claimDays: 10 } }),
    },
    releaseWishClaim: {
      query: 'mutation ($i: ReleaseWishClaimInput!) { releaseWishClaim(input: $i) { id } }',
      variables: (a) => ({ i: { wishId: a.claimedWishId } }),
    },
    fulfilWish: {
      query: FULFIL_WISH,
      variables: (a) => ({ i: { wishId: a.claimedWishId, evidence: '越权圆梦' } }),
    },
    confirmWish: {
      query: 'mutation ($i: ConfirmWishInput!) { confirmWish(input: $i) { id } }',
      variables: (a) => ({ i: { wishId: a.fulfilledWishId } }),
    },
    ...SERVICE_ORDER_MUTATIONS,
    createVolunteerTeam: {
      query: 'mutation ($i: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $i) { id } }',
      variables: (a) => ({
        i: { name: '越权志愿服务队', category: 'RED', regionCode: a.community, ownerOrganisationId: a.communityOrganisationId },
      }),
    },
    openTimeBankAccount: {
      query: 'mutation ($i: OpenTimeBankAccountInput!) { openTimeBankAccount(input: $i) { id } }',
      variables: (a) => ({ i: { partyMemberId: a.partyMemberId } }),
    },
    creditTimeBankHours: {
      query: CREDIT,
      variables: (a) => ({ i: { accountId: a.timeBankAccountId, minutes: 30, reason: '越权记入时长' } }),
    },
    debitTimeBankHours: {
      query: 'mutation ($i: TimeBankPostingInput!) { debitTimeBankHours(input: $i) { id } }',
      variables: (a) => ({ i: { accountId: a.timeBankAccountId, minutes: 30, reason: '越权消费时长' } }),
    },
    reverseTimeBankTransfer: {
      query: 'mutation ($i: ReverseTimeBankTransferInput!) { reverseTimeBankTransfer(input: $i) { id } }',
      variables: (a) => ({ i: { transferId: a.timeBankTransferId, reason: '越权撤销' } }),
    },
  },
};
