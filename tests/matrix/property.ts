import { runQuarterlyEvaluation } from '../../services/property/src/quarterly-evaluation/quarterly-evaluation.run';
import { todayInChina } from '@gg/shared';
import { gql, randomCreditCode, tokenFor } from '../helpers';
import type { MatrixPart, SeedContext } from './types';

/**
 * Creates through the gateway, waiting (up to a few seconds) for the property service to hear of a record
 * another service just created (the field naming it): references follow the other outboxes every 250 ms.
 */
async function createOnceKnown(create: SeedContext['create'], mutation: string, input: Record<string, unknown>, field: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await create(mutation, input);
    } catch (error) {
      if (attempt >= 40 || !String(error).includes(field)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const FILE_DISPUTE = 'mutation ($i: FilePropertyDisputeInput!) { filePropertyDispute(input: $i) { id } }';
const DRAW = 'mutation ($i: DrawRandomInspectionInput!) { drawRandomInspection(input: $i) { id drawnCompanyIds } }';
const REGISTER_WEBHOOK = 'mutation ($i: RegisterBureauWebhookInput!) { registerBureauWebhook(input: $i) { webhook { id } } }';
const INSPECTORS = [
  { name: '王建国', unit: '住建局' },
  { name: '李红', unit: '组织部' },
];

const APPOINT = 'mutation ($i: AppointCrossRoleInput!) { appointCrossRole(input: $i) { id crossAppointments { id } } }';
const DEFINE_SCHEME = 'mutation ($i: DefineEvaluationSchemeInput!) { defineEvaluationScheme(input: $i) { id } }';
const RECORD_SCORES = 'mutation ($i: RecordEvaluationScoresInput!) { recordEvaluationScores(input: $i) { id } }';
const PUBLISH_ANNUAL = 'mutation ($i: PublishAnnualAssessmentInput!) { publishAnnualAssessment(input: $i) { id } }';
const PUBLISH_LIST = 'mutation ($i: PublishRedBlackListInput!) { publishRedBlackList(input: $i) { id } }';
const REGISTER_COMPOUND = 'mutation ($i: RegisterResidentialCompoundInput!) { registerResidentialCompound(input: $i) { id } }';

export const propertyMatrix: MatrixPart = {
  async seed({ create, community, county, records, platform }) {
    const company = await create('mutation ($i: CreatePropertyCompanyInput!) { createPropertyCompany(input: $i) { id } }', {
      name: '矩阵测试物业公司',
      creditCode: randomCreditCode(county),
      regionCode: community,
    });
    const compound = await createOnceKnown(
      create,
      REGISTER_COMPOUND,
      {
        name: '矩阵测试小区',
        regionCode: community,
        gridId: records.gridId,
        managementMode: 'PROFESSIONAL',
        companyId: company.id,
        managedSince: '2024-01-01',
      },
      'input.gridId',
    );
    const appointed = (await createOnceKnown(
      create,
      APPOINT,
      {
        companyId: company.id,
        partyMemberId: records.partyMemberId,
        kind: 'COMMUNITY_PROPERTY_ADVISER',
        since: '2024-03-01',
      },
      'input.partyMemberId',
    )) as unknown as { crossAppointments: Array<{ id: string }> };
    const scheme = await create(DEFINE_SCHEME, { countyCode: county, year: 2025 });
    const scores = (await create(RECORD_SCORES, {
      compoundId: compound.id,
      // A month of a quarter not evaluated yet (2025Q1 is evaluated below: its scores are closed).
      month: '2025-04',
      evaluatorKind: 'OWNERS_COMMITTEE',
      scores: [{ criterionKey: 'SECURITY', score: 80 }],
    })) as unknown as Array<{ id: string }>;
    // The quarter computed as the scheduled job would (no worker runs in the matrix's platform).
    await runQuarterlyEvaluation(platform.dataSources.property!, county, '2025Q1', new Date());
    // A whole year evaluated and published, so the annual assessment has a record to reach.
    await create(DEFINE_SCHEME, { countyCode: county, year: 2024 });
    for (const quarter of ['2024Q1', '2024Q2', '2024Q3', '2024Q4'])
      await runQuarterlyEvaluation(platform.dataSources.property!, county, quarter, new Date());
    await create(PUBLISH_ANNUAL, { countyCode: county, year: 2024 });
    const list = await create(PUBLISH_LIST, { countyCode: county, half: '2024H1' });
    const dispute = await create(FILE_DISPUTE, {
      compoundId: compound.id,
      category: 'FEES',
      summary: '矩阵测试纠纷',
      filedOn: '2025-03-01',
    });
    const draw = (await create(DRAW, {
      regionCode: county,
      title: '矩阵测试双随机抽查',
      seed: 'matrix',
      companyCount: 1,
      inspectorCount: 1,
      inspectorPool: INSPECTORS,
    })) as unknown as { id: string; drawnCompanyIds: string[] };
    // Webhooks are the housing bureau's own: registered with its machine token.
    const bureau = await tokenFor({ roles: ['HOUSING_BUREAU'], regions: [county], kind: 'machine' });
    const webhook = await gql<{ registerBureauWebhook: { webhook: { id: string } } }>(platform, bureau, REGISTER_WEBHOOK, {
      i: { regionCode: county, url: 'http://127.0.0.1:9/matrix-webhook' },
    });
    if (webhook.errors) throw new Error(`registerBureauWebhook: ${JSON.stringify(webhook.errors)}`);
    const bureauWebhookId = webhook.data!.registerBureauWebhook.webhook.id;
    // A message whose attempts all failed (as the delivery job leaves it), for the redelivery to name.
    const [failed] = (await platform.dataSources.property!.query(
      `INSERT INTO property.bureau_webhook_delivery (region_code, webhook_id, event_type, event_id, body, status, attempt_count)
       VALUES ($1, $2, 'property.red_black_list.published', gen_random_uuid(), '{}', 'FAILED', 10) RETURNING id`,
      [county, bureauWebhookId],
    )) as Array<{ id: string }>;
    return {
      propertyCompanyId: company.id!,
      compoundId: compound.id!,
      crossAppointmentId: appointed.crossAppointments[0]!.id,
      evaluationSchemeId: scheme.id!,
      evaluationScoreId: scores[0]!.id,
      redBlackListId: list.id!,
      disputeId: dispute.id!,
      drawId: draw.id,
      drawnCompanyId: draw.drawnCompanyIds[0]!,
      bureauWebhookId,
      failedDeliveryId: failed!.id,
    };
  },
  queries: {
    propertyCompany: {
      query: 'query ($id: ID!) { propertyCompany(id: $id) { id name } }',
      variables: (a) => ({ id: a.propertyCompanyId }),
    },
    propertyCompanies: {
      query: 'query ($c: ID!) { propertyCompanies(regionCode: $c) { edges { node { id name } } totalCount } }',
      variables: (a) => ({ c: a.community }),
    },
    residentialCompound: {
      query: 'query ($id: ID!) { residentialCompound(id: $id) { id name managementHistory { since } } }',
      variables: (a) => ({ id: a.compoundId }),
    },
    residentialCompounds: {
      query: 'query ($c: ID!) { residentialCompounds(regionCode: $c) { edges { node { id name } } totalCount } }',
      variables: (a) => ({ c: a.community }),
    },
    evaluationScheme: {
      query: 'query ($c: ID!) { evaluationScheme(countyCode: $c, year: 2025) { id county { code } versions { id } } }',
      variables: (a) => ({ c: a.county }),
    },
    evaluationScores: {
      query: 'query ($c: ID!) { evaluationScores(compoundId: $c, period: "2025Q2") { edges { node { id compound { id } } } totalCount } }',
      variables: (a) => ({ c: a.compoundId }),
    },
    quarterlyEvaluationRun: {
      query: 'query ($c: ID!) { quarterlyEvaluationRun(countyCode: $c, quarter: "2025Q1") { id status county { code } } }',
      variables: (a) => ({ c: a.county }),
    },
    compoundQuarterScore: {
      query:
        'query ($id: ID!) { compoundQuarterScore(compoundId: $id, quarter: "2025Q1") { id score compound { id } missingInputs { kind } explanation { arithmetic } } }',
      variables: (a) => ({ id: a.compoundId }),
    },
    compoundQuarterScores: {
      query:
        'query ($r: ID!) { compoundQuarterScores(regionCode: $r, quarter: "2025Q1") { edges { node { id compound { id } } } totalCount } }',
      variables: (a) => ({ r: a.community }),
    },
    companyQuarterScores: {
      query:
        'query ($r: ID!) { companyQuarterScores(regionCode: $r, quarter: "2025Q1") { edges { node { id company { id } } } totalCount } }',
      variables: (a) => ({ r: a.community }),
    },
    annualAssessment: {
      query:
        'query ($c: ID!) { annualAssessment(countyCode: $c, year: 2024) { id county { code } entries { edges { node { id compound { id } company { id } } } } } }',
      variables: (a) => ({ c: a.county }),
    },
    redBlackList: {
      query: 'query ($id: ID!) { redBlackList(id: $id) { id county { code } entries { companyId } } }',
      variables: (a) => ({ id: a.redBlackListId }),
    },
    redBlackLists: {
      query: 'query ($r: ID!) { redBlackLists(regionCode: $r) { edges { node { id county { code } } } totalCount } }',
      variables: (a) => ({ r: a.county }),
    },
    propertyDispute: {
      query: 'query ($id: ID!) { propertyDispute(id: $id) { id summary company { id } } }',
      variables: (a) => ({ id: a.disputeId }),
    },
    propertyDisputes: {
      query: 'query ($c: ID!) { propertyDisputes(regionCode: $c) { edges { node { id } } totalCount } }',
      variables: (a) => ({ c: a.community }),
    },
    randomInspectionDraw: {
      query: 'query ($id: ID!) { randomInspectionDraw(id: $id) { id seed drawnCompanyIds } }',
      variables: (a) => ({ id: a.drawId }),
    },
    randomInspectionDraws: {
      query: 'query ($c: ID!) { randomInspectionDraws(regionCode: $c) { edges { node { id } } totalCount } }',
      variables: (a) => ({ c: a.county }),
    },
    bureauWebhook: {
      query: 'query ($id: ID!) { bureauWebhook(id: $id) { id url deliveries { totalCount } } }',
      variables: (a) => ({ id: a.bureauWebhookId }),
    },
    bureauWebhooks: {
      query: 'query ($c: ID!) { bureauWebhooks(regionCode: $c) { edges { node { id } } totalCount } }',
      variables: (a) => ({ c: a.county }),
    },
  },
  mutations: {
    publishRedBlackList: {
      query: PUBLISH_LIST,
      variables: (a) => ({ i: { countyCode: a.county, half: '2024H2' } }),
    },
    correctRedBlackList: {
      query: 'mutation ($i: CorrectRedBlackListInput!) { correctRedBlackList(input: $i) { id } }',
      variables: (a) => ({ i: { listId: a.redBlackListId, reason: '补录严重违规记录' } }),
    },
    recordSeriousViolation: {
      query: 'mutation ($i: RecordSeriousViolationInput!) { recordSeriousViolation(input: $i) { id } }',
      variables: (a) => ({ i: { companyId: a.propertyCompanyId, occurredOn: '2024-05-01', description: '消防通道长期堵塞，整改不到位' } }),
    },
    publishAnnualAssessment: {
      query: PUBLISH_ANNUAL,
      variables: (a) => ({ i: { countyCode: a.county, year: 2025 } }),
    },
    requestQuarterlyEvaluation: {
      query: 'mutation ($i: RequestQuarterlyEvaluationInput!) { requestQuarterlyEvaluation(input: $i) { id } }',
      variables: (a) => ({ i: { countyCode: a.county, quarter: '2025Q2' } }),
    },
    recordEvaluationScores: {
      query: RECORD_SCORES,
      variables: (a) => ({
        i: {
          compoundId: a.compoundId,
          month: '2025-05',
          evaluatorKind: 'MONTHLY_INSPECTOR',
          scores: [{ criterionKey: 'GREENING_UPKEEP', score: 88, notes: '绿化修剪及时', evidence: ['photo-2025-03-01'] }],
        },
      }),
    },
    correctEvaluationScore: {
      query: 'mutation ($i: CorrectEvaluationScoreInput!) { correctEvaluationScore(input: $i) { id } }',
      variables: (a) => ({ i: { scoreId: a.evaluationScoreId, score: 82, reason: '复核更正', expectedVersion: 1 } }),
    },
    defineEvaluationScheme: {
      query: DEFINE_SCHEME,
      // Every part given, so each leaf of the input has a valid value to be made bad (tests/bad-input).
      variables: (a) => ({
        i: {
          countyCode: a.county,
          year: 2025,
          criteria: [
            { key: 'GREENING_UPKEEP', name: '绿化有人管护', weight: 40 },
            { key: 'SECURITY', name: '治安有人负责', weight: 60 },
          ],
          evaluators: [
            { kind: 'COMMUNITY_PARTY_ORGANISATION', weight: 50 },
            { kind: 'OWNERS_COMMITTEE', weight: 50 },
          ],
          starThresholds: [55, 70, 80, 92],
          redRule: { top: 5, minScore: 88 },
          blackRule: { belowScore: 58 },
          residentsVoice: { weight: 15, categories: ['物业服务', '物业维修'] },
        },
      }),
    },
    createPropertyCompany: {
      query: 'mutation ($i: CreatePropertyCompanyInput!) { createPropertyCompany(input: $i) { id } }',
      variables: (a) => ({ i: { name: '越权物业公司', creditCode: randomCreditCode(a.county!), regionCode: a.community } }),
    },
    linkCompanyPartyOrganisation: {
      query: 'mutation ($i: LinkCompanyPartyOrganisationInput!) { linkCompanyPartyOrganisation(input: $i) { id } }',
      variables: (a) => ({ i: { companyId: a.propertyCompanyId, partyOrganisationId: a.communityOrganisationId } }),
    },
    appointCrossRole: {
      query: APPOINT,
      variables: (a) => ({
        i: {
          companyId: a.propertyCompanyId,
          partyMemberId: a.partyMemberId,
          kind: 'PART_TIME_COMMUNITY_PARTY_MEMBER',
          since: '2024-06-01',
        },
      }),
    },
    endCrossAppointment: {
      query: 'mutation ($i: EndCrossAppointmentInput!) { endCrossAppointment(input: $i) { id } }',
      variables: (a) => ({ i: { appointmentId: a.crossAppointmentId, until: '2025-06-30' } }),
    },
    registerResidentialCompound: {
      query: REGISTER_COMPOUND,
      variables: (a) => ({
        i: {
          name: '越权小区',
          regionCode: a.community,
          gridId: a.gridId,
          managementMode: 'PROFESSIONAL',
          companyId: a.propertyCompanyId,
          managedSince: '2024-01-01',
        },
      }),
    },
    changeCompoundManagement: {
      query: 'mutation ($i: ChangeCompoundManagementInput!) { changeCompoundManagement(input: $i) { id } }',
      variables: (a) => ({
        i: { compoundId: a.compoundId, managementMode: 'PROFESSIONAL', companyId: a.propertyCompanyId, since: '2025-01-01' },
      }),
    },
    electOwnersCommittee: {
      query: 'mutation ($i: ElectOwnersCommitteeInput!) { electOwnersCommittee(input: $i) { id } }',
      variables: (a) => ({
        i: {
          compoundId: a.compoundId,
          termStart: '2024-05-01',
          termEnd: '2029-04-30',
          members: [
            { name: '王建华', role: 'DIRECTOR' },
            { name: '李秀英', role: 'MEMBER' },
            { name: '张伟', role: 'MEMBER' },
          ],
        },
      }),
    },
    filePropertyDispute: {
      query: FILE_DISPUTE,
      variables: (a) => ({ i: { compoundId: a.compoundId, category: 'PARKING', summary: '越权纠纷', filedOn: '2025-04-01' } }),
    },
    startDisputeMediation: {
      query: 'mutation ($i: StartDisputeMediationInput!) { startDisputeMediation(input: $i) { id } }',
      variables: (a) => ({
        i: {
          disputeId: a.disputeId,
          mediators: [
            { kind: 'HOUSING' },
            { kind: 'JUSTICE' },
            { kind: 'COURT', body: '人民法院' },
            { kind: 'OTHER', body: '人民调解委员会' },
          ],
        },
      }),
    },
    closePropertyDispute: {
      query: 'mutation ($i: ClosePropertyDisputeInput!) { closePropertyDispute(input: $i) { id } }',
      variables: (a) => ({ i: { disputeId: a.disputeId, outcome: 'WITHDRAWN', note: '业主撤回', closedOn: '2025-03-02' } }),
    },
    drawRandomInspection: {
      query: DRAW,
      variables: (a) => ({
        i: { regionCode: a.county, title: '越权抽查', seed: 'matrix-2', companyCount: 1, inspectorCount: 1, inspectorPool: INSPECTORS },
      }),
    },
    publishRandomInspectionDraw: {
      query: 'mutation ($id: ID!) { publishRandomInspectionDraw(drawId: $id) { id } }',
      variables: (a) => ({ id: a.drawId }),
    },
    recordInspectionFinding: {
      query: 'mutation ($i: RecordInspectionFindingInput!) { recordInspectionFinding(input: $i) { id } }',
      variables: (a) => ({
        i: {
          drawId: a.drawId,
          companyId: a.drawnCompanyId,
          inspectedOn: todayInChina(new Date()),
          result: 'SERIOUS_VIOLATION',
          note: '消防通道堵塞',
        },
      }),
    },
    registerBureauWebhook: {
      query: REGISTER_WEBHOOK,
      variables: (a) => ({ i: { regionCode: a.county, url: 'https://zjj.example.gov.cn/gg-webhooks', description: '信用评价系统' } }),
    },
    rotateBureauWebhookSecret: {
      query: 'mutation ($i: RotateBureauWebhookSecretInput!) { rotateBureauWebhookSecret(input: $i) { webhook { id } } }',
      variables: (a) => ({ i: { webhookId: a.bureauWebhookId, overlapHours: 24 } }),
    },
    redeliverBureauWebhook: {
      query: 'mutation ($id: ID!) { redeliverBureauWebhook(deliveryId: $id) { id } }',
      variables: (a) => ({ id: a.failedDeliveryId }),
    },
    disableBureauWebhook: {
      query: 'mutation ($id: ID!) { disableBureauWebhook(webhookId: $id) { id } }',
      variables: (a) => ({ id: a.bureauWebhookId }),
    },
  },
};
