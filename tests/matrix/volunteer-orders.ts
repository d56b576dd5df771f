import { gql, tokenFor } from '../helpers';
import type { Case, Records, SeedContext } from './types';

/**
 * The volunteer service's four orders (四单制) and merchant rewards in the access matrix: what the seed
 * creates in each county, and a case for each root field. The seed runs as the county's administrator
 * (subject `e2e-user`), who also places an order and is enrolled as the household leader taking
 * another one (placed by a resident: nobody is dispatched their own order), so `myServiceOrders` and
 * `myServiceTasks` have county A's records to (not) show.
 */

type Create = SeedContext['create'];

export async function seedServiceOrders(context: SeedContext, teamId: string): Promise<Records> {
  const { create, community, records } = context;
  // The member the double report made a volunteer of the team (the matrix's enrolment names them).
  const admin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: [context.county] });
  const volunteers = await gql<{ teamVolunteers: { edges: Array<{ node: { id: string } }> } }>(
    context.platform,
    admin,
    'query ($t: ID!) { teamVolunteers(teamId: $t) { edges { node { id } } } }',
    { t: teamId },
  );
  const volunteerId = volunteers.data!.teamVolunteers.edges[0]!.node.id;
  const taker = await create('mutation ($i: EnrolServiceTakerInput!) { enrolServiceTaker(input: $i) { id } }', {
    householdId: records.householdId,
    accountSubject: 'e2e-user',
    skills: ['水电维修'],
  });
  const place = () =>
    create('mutation ($i: PlaceServiceOrderInput!) { placeServiceOrder(input: $i) { id } }', {
      category: 'REPAIR',
      description: '矩阵测试：楼道灯坏了',
      regionCode: community,
      gridId: records.gridId,
    });
  const placed = await place();
  const resident = await tokenFor({ sub: 'matrix-resident', roles: ['RESIDENT'], regions: [community] });
  const byResident = await gql<{ placeServiceOrder: { id: string } }>(
    context.platform,
    resident,
    'mutation ($i: PlaceServiceOrderInput!) { placeServiceOrder(input: $i) { id } }',
    { i: { category: 'REPAIR', description: '矩阵测试：水龙头漏水', regionCode: community, gridId: records.gridId } },
  );
  if (byResident.errors) throw new Error(JSON.stringify(byResident.errors));
  const dispatched = byResident.data!.placeServiceOrder;
  await create('mutation ($i: DispatchServiceOrderInput!) { dispatchServiceOrder(input: $i) { id } }', {
    orderId: dispatched.id,
    takerId: taker.id,
  });
  return { volunteerId, serviceTakerId: taker.id!, serviceOrderId: placed.id!, dispatchedOrderId: dispatched.id! };
}

export async function seedMerchant(create: Create, community: string, accountId: string): Promise<Records> {
  const merchant = await create('mutation ($i: RegisterMerchantInput!) { registerMerchant(input: $i) { id } }', {
    name: '矩阵测试红城星店',
    regionCode: community,
    accountSubject: 'e2e-shop',
  });
  const reward = await create('mutation ($i: OfferMerchantRewardInput!) { offerMerchantReward(input: $i) { id } }', {
    merchantId: merchant.id,
    name: '矩阵测试理发券',
    priceMinutes: 30,
    stock: 10,
  });
  const receipt = (await create(
    'mutation ($i: RedeemMerchantRewardInput!) { redeemMerchantReward(input: $i) { code redemption { id } } }',
    { rewardId: reward.id, accountId },
  )) as unknown as { code: string; redemption: { id: string } };
  return { merchantId: merchant.id!, merchantRewardId: reward.id!, redemptionId: receipt.redemption.id, redemptionCode: receipt.code };
}

export const SERVICE_ORDER_QUERIES: Record<string, Case> = {
  serviceTakers: {
    // With the region's dashboard figures (Region.volunteerStats, STAFF and DASHBOARD), every field of them.
    query: `query ($c: ID!) { serviceTakers(regionCode: $c) { edges { node { id kind region { code volunteerStats {
      teams teamsByCategory { category count } volunteers serviceTakers serviceOrders serviceOrdersByState { state count }
      averageRating averageMinutesToAccept timeBankCreditedMinutes timeBankSpentMinutes merchants redemptions redemptionsUsed
      activities { activities signUps attendances minutesServed hoursServed } wishes { posted onWall claimed fulfilled confirmed } } } } }
      totalCount } }`,
    variables: (a) => ({ c: a.community }),
  },
  serviceOrder: { query: 'query ($id: ID!) { serviceOrder(id: $id) { id state } }', variables: (a) => ({ id: a.serviceOrderId }) },
  serviceOrders: {
    query: 'query ($c: ID!) { serviceOrders(regionCode: $c) { edges { node { id state } } totalCount } }',
    variables: (a) => ({ c: a.community }),
  },
  myServiceOrders: { query: '{ myServiceOrders { edges { node { id state } } totalCount } }', variables: () => ({}) },
  myServiceTasks: { query: '{ myServiceTasks { edges { node { id state } } totalCount } }', variables: () => ({}) },
  serviceOrderCandidates: {
    query: 'query ($o: ID!) { serviceOrderCandidates(orderId: $o) { rank score taker { id } } }',
    // The resident's order: the taker (e2e-user) is no candidate for the order they placed themselves.
    variables: (a) => ({ o: a.dispatchedOrderId }),
  },
  serviceOrderPolicy: {
    query: 'query ($c: ID!) { serviceOrderPolicy(countyCode: $c) { countyCode dispatchWithinHours } }',
    variables: (a) => ({ c: a.county }),
  },
  merchants: {
    query: 'query ($c: ID!) { merchants(regionCode: $c) { edges { node { id name rewards { id stock } } } totalCount } }',
    variables: (a) => ({ c: a.community }),
  },
};

