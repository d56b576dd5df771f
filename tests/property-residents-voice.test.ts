import { randomUUID } from 'node:crypto';
import type { RunningPlatform } from '../scripts/platform';
import { catchUpEvents, gql, randomCreditCode, randomGridCode, seedCommunity, startTestPlatform, tokenFor } from './helpers';

/**
 * Through the gateway: a case a resident's report files on a residential compound travels from the
 * grid subgraph (CaseReported, CaseResolved in its outbox) to the property subgraph, which counts it
 * as a property complaint of the compound and the period, resolved in time or not.
 */
describe("the residents' voice: grid cases on a compound become its property complaints", () => {
  let platform: RunningPlatform;
  let admin: string;
  let staff: string;
  let community: string;
  let gridId: string;
  let compoundId: string;

  const quarterNow = () => {
    const china = new Date(Date.now() + 8 * 3600_000);
    return `${china.getUTCFullYear()}Q${Math.ceil((china.getUTCMonth() + 1) / 3)}`;
  };

  async function must<T>(token: string, query: string, variables: Record<string, unknown>): Promise<T> {
    const result = await gql<T>(platform, token, query, variables);
    if (result.errors) throw new Error(`${query}: ${JSON.stringify(result.errors)}`);
    return result.data!;
  }

  const report = (token: string, input: Record<string, unknown>) =>
    gql<{ reportCase: { id: string; compoundId: string | null } }>(
      platform,
      token,
      'mutation ($i: ReportCaseInput!) { reportCase(input: $i) { id compoundId } }',
      { i: { gridId, channel: 'HOTLINE', description: '电梯停运三天无人维修', severity: 'BIG', ...input } },
    );

  const voiceNow = async () =>
    (
      await must<{ residentialCompound: { residentsVoice: Record<string, unknown> } }>(
        admin,
        `query ($id: ID!, $p: String!) { residentialCompound(id: $id) { residentsVoice(period: $p) {
          complaints resolved resolvedInTime pending shareResolvedInTime score explanation } } }`,
        { id: compoundId, p: quarterNow() },
      )
    ).residentialCompound.residentsVoice;

  async function resolve(caseId: string): Promise<void> {
    const step = (name: string, extra: Record<string, unknown> = {}) =>
      must(staff, `mutation ($i: ${name === 'assignCase' ? 'AssignCaseInput' : 'CaseTransitionInput'}!) { ${name}(input: $i) { id } }`, {
        i: { caseId, ...extra },
      });
    await step('acceptCase');
    await step('assignCase', { assigneeSubject: 'voice-staff', assigneeName: '王社工' });
    await step('startCase');
    await step('resolveCase');
  }

  beforeAll(async () => {
    platform = await startTestPlatform();
    ({ community } = await seedCommunity(platform, '520201', '群众评价测试社区'));
    admin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520201'] });
    staff = await tokenFor({ sub: 'voice-staff', roles: ['COMMUNITY_STAFF'], regions: [community] });
    ({
      createGrid: { id: gridId },
    } = await must<{ createGrid: { id: string } }>(admin, 'mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }', {
      i: { code: randomGridCode(), name: '群众评价测试网格', kind: 'COMPREHENSIVE', regionCode: community },
    }));
    await catchUpEvents(platform);
    const company = await must<{ createPropertyCompany: { id: string } }>(
      admin,
      'mutation ($i: CreatePropertyCompanyInput!) { createPropertyCompany(input: $i) { id } }',
      { i: { name: '群众评价测试物业公司', creditCode: randomCreditCode(), regionCode: community } },
    );
    ({
      registerResidentialCompound: { id: compoundId },
    } = await must<{ registerResidentialCompound: { id: string } }>(
      admin,
      'mutation ($i: RegisterResidentialCompoundInput!) { registerResidentialCompound(input: $i) { id } }',
      {
        i: {
          name: '群众评价测试小区',
          regionCode: community,
          gridId,
          managementMode: 'PROFESSIONAL',
          companyId: company.createPropertyCompany.id,
          managedSince: '2024-01-01',
        },
      },
    ));
    await catchUpEvents(platform);
  }, 60_000);
  afterAll(() => platform.stop());

  it('refuses a compound the grid never heard of, or one of another community, naming input.compoundId', async () => {
    const unknown = await report(admin, { category: '物业维修', compoundId: randomUUID() });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.compoundId' });
    const { community: elsewhere } = await seedCommunity(platform, '520201', '另一个社区');
    const otherGrid = await must<{ createGrid: { id: string } }>(
      admin,
      'mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }',
      {
        i: { code: randomGridCode(), name: '另一个网格', kind: 'COMPREHENSIVE', regionCode: elsewhere },
      },
    );
    const foreign = await report(admin, { category: '物业维修', compoundId, gridId: otherGrid.createGrid.id });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.compoundId' });
  });

  it('counts property cases on the compound per period, and the share resolved in time, once each however often delivered', async () => {
    const repaired = await report(admin, { category: '物业维修', compoundId });
    expect(repaired.errors).toBeUndefined();
    expect(repaired.data!.reportCase.compoundId).toBe(compoundId);
    const open = await report(admin, { category: '环境卫生', compoundId, description: '垃圾清运不及时，楼道堆放' });
    // Not a property category: the residents' voice does not count it.
    await report(admin, { category: '邻里纠纷', compoundId, description: '楼上装修噪音扰民' });
    // Not on a compound: not announced at all.
    await report(admin, { category: '物业维修', description: '路灯损坏无人修' });
    await resolve(repaired.data!.reportCase.id);
    await catchUpEvents(platform);
    await catchUpEvents(platform); // a second pass delivers nothing new and changes nothing

    expect(await voiceNow()).toMatchObject({
      complaints: 2,
      resolved: 1,
      resolvedInTime: 1,
      pending: 1,
      shareResolvedInTime: 1,
      score: 100,
    });
    expect(open.errors).toBeUndefined();
    const rows: Array<{ count: number }> = await platform.dataSources.property!.query(
      'SELECT count(*)::int AS count FROM property.compound_complaint WHERE compound_id = $1',
      [compoundId],
    );
    expect(rows[0]!.count).toBe(3);

    // Reopened by its reporter: unresolved again (pending before its fresh deadline) until resolved anew.
    await must(admin, 'mutation ($i: CaseTransitionInput!) { reopenCase(input: $i) { id } }', {
      i: { caseId: repaired.data!.reportCase.id },
    });
    await catchUpEvents(platform);
    expect(await voiceNow()).toMatchObject({ complaints: 2, resolved: 0, pending: 2, score: null });
    await must(staff, 'mutation ($i: AssignCaseInput!) { assignCase(input: $i) { id } }', {
      i: { caseId: repaired.data!.reportCase.id, assigneeSubject: 'voice-staff', assigneeName: '王社工' },
    });
    for (const step of ['startCase', 'resolveCase'])
      await must(staff, `mutation ($i: CaseTransitionInput!) { ${step}(input: $i) { id } }`, {
        i: { caseId: repaired.data!.reportCase.id },
      });
    await catchUpEvents(platform);
    expect(await voiceNow()).toMatchObject({ complaints: 2, resolved: 1, resolvedInTime: 1, pending: 1, score: 100 });
  });
});
