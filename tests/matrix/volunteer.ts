import { appendToOutbox, DoubleReportAssigned, eventMessage } from '@gg/shared';
import { randomUUID } from 'node:crypto';
import { catchUpEvents } from '../helpers';
import type { MatrixPart } from './types';
import { seedMerchant, seedServiceOrders, SERVICE_ORDER_MUTATIONS, SERVICE_ORDER_QUERIES } from './volunteer-orders';

const CREDIT = 'mutation ($i: TimeBankPostingInput!) { creditTimeBankHours(input: $i) { id } }';

export const volunteerMatrix: MatrixPart = {
  // A redemption code is the input of a verification, not a record to find in an answer.
  secret: ['redemptionCode'],
  async seed(context) {
    const { create, community, platform, records } = context;
    const team = await create('mutation ($i: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $i) { id } }', {
      name: '矩阵测试志愿服务队',
      category: 'GREEN',
      regionCode: community,
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
    return {
      volunteerTeamId: team.id!,
      timeBankAccountId: account.id!,
      timeBankTransferId: credit.id!,
      ...(await seedServiceOrders(context, team.id!)),
      ...(await seedMerchant(create, community, account.id!)),
    };
  },
  queries: {
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
    ...SERVICE_ORDER_QUERIES,
  },
  mutations: {
    ...SERVICE_ORDER_MUTATIONS,
    createVolunteerTeam: {
      query: 'mutation ($i: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $i) { id } }',
      variables: (a) => ({ i: { name: '越权志愿服务队', category: 'RED', regionCode: a.community } }),
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