export const SERVICE_ORDER_MUTATIONS: Record<string, Case> = {
  enrolServiceTaker: {
    query: 'mutation ($i: EnrolServiceTakerInput!) { enrolServiceTaker(input: $i) { id } }',
    // The matrix volunteer's record names the login `e2e-user`: a taker acts with that login only.
    variables: (a) => ({ i: { volunteerId: a.volunteerId, accountSubject: 'e2e-user' } }),
  },
  placeServiceOrder: {
    query: 'mutation ($i: PlaceServiceOrderInput!) { placeServiceOrder(input: $i) { id } }',
    variables: (a) => ({ i: { category: 'HEALTH', description: '越权点单', regionCode: a.community, gridId: a.gridId } }),
  },
  dispatchServiceOrder: {
    query: 'mutation ($i: DispatchServiceOrderInput!) { dispatchServiceOrder(input: $i) { id } }',
    variables: (a) => ({ i: { orderId: a.serviceOrderId, takerId: a.serviceTakerId, note: '越权派单' } }),
  },
  acceptServiceOrder: {
    query: 'mutation ($i: ServiceOrderStepInput!) { acceptServiceOrder(input: $i) { id } }',
    variables: (a) => ({ i: { orderId: a.dispatchedOrderId } }),
  },
  declineServiceOrder: {
    query: 'mutation ($i: DeclineServiceOrderInput!) { declineServiceOrder(input: $i) { id } }',
    variables: (a) => ({ i: { orderId: a.dispatchedOrderId, reason: '越权拒单' } }),
  },
  completeServiceOrder: {
    query: 'mutation ($i: CompleteServiceOrderInput!) { completeServiceOrder(input: $i) { id } }',
    variables: (a) => ({ i: { orderId: a.dispatchedOrderId, minutesServed: 45 } }),
  },
  rateServiceOrder: {
    query: 'mutation ($i: RateServiceOrderInput!) { rateServiceOrder(input: $i) { id } }',
    variables: (a) => ({ i: { orderId: a.dispatchedOrderId, rating: 5, comment: '越权评单' } }),
  },
  cancelServiceOrder: {
    query: 'mutation ($i: CancelServiceOrderInput!) { cancelServiceOrder(input: $i) { id } }',
    variables: (a) => ({ i: { orderId: a.serviceOrderId, reason: '越权撤单' } }),
  },
  setServiceOrderPolicy: {
    query: 'mutation ($i: SetServiceOrderPolicyInput!) { setServiceOrderPolicy(input: $i) { countyCode } }',
    variables: (a) => ({ i: { countyCode: a.county, dispatchWithinHours: 12, acceptWithinHours: 12 } }),
  },
  registerMerchant: {
    query: 'mutation ($i: RegisterMerchantInput!) { registerMerchant(input: $i) { id } }',
    variables: (a) => ({ i: { name: '越权商户', regionCode: a.community, accountSubject: 'matrix-shop' } }),
  },
  offerMerchantReward: {
    query: 'mutation ($i: OfferMerchantRewardInput!) { offerMerchantReward(input: $i) { id } }',
    variables: (a) => ({ i: { merchantId: a.merchantId, name: '越权奖励', priceMinutes: 10, stock: 1 } }),
  },
  redeemMerchantReward: {
    query: 'mutation ($i: RedeemMerchantRewardInput!) { redeemMerchantReward(input: $i) { code } }',
    variables: (a) => ({ i: { rewardId: a.merchantRewardId, accountId: a.timeBankAccountId } }),
  },
  redeemMyMerchantReward: {
    query: 'mutation ($i: RedeemMyMerchantRewardInput!) { redeemMyMerchantReward(input: $i) { code } }',
    // The matrix volunteer's own account (their record names the tokens' login, e2e-user).
    variables: (a) => ({ i: { rewardId: a.merchantRewardId, accountId: a.volunteerAccountId } }),
  },
  cancelRewardRedemption: {
    query: 'mutation ($i: CancelRewardRedemptionInput!) { cancelRewardRedemption(input: $i) { id cancelledAt } }',
    variables: (a) => ({ i: { redemptionId: a.redemptionId, reason: '越权撤销兑换' } }),
  },
  verifyRedemption: {
    query: 'mutation ($i: VerifyRedemptionInput!) { verifyRedemption(input: $i) { id } }',
    variables: (a) => ({ i: { code: a.redemptionCode } }),
  },
};
