import { randomInt } from 'node:crypto';
import { claimTestCity } from '@gg/shared/src/testing';
import { runQuarterlyEvaluation } from '../services/property/src/quarterly-evaluation/quarterly-evaluation.run';
import type { RunningPlatform } from '../scripts/platform';
import { catchUpEvents, gql, randomCreditCode, randomGridCode, seedCommunity, startTestPlatform, tokenFor } from './helpers';

/**
 * The housing bureau as a machine client, through the gateway: it reads companies, compounds, quarterly
 * scores with their explanation, the annual assessment with stars and the red-and-black lists of its
 * scope as connections, pages through them while records are added, and cannot write evaluations.
 * The evaluation world is made through the gateway by a county administrator (the quarterly run is
 * called directly: the test platform runs no workers).
 */
describe('the housing bureau reads the evaluation through the gateway', () => {
  let platform: RunningPlatform;
  let admin: string;
  let bureau: string;
  let otherBureau: string;
  let community: string;
  let gridId: string;
  let webhookId: string;
  const companies: Record<string, string> = {};
  const compounds: Record<string, string> = {};
  // A closed year, in a county of this test's own (claimTestCity): a county's quarterly run scores every
  // compound of the county, so in 钟山区 it scored other files' compounds (the access matrix counts them)
  // and theirs moved this file's totals.
  const year = 2001 + randomInt(0, 10);
  let COUNTY = '';
  const CRITERIA = ['GREENING_UPKEEP', 'PROPERTY_REPAIR', 'PARKING_MANAGEMENT', 'SECURITY', 'REGULAR_CLEANING'];
  // Every criterion the same per evaluator: evaluators 30% × 80 + 30% × 90 + 20% × 70 + 20% × 100 = 85.
  const BY_KIND: Record<string, number> = {
    COMMUNITY_PARTY_ORGANISATION: 80,
    OWNERS_COMMITTEE: 90,
    OWNER_REPRESENTATIVES: 70,
    MONTHLY_INSPECTOR: 100,
  };

  async function must<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await gql<T>(platform, token, query, variables);
    if (result.errors) throw new Error(`${query}: ${JSON.stringify(result.errors)}`);
    return result.data!;
  }

  const newCompany = async (name: string) =>
    (
      await must<{ createPropertyCompany: { id: string } }>(
        admin,
        'mutation ($i: CreatePropertyCompanyInput!) { createPropertyCompany(input: $i) { id } }',
        { i: { name, creditCode: randomCreditCode(), regionCode: community } },
      )
    ).createPropertyCompany.id;

  const newCompound = async (name: string, companyId: string | null) =>
    (
      await must<{ registerResidentialCompound: { id: string } }>(
        admin,
        'mutation ($i: RegisterResidentialCompoundInput!) { registerResidentialCompound(input: $i) { id } }',
        {
          i: {
            name,
            regionCode: community,
            gridId,
            managementMode: companyId ? 'PROFESSIONAL' : 'COMMUNITY_MANAGED',
            companyId,
            managedSince: `${year}-01-01`,
          },
        },
      )
    ).registerResidentialCompound.id;

  async function scoreMonth(compoundId: string, month: string, kinds: string[], shift = 0): Promise<void> {
    for (const kind of kinds)
      await must(admin, 'mutation ($i: RecordEvaluationScoresInput!) { recordEvaluationScores(input: $i) { id } }', {
        i: {
          compoundId,
          month,
          evaluatorKind: kind,
          scores: CRITERIA.map((criterionKey) => ({ criterionKey, score: BY_KIND[kind]! + shift })),
        },
      });
  }

  beforeAll(async () => {
    platform = await startTestPlatform();
    ({ county: COUNTY } = await claimTestCity(platform.dataSources.organisation!));
    ({ community } = await seedCommunity(platform, COUNTY, '住建局读取测试社区'));
    admin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: [COUNTY] });
    bureau = await tokenFor({ sub: 'housing-bureau', name: '', roles: ['HOUSING_BUREAU'], regions: [COUNTY], kind: 'machine' });
    otherBureau = await tokenFor({
      sub: 'housing-bureau-tongzi',
      name: '',
      roles: ['HOUSING_BUREAU'],
      regions: ['520322'],
      kind: 'machine',
    });
    gridId = (
      await must<{ createGrid: { id: string } }>(admin, 'mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }', {
        i: { code: randomGridCode(), name: '住建局读取测试网格', kind: 'COMPREHENSIVE', regionCode: community },
      })
    ).createGrid.id;
    await catchUpEvents(platform);
    webhookId = (
      await must<{ registerBureauWebhook: { webhook: { id: string } } }>(
        bureau,
        'mutation ($i: RegisterBureauWebhookInput!) { registerBureauWebhook(input: $i) { webhook { id } } }',
        { i: { regionCode: COUNTY, url: `http://127.0.0.1:9/hook-${year}` } },
      )
    ).registerBureauWebhook.webhook.id;
    await must(admin, 'mutation ($i: DefineEvaluationSchemeInput!) { defineEvaluationScheme(input: $i) { id } }', {
      i: { countyCode: COUNTY, year },
    });
    companies.b = await newCompany('乙物业服务有限公司');
    companies.d = await newCompany('丁物业服务有限公司');
    compounds.b = await newCompound('乙小区', companies.b);
    compounds.d = await newCompound('丁小区', companies.d);
    compounds.c = await newCompound('丙小区', null);
    const all = Object.keys(BY_KIND);
    for (let month = 1; month <= 12; month += 1) {
      const m = `${year}-${String(month).padStart(2, '0')}`;
      await scoreMonth(compounds.b, m, all);
      await scoreMonth(compounds.d, m, all, -30);
      // 丙小区 never has the owners' committee's scores: a missing input, never a zero.
      await scoreMonth(
        compounds.c,
        m,
        all.filter((k) => k !== 'OWNERS_COMMITTEE'),
      );
    }
    for (const q of [1, 2, 3]) await runQuarterlyEvaluation(platform.dataSources.property!, COUNTY, `${year}Q${q}`, new Date());
    // The fourth quarter's run stops after its first compound, as a crashed worker would (resumed in the first test).
    const crash = new Error('worker killed');
    await expect(
      runQuarterlyEvaluation(platform.dataSources.property!, COUNTY, `${year}Q4`, new Date(), {
        batchSize: 1,
        afterBatch: () => {
          throw crash;
        },
      }),
    ).rejects.toBe(crash);
  }, 300_000);
  afterAll(() => platform.stop());

  it('shows no score of a quarter whose run is still going (or stopped by a crash) until it completes, then all of them', async () => {
    const read = () =>
      must<{
        quarterlyEvaluationRun: { status: string };
        compoundQuarterScores: { totalCount: number };
        companyQuarterScores: { totalCount: number };
        compoundQuarterScore: { score: number } | null;
        region: { propertyStats: { evaluation: { compoundsScored: number; compoundsWithMissingInputs: number } } };
      }>(
        bureau,
        `query ($c: ID!, $cp: ID!, $q: String!) { quarterlyEvaluationRun(countyCode: $c, quarter: $q) { status }
          compoundQuarterScores(regionCode: $c, quarter: $q) { totalCount } companyQuarterScores(regionCode: $c, quarter: $q) { totalCount }
          compoundQuarterScore(compoundId: $cp, quarter: $q) { score }
          region(code: $c) { propertyStats { evaluation(quarter: $q) { compoundsScored compoundsWithMissingInputs } } } }`,
        { c: COUNTY, cp: compounds.b, q: `${year}Q4` },
      );
    const [{ count: stored }] = await platform.dataSources.property!.query(
      `SELECT count(*)::int AS count FROM property.compound_quarter_score WHERE region_code LIKE $1 AND quarter = $2`,
      [`${COUNTY}%`, `${year}Q4`],
    );
    expect(stored).toBe(1);
    const partial = await read();
    expect(partial).toMatchObject({
      quarterlyEvaluationRun: { status: 'RUNNING' },
      compoundQuarterScores: { totalCount: 0 },
      companyQuarterScores: { totalCount: 0 },
      compoundQuarterScore: null,
      region: { propertyStats: { evaluation: { compoundsScored: 0, compoundsWithMissingInputs: 0 } } },
    });
    await runQuarterlyEvaluation(platform.dataSources.property!, COUNTY, `${year}Q4`, new Date());
    const done = await read();
    expect(done.quarterlyEvaluationRun.status).toBe('COMPLETED');
    expect(done.compoundQuarterScores.totalCount).toBeGreaterThanOrEqual(3);
    expect(done.companyQuarterScores.totalCount).toBeGreaterThanOrEqual(2);
    expect(done.compoundQuarterScore).toEqual({ score: 86.5 });
    expect(done.region.propertyStats.evaluation.compoundsScored).toBeGreaterThanOrEqual(2);
  });

  it('reads a quarter’s compound scores with the arithmetic that produced them, and missing inputs as missing', async () => {
    const data = await must<{
      compoundQuarterScores: { totalCount: number; edges: Array<{ node: Record<string, unknown> & { compound: { id: string } } }> };
    }>(
      bureau,
      `query ($r: ID!, $q: String!) { compoundQuarterScores(regionCode: $r, quarter: $q, first: 10) { totalCount edges { node {
        compound { id name } score missingInputs { kind evaluatorKind }
        explanation { evaluatorScore arithmetic evaluators { kind weight score contribution } residentsVoice { weight complaints score contribution } } } } } }`,
      { r: community, q: `${year}Q2` },
    );
    expect(data.compoundQuarterScores.totalCount).toBe(3);
    const byId = Object.fromEntries(data.compoundQuarterScores.edges.map((e) => [e.node.compound.id, e.node]));
    // 90% × 85 + 10% × 100 (no complaint) = 86.5; 90% × 55 + 10 = 59.5.
    expect(byId[compounds.b!]).toMatchObject({
      score: 86.5,
      missingInputs: [],
      explanation: {
        evaluatorScore: 85,
        evaluators: expect.arrayContaining([
          { kind: 'COMMUNITY_PARTY_ORGANISATION', weight: 30, score: 80, contribution: 24 },
          { kind: 'MONTHLY_INSPECTOR', weight: 20, score: 100, contribution: 20 },
        ]),
        residentsVoice: { weight: 10, complaints: 0, score: 100, contribution: 10 },
      },
    });
    expect(byId[compounds.d!]).toMatchObject({ score: 59.5 });
    expect(byId[compounds.c!]).toMatchObject({
      score: null,
    });
    // One missing input per criterion the owners' committee did not score, each naming the evaluator.
    const missing = (byId[compounds.c!]!.missingInputs as Array<{ evaluatorKind: string }>).map((m) => m.evaluatorKind);
    expect(new Set(missing)).toEqual(new Set(['OWNERS_COMMITTEE']));
    // Ordered best first, missing last.
    expect(data.compoundQuarterScores.edges.map((e) => e.node.compound.id)).toEqual([compounds.b, compounds.d, compounds.c]);
  });

  it('pages companies and compounds one at a time, stable while new ones are registered between pages', async () => {
    for (const [field, ids, add] of [
      ['propertyCompanies', companies, () => newCompany('一号新物业服务有限公司')],
      ['residentialCompounds', compounds, () => newCompound('一号新小区', null)],
    ] as const) {
      const before = Object.values(ids);
      const seen: string[] = [];
      let after: string | null = null;
      let total: number | null = null;
      for (;;) {
        const page: Record<
          string,
          { totalCount: number; edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } }
        > = await must(
          bureau,
          `query ($r: ID!, $a: String) { ${field}(regionCode: $r, first: 1, after: $a) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
          {
            r: community,
            a: after,
          },
        );
        const connection = page[field]!;
        total ??= connection.totalCount;
        seen.push(...connection.edges.map((e) => e.node.id));
        if (seen.length === 1) await add(); // sorts before every name seen (一 < 丁 < 丙 < 乙)
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect(total).toBe(before.length);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(before));
    }
  });

  it('pages a quarter’s company scores, reads the annual assessment with stars and a published list, and its versions', async () => {
    const companyScores = await must<{
      companyQuarterScores: { totalCount: number; edges: Array<{ node: { company: { id: string }; score: number; arithmetic: string } }> };
    }>(
      bureau,
      `query ($r: ID!, $q: String!) { companyQuarterScores(regionCode: $r, quarter: $q, first: 1) { totalCount edges { node { company { id } score arithmetic } } } }`,
      { r: community, q: `${year}Q4` },
    );
    expect(companyScores.companyQuarterScores.totalCount).toBe(2);
    expect(companyScores.companyQuarterScores.edges[0]!.node).toMatchObject({ company: { id: companies.b }, score: 86.5 });
    expect(companyScores.companyQuarterScores.edges[0]!.node.arithmetic).toContain('86.5');

    await must(admin, 'mutation ($i: PublishAnnualAssessmentInput!) { publishAnnualAssessment(input: $i) { id } }', {
      i: { countyCode: COUNTY, year },
    });
    const annual = await must<{
      annualAssessment: { entries: { edges: Array<{ node: Record<string, unknown> & { compound: { id: string } | null } }> } };
    }>(
      bureau,
      `query ($c: ID!, $y: Int!) { annualAssessment(countyCode: $c, year: $y) { year entries(kind: COMPOUND, first: 500) { edges { node {
        compound { id } score stars missingQuarters arithmetic } } } } }`,
      { c: COUNTY, y: year },
    );
    const entry = (id: string) => annual.annualAssessment.entries.edges.find((e) => e.node.compound?.id === id)?.node;
    expect(entry(compounds.b!)).toMatchObject({ score: 86.5, stars: 4, missingQuarters: [] });
    expect(entry(compounds.d!)).toMatchObject({ score: 59.5, stars: 1 });
    expect(entry(compounds.c!)).toMatchObject({ score: null, stars: null });

    const published = await must<{ publishRedBlackList: { id: string } }>(
      admin,
      'mutation ($i: PublishRedBlackListInput!) { publishRedBlackList(input: $i) { id } }',
      { i: { countyCode: COUNTY, half: `${year}H1` } },
    );
    const lists = await must<{
      redBlackLists: {
        totalCount: number;
        edges: Array<{ node: { id: string; entries: Array<{ kind: string; companyId: string; score: number; reason: string }> } }>;
      };
    }>(
      bureau,
      `query ($r: ID!, $h: String) { redBlackLists(regionCode: $r, half: $h, first: 5) { totalCount edges { node { id version entries { kind companyId score reason } } } } }`,
      { r: COUNTY, h: `${year}H1` },
    );
    expect(lists.redBlackLists.totalCount).toBe(1);
    const entries = lists.redBlackLists.edges[0]!.node.entries;
    expect(entries.find((e) => e.companyId === companies.d)).toMatchObject({ kind: 'BLACK', score: 59.5 });
    // The entry explains its score: the two quarters' scores and their mean.
    expect(entries.find((e) => e.companyId === companies.d)!.reason).toBe(
      'half-year score (59.50 + 59.50) ÷ 2 = 59.50 below the black bar 60',
    );

    // Out of scope: another county's bureau sees nothing of it.
    const elsewhere = await gql<{ redBlackList: unknown; annualAssessment: unknown; compoundQuarterScore: unknown }>(
      platform,
      otherBureau,
      `query ($id: ID!, $c: ID!, $y: Int!, $cp: ID!, $q: String!) { redBlackList(id: $id) { id } annualAssessment(countyCode: $c, year: $y) { id }
        compoundQuarterScore(compoundId: $cp, quarter: $q) { score } }`,
      { id: published.publishRedBlackList.id, c: COUNTY, y: year, cp: compounds.b, q: `${year}Q1` },
    );
    expect(elsewhere.data).toEqual({ redBlackList: null, annualAssessment: null, compoundQuarterScore: null });
  });

  it('refuses the bureau every evaluation write: FORBIDDEN, nothing written', async () => {
    const attempts: Array<[string, Record<string, unknown>]> = [
      [
        'mutation ($i: RecordEvaluationScoresInput!) { recordEvaluationScores(input: $i) { id } }',
        {
          i: {
            compoundId: compounds.b,
            month: `${year}-05`,
            evaluatorKind: 'MONTHLY_INSPECTOR',
            scores: [{ criterionKey: 'SECURITY', score: 1 }],
          },
        },
      ],
      [
        'mutation ($i: PublishRedBlackListInput!) { publishRedBlackList(input: $i) { id } }',
        { i: { countyCode: COUNTY, half: `${year}H2` } },
      ],
      [
        'mutation ($i: DefineEvaluationSchemeInput!) { defineEvaluationScheme(input: $i) { id } }',
        { i: { countyCode: COUNTY, year: year + 1 } },
      ],
    ];
    for (const [query, variables] of attempts) {
      const refused = await gql(platform, bureau, query, variables);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('keeps a published list and assessment: a correction is a new version, both readable, each announced to the bureau’s webhook once', async () => {
    const [list] = (
      await must<{ redBlackLists: { edges: Array<{ node: { id: string } }> } }>(
        bureau,
        'query ($r: ID!, $h: String) { redBlackLists(regionCode: $r, half: $h, first: 1) { edges { node { id } } } }',
        { r: COUNTY, h: `${year}H1` },
      )
    ).redBlackLists.edges;
    const corrected = await must<{ correctRedBlackList: { id: string; version: number; replaces: { id: string } } }>(
      admin,
      'mutation ($i: CorrectRedBlackListInput!) { correctRedBlackList(input: $i) { id version replaces { id } } }',
      { i: { listId: list!.node.id, reason: '复核后更正' } },
    );
    expect(corrected.correctRedBlackList).toMatchObject({ version: 2, replaces: { id: list!.node.id } });
    const both = await must<{
      redBlackLists: { totalCount: number; edges: Array<{ node: { id: string; version: number; replacedBy: { id: string } | null } }> };
    }>(
      bureau,
      'query ($r: ID!, $h: String) { redBlackLists(regionCode: $r, half: $h) { totalCount edges { node { id version replacedBy { id } } } } }',
      { r: COUNTY, h: `${year}H1` },
    );
    expect(both.redBlackLists.edges.map((e) => e.node)).toEqual([
      { id: corrected.correctRedBlackList.id, version: 2, replacedBy: null },
      { id: list!.node.id, version: 1, replacedBy: { id: corrected.correctRedBlackList.id } },
    ]);
    // Published once: a second publication of the half, or of the year, is refused.
    const again = await gql(platform, admin, 'mutation ($i: PublishRedBlackListInput!) { publishRedBlackList(input: $i) { id } }', {
      i: { countyCode: COUNTY, half: `${year}H1` },
    });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const yearAgain = await gql(
      platform,
      admin,
      'mutation ($i: PublishAnnualAssessmentInput!) { publishAnnualAssessment(input: $i) { id } }',
      {
        i: { countyCode: COUNTY, year },
      },
    );
    expect(yearAgain.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    await catchUpEvents(platform);
    await catchUpEvents(platform);
    const deliveries = await must<{
      bureauWebhook: { deliveries: { totalCount: number; edges: Array<{ node: { eventType: string; webhookId: string; body: string } }> } };
    }>(
      bureau,
      'query ($id: ID!) { bureauWebhook(id: $id) { deliveries(first: 10) { totalCount edges { node { eventType webhookId body } } } } }',
      { id: webhookId },
    );
    const types = deliveries.bureauWebhook.deliveries.edges.map((e) => e.node.eventType).sort();
    expect(types).toEqual([
      'property.annual_assessment.published',
      'property.red_black_list.published',
      'property.red_black_list.published',
    ]);
    const bodies = deliveries.bureauWebhook.deliveries.edges.map((e) => JSON.parse(e.node.body) as { data: Record<string, unknown> });
    expect(bodies.map((b) => b.data)).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: corrected.correctRedBlackList.id, version: 2, replacesId: list!.node.id })]),
    );
  });

  it('pages scores and assessment entries one at a time through every edge, and answers bad periods and foreign regions as the platform does', async () => {
    const pageAll = async (
      query: string,
      vars: Record<string, unknown>,
      pick: (d: Record<string, unknown>) => {
        edges: Array<{ node: { id: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      },
    ) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 20; i += 1) {
        const connection = pick(await must<Record<string, unknown>>(bureau, query, { ...vars, a: after }));
        ids.push(...connection.edges.map((e) => e.node.id));
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      return ids;
    };
    const page = 'edges { node { id } } pageInfo { hasNextPage endCursor }';
    const scores = await pageAll(
      `query ($r: ID!, $q: String!, $a: String) { compoundQuarterScores(regionCode: $r, quarter: $q, first: 1, after: $a) { ${page} } }`,
      { r: community, q: `${year}Q3` },
      (d) => d.compoundQuarterScores as never,
    );
    expect(new Set(scores).size).toBe(3);
    const companyScores = await pageAll(
      `query ($r: ID!, $q: String!, $a: String) { companyQuarterScores(regionCode: $r, quarter: $q, first: 1, after: $a) { ${page} } }`,
      { r: community, q: `${year}Q3` },
      (d) => d.companyQuarterScores as never,
    );
    expect(new Set(companyScores).size).toBe(2);
    const entries = await pageAll(
      `query ($c: ID!, $y: Int!, $a: String) { annualAssessment(countyCode: $c, year: $y) { entries(first: 1, after: $a) { ${page} } } }`,
      { c: COUNTY, y: year },
      (d) => (d.annualAssessment as { entries: never }).entries,
    );
    expect(new Set(entries).size).toBe(entries.length);
    expect(entries.length).toBeGreaterThanOrEqual(5);

    const bad = await gql(platform, bureau, 'query ($r: ID!) { compoundQuarterScores(regionCode: $r, quarter: "2017Q5") { totalCount } }', {
      r: community,
    });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quarter' });
    const foreign = await gql<{
      compoundQuarterScores: { totalCount: number } | null;
      redBlackLists: { totalCount: number } | null;
      propertyCompanies: { totalCount: number } | null;
    }>(
      platform,
      otherBureau,
      `query ($r: ID!, $q: String!) { compoundQuarterScores(regionCode: $r, quarter: $q) { totalCount } redBlackLists(regionCode: "${COUNTY}") { totalCount }
        propertyCompanies(regionCode: $r) { totalCount } }`,
      { r: community, q: `${year}Q3` },
    );
    expect(foreign.data).toEqual({
      compoundQuarterScores: { totalCount: 0 },
      redBlackLists: { totalCount: 0 },
      propertyCompanies: { totalCount: 0 },
    });
  });

  it('gives a community’s dashboard figures exactly, and the county’s figures include them', async () => {
    const stats = (token: string, code: string) =>
      gql<{ region: { propertyStats: Record<string, unknown> & { evaluation: Record<string, unknown> } } | null }>(
        platform,
        token,
        `query ($c: ID!, $q: String!) { region(code: $c) { propertyStats { propertyCompanies residentialCompounds
          compoundsByManagementMode { managementMode count } openDisputes
          evaluation(quarter: $q) { quarter averageScore compoundsScored compoundsWithMissingInputs compoundsNotEvaluated
            assessmentYear averageStars compoundsByStars { stars count } latestListHalf redCount blackCount } } } }`,
        { c: code, q: `${year}Q2` },
      );
    const own = await stats(bureau, community);
    expect(own.errors).toBeUndefined();
    const figures = own.data!.region!.propertyStats;
    expect(figures).toMatchObject({
      propertyCompanies: 3, // 乙, 丁 and the one registered while paging
      residentialCompounds: 4,
      openDisputes: 0,
      evaluation: {
        averageScore: 73, // (86.5 + 59.5) ÷ 2; 丙小区 has no score (missing input)
        compoundsScored: 2,
        compoundsWithMissingInputs: 1,
        compoundsNotEvaluated: 1, // 一号新小区, registered after the run
        assessmentYear: year,
        averageStars: 2.5,
        compoundsByStars: [
          { stars: 1, count: 1 },
          { stars: 4, count: 1 },
        ],
        latestListHalf: `${year}H1`,
        redCount: 0,
        blackCount: 1, // 丁, in the current (corrected) version only
      },
    });
    expect(figures.compoundsByManagementMode).toEqual(
      expect.arrayContaining([
        { managementMode: 'PROFESSIONAL', count: 2 },
        { managementMode: 'COMMUNITY_MANAGED', count: 2 },
      ]),
    );
    const county = (await stats(bureau, COUNTY)).data!.region!.propertyStats;
    expect(county.propertyCompanies as number).toBeGreaterThanOrEqual(3);
    expect(county.evaluation.compoundsScored as number).toBeGreaterThanOrEqual(2);
    // Another county's bureau cannot see the region at all.
    expect((await stats(otherBureau, community)).data).toEqual({ region: null });
  });
});
