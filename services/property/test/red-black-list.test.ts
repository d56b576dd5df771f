import { OutboxMessage } from '@gg/shared';
import { startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import type { DataSource } from 'typeorm';
import { RedBlackEntry, RedBlackList } from '../src/red-black-list/red-black-list.entity';
import { redBlackListsJob } from '../src/red-black-list/red-black-list.jobs';
import { runQuarterlyEvaluation } from '../src/quarterly-evaluation/quarterly-evaluation.run';
import { propertyService } from '../src/service';
import { defineScheme, newCompany, newCompound, newPlace, organisationDataSource, scoreMonth } from './evaluation-fixtures';

const COUNTY = '320904';
const ADMIN = () => testIdentity({ regionScopes: [COUNTY] });
const LIST = `id version half reason rule redCount blackCount replaces { id version } replacedBy { id version }
  entries { kind companyId rank score reason }`;
const PUBLISH = `mutation ($i: PublishRedBlackListInput!) { publishRedBlackList(input: $i) { ${LIST} } }`;
const CORRECT = `mutation ($i: CorrectRedBlackListInput!) { correctRedBlackList(input: $i) { ${LIST} } }`;

interface Listed {
  id: string;
  version: number;
  redCount: number;
  blackCount: number;
  replaces: { id: string } | null;
  replacedBy: { id: string; version: number } | null;
  entries: Array<{ kind: string; companyId: string; rank: number | null; score: number | null; reason: string }>;
}

describe('the half-yearly red-and-black list: the scheme’s rule, ties, violations, immutable versions', () => {
  let sg: TestSubgraph;
  let organisation: DataSource;
  const company: Record<string, string> = {};

  /** Entries as [kind, company name, rank, score]; equal places in name order (the list breaks ties by company id). */
  const simplify = (list: Listed) =>
    list.entries
      .map((e) => [e.kind, Object.keys(company).find((k) => company[k] === e.companyId)!, e.rank, e.score] as const)
      .sort((x, y) => (x[0] === y[0] ? (x[2] ?? 99) - (y[2] ?? 99) || x[1].localeCompare(y[1]) : y[0].localeCompare(x[0])));

  beforeAll(async () => {
    sg = await startTestSubgraph(propertyService);
    organisation = organisationDataSource();
    await organisation.initialize();
    const place = await newPlace(sg, organisation, COUNTY);
    // Red: the best 2 at 80 or more; black: below 70; residents' voice not weighed (score = the evaluators').
    await defineScheme(sg, {
      countyCode: COUNTY,
      year: 2024,
      redRule: { top: 2, minScore: 80 },
      blackRule: { belowScore: 70 },
      residentsVoice: { weight: 0 },
    });
    const scores: Record<string, number> = { A: 90, B: 85, C: 85, D: 60, E: 95 };
    for (const [name, score] of Object.entries(scores)) {
      company[name] = await newCompany(sg, place, `红黑榜测试物业${name}`);
      const compound = await newCompound(sg, place, company[name]!);
      for (const month of ['2024-02', '2024-05']) await scoreMonth(sg, compound, month, () => score);
    }
    await sg.query(
      'mutation ($i: RecordSeriousViolationInput!) { recordSeriousViolation(input: $i) { id } }',
      { i: { companyId: company.E, occurredOn: '2024-04-18', description: '电梯维保记录造假，被市场监管部门查处' } },
      ADMIN(),
    );
    for (const q of ['2024Q1', '2024Q2']) await runQuarterlyEvaluation(sg.dataSource, COUNTY, q, new Date());
  }, 90_000);
  afterAll(async () => {
    await organisation.destroy();
    await sg.stop();
  });

  it('lists the best as RED (ties at the last place all in, ranks shared), and BLACK below the bar or for a violation', async () => {
    const published = await sg.query<{ publishRedBlackList: Listed }>(PUBLISH, { i: { countyCode: COUNTY, half: '2024H1' } }, ADMIN());
    expect(published.errors).toBeUndefined();
    const list = published.data!.publishRedBlackList;
    expect(simplify(list)).toEqual([
      ['RED', 'A', 1, 90],
      ['RED', 'B', 2, 85],
      ['RED', 'C', 2, 85],
      ['BLACK', 'D', null, 60],
      ['BLACK', 'E', null, 95],
    ]);
    expect(list).toMatchObject({ version: 1, redCount: 3, blackCount: 2, replaces: null, replacedBy: null });
    // The one of B and C after the other by id is in by the tie rule, and says so.
    expect(list.entries.filter((e) => e.reason.includes('tied with place 2')).map((e) => e.score)).toEqual([85]);
    expect(list.entries.find((e) => e.companyId === company.E)!.reason).toContain('serious violation');
    const events = await sg.dataSource.getRepository(OutboxMessage).findBy({ name: 'RedBlackListPublished', aggregateId: list.id });
    expect(events.map((e) => e.payload)).toEqual([{ id: list.id, countyCode: COUNTY, half: '2024H1', version: 1, replacesId: null }]);
    const again = await sg.query(PUBLISH, { i: { countyCode: COUNTY, half: '2024H1' } }, ADMIN());
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.half' });
  });

  it('corrects a list as a new version naming the one it replaces; both stay readable; the database refuses changes', async () => {
    const [v1] = await sg.dataSource.getRepository(RedBlackList).findBy({ regionCode: COUNTY, half: '2024H1', version: 1 });
    await sg.query(
      'mutation ($i: RecordSeriousViolationInput!) { recordSeriousViolation(input: $i) { id } }',
      { i: { companyId: company.B, occurredOn: '2024-03-02', description: '消防通道长期堵塞，整改不到位' } },
      ADMIN(),
    );
    const corrected = await sg.query<{ correctRedBlackList: Listed }>(
      CORRECT,
      { i: { listId: v1!.id, reason: '补录B公司严重违规记录' } },
      ADMIN(),
    );
    expect(corrected.errors).toBeUndefined();
    const v2 = corrected.data!.correctRedBlackList;
    expect(v2).toMatchObject({ version: 2, replaces: { id: v1!.id }, redCount: 2, blackCount: 3 });
    expect(simplify(v2).filter((e) => e[0] === 'RED')).toEqual([
      ['RED', 'A', 1, 90],
      ['RED', 'C', 2, 85],
    ]);
    const old = await sg.query<{ redBlackList: Listed }>(`query ($id: ID!) { redBlackList(id: $id) { ${LIST} } }`, { id: v1!.id }, ADMIN());
    expect(old.data!.redBlackList).toMatchObject({ version: 1, redCount: 3, replacedBy: { id: v2.id, version: 2 } });
    const stale = await sg.query(CORRECT, { i: { listId: v1!.id, reason: '再次更正' } }, ADMIN());
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.listId' });
    await expect(sg.dataSource.getRepository(RedBlackEntry).update({ listId: v1!.id }, { kind: 'BLACK' })).rejects.toThrow(/append-only/);
    await expect(sg.dataSource.getRepository(RedBlackList).delete({ id: v1!.id })).rejects.toThrow(/append-only/);
    const outside = await sg.query(CORRECT, { i: { listId: v2.id, reason: '越权更正' } }, testIdentity());
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.listId' });
  });

  it('is published by the half-yearly job once, however often it runs', async () => {
    const context = { dataSource: sg.dataSource, jobId: 'test', attempt: 1 };
    // Limited to this file's county: the list-publication test evaluates Sansui's 2024 by hand, and a sweep would publish there.
    const first = (await redBlackListsJob.handler({ now: '2025-01-01T03:00:00+08:00', countyCode: COUNTY }, context)) as {
      half: string;
      published: Array<{ countyCode: string; created: boolean }>;
    };
    expect(first.half).toBe('2024H2');
    expect(first.published).toEqual([expect.objectContaining({ countyCode: COUNTY, created: true })]);
    const second = (await redBlackListsJob.handler({ now: '2025-01-01T03:00:00+08:00', countyCode: COUNTY }, context)) as typeof first;
    expect(second.published).toEqual([expect.objectContaining({ countyCode: COUNTY, created: false })]);
    expect(await sg.dataSource.getRepository(RedBlackList).countBy({ regionCode: COUNTY, half: '2024H2' })).toBe(1);
    // Every version of every half stays listed, the latest published first.
    const lists = await sg.query<{ redBlackLists: { edges: Array<{ node: { half: string; version: number } }> } }>(
      'query ($r: ID!) { redBlackLists(regionCode: $r) { edges { node { half version } } } }',
      { r: COUNTY },
      ADMIN(),
    );
    expect(lists.data!.redBlackLists.edges.map((e) => `${e.node.half}v${e.node.version}`)).toEqual(['2024H2v1', '2024H1v2', '2024H1v1']);
  });

  it('shows the housing bureau (a machine client) scores and lists as connections, stable under inserts, and dashboards the figures', async () => {
    const bureau = testIdentity({ roles: ['HOUSING_BUREAU'], regionScopes: [COUNTY], clientKind: 'MACHINE' });
    const PAGE = `query ($r: ID!, $after: String) { redBlackLists(regionCode: $r, first: 2, after: $after) {
      edges { node { id half version } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      redBlackLists: { edges: Array<{ node: { id: string; half: string; version: number } }>; pageInfo: { endCursor: string } };
    };
    const first = (await sg.query<Page>(PAGE, { r: COUNTY }, bureau)).data!.redBlackLists;
    expect(first.edges.map((e) => `${e.node.half}v${e.node.version}`)).toEqual(['2024H2v1', '2024H1v2']);
    // A correction published meanwhile goes on top: the next page still starts where the first ended.
    const [h2] = await sg.dataSource.getRepository(RedBlackList).findBy({ regionCode: COUNTY, half: '2024H2' });
    expect((await sg.query(CORRECT, { i: { listId: h2!.id, reason: '更正' } }, ADMIN())).errors).toBeUndefined();
    const second = (await sg.query<Page>(PAGE, { r: COUNTY, after: first.pageInfo.endCursor }, bureau)).data!.redBlackLists;
    expect(second.edges.map((e) => `${e.node.half}v${e.node.version}`)).toEqual(['2024H1v1']);
    const scores = await sg.query<{ companyQuarterScores: { edges: Array<{ node: { score: number } }> } }>(
      'query ($r: ID!) { companyQuarterScores(regionCode: $r, quarter: "2024Q1", first: 3) { edges { node { score } } } }',
      { r: COUNTY },
      bureau,
    );
    expect(scores.data!.companyQuarterScores.edges.map((e) => e.node.score)).toEqual([95, 90, 85]);

    const STATS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { propertyStats { evaluation(quarter: "2024Q1") {
      quarter averageScore compoundsScored latestListHalf redCount blackCount } } } } }`;
    const stats = await sg.query<{ _entities: Array<{ propertyStats: { evaluation: Record<string, unknown> } }> }>(
      STATS,
      {
        r: [
          { __typename: 'Region', code: COUNTY },
          { __typename: 'Region', code: '520201' },
        ],
      },
      bureau,
    );
    expect(stats.errors).toBeUndefined();
    // (90 + 85 + 85 + 60 + 95) ÷ 5 = 83; the latest list with entries is 2024H1, its current version 2.
    expect(stats.data!._entities[0]!.propertyStats.evaluation).toMatchObject({
      quarter: '2024Q1',
      averageScore: 83,
      compoundsScored: 5,
      latestListHalf: '2024H1',
      redCount: 2,
      blackCount: 3,
    });
    // Outside the bureau's scope: nothing counts.
    expect(stats.data!._entities[1]!.propertyStats.evaluation).toMatchObject({ averageScore: null, compoundsScored: 0, redCount: 0 });
  });
  it('uses the bars of the version the half’s quarters were scored under, never a later one, and flags a version changed within the half', async () => {
    // 2020 in Dafeng, the residents' voice not weighed: P scores 75 and Q 85 every month.
    // v1 (red 80 best 2, black 70) scores Q1–Q2; v2 (red 90, black 80) is made after them and scores Q3;
    // v3 (red 70, black 60) scores Q4; v4 (red 95 best 1, black 90) comes after every quarter.
    const rules = (red: [number, number], below: number) => ({
      countyCode: COUNTY,
      year: 2020,
      redRule: { top: red[0], minScore: red[1] },
      blackRule: { belowScore: below },
      residentsVoice: { weight: 0 },
    });
    await defineScheme(sg, rules([2, 80], 70));
    const place = await newPlace(sg, organisation, COUNTY);
    const named: Record<string, string> = {};
    for (const [name, score] of [
      ['P', 75],
      ['Q', 85],
    ] as const) {
      named[name] = await newCompany(sg, place, `方案版本测试物业${name}`);
      const compound = await newCompound(sg, place, named[name]!);
      for (const month of ['2020-02', '2020-05', '2020-08', '2020-11']) await scoreMonth(sg, compound, month, () => score);
    }
    for (const q of ['2020Q1', '2020Q2']) await runQuarterlyEvaluation(sg.dataSource, COUNTY, q, new Date());
    await defineScheme(sg, rules([2, 90], 80));
    await runQuarterlyEvaluation(sg.dataSource, COUNTY, '2020Q3', new Date());
    await defineScheme(sg, rules([2, 70], 60));
    await runQuarterlyEvaluation(sg.dataSource, COUNTY, '2020Q4', new Date());
    await defineScheme(sg, rules([1, 95], 90));

    const SCHEMES = `id version scheme { version } quarterSchemes { quarter version scheme { version } } schemesDiffer schemeExplanation
      entries { kind companyId rank score reason }`;
    type Versioned = {
      id: string;
      version: number;
      scheme: { version: number };
      quarterSchemes: Array<{ quarter: string; version: number; scheme: { version: number } }>;
      schemesDiffer: boolean;
      schemeExplanation: string;
      entries: Listed['entries'];
    };
    const mine = (list: Versioned) =>
      list.entries
        .filter((e) => Object.values(named).includes(e.companyId))
        .map((e) => [Object.keys(named).find((k) => named[k] === e.companyId), e.kind, e.rank, e.score]);
    const publish = async (half: string) => {
      const result = await sg.query<{ publishRedBlackList: Versioned }>(
        `mutation ($i: PublishRedBlackListInput!) { publishRedBlackList(input: $i) { ${SCHEMES} } }`,
        { i: { countyCode: COUNTY, half } },
        ADMIN(),
      );
      expect(result.errors).toBeUndefined();
      return result.data!.publishRedBlackList;
    };

    // 2020H1 by v1's bars: Q red (85 ≥ 80), P on neither list (70 ≤ 75 < 80). v4's would put both black, v2's P black.
    const h1 = await publish('2020H1');
    expect(h1).toMatchObject({ scheme: { version: 1 }, schemesDiffer: false });
    expect(mine(h1)).toEqual([['Q', 'RED', 1, 85]]);
    expect(h1.quarterSchemes.map((q) => [q.quarter, q.version, q.scheme.version])).toEqual([
      ['2020Q1', 1, 1],
      ['2020Q2', 1, 1],
    ]);
    expect(h1.schemeExplanation).toBe(
      "Both quarters were scored under scheme version 1; the list uses version 1's bars: red bar 80 (best 2), black bar 70; version 4, made after the quarters were scored, is not used for this half year's scores or list.",
    );
    expect(h1.entries.every((e) => !e.reason.includes('FLAG'))).toBe(true);

    // 2020H2: Q3 under v2, Q4 under v3: v3's bars (the later quarter's), flagged in the list and every entry.
    const h2 = await publish('2020H2');
    expect(h2).toMatchObject({ scheme: { version: 3 }, schemesDiffer: true });
    expect(h2.quarterSchemes.map((q) => [q.quarter, q.version])).toEqual([
      ['2020Q3', 2],
      ['2020Q4', 3],
    ]);
    expect(mine(h2)).toEqual([
      ['Q', 'RED', 1, 85],
      ['P', 'RED', 2, 75],
    ]);
    expect(h2.schemeExplanation).toMatch(
      /^FLAG: the quarters were scored under different scheme versions \(2020Q3 under version 2; 2020Q4 under version 3\); .*the list uses version 3's bars: red bar 70 \(best 2\), black bar 60, the later quarter's version/,
    );
    expect(h2.schemeExplanation).toContain('version 4, made after the quarters were scored, is not used');
    for (const entry of h2.entries.filter((e) => Object.values(named).includes(e.companyId)))
      expect(entry.reason).toMatch(
        /; FLAG: the quarters were scored under different scheme versions .*the bars are version 3's, the later quarter's$/,
      );

    // A correction is compiled again by the quarters' version (v1), not the newest (v4); both versions read back as published.
    const corrected = await sg.query<{ correctRedBlackList: Versioned }>(
      `mutation ($i: CorrectRedBlackListInput!) { correctRedBlackList(input: $i) { ${SCHEMES} } }`,
      { i: { listId: h1.id, reason: '复核' } },
      ADMIN(),
    );
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.correctRedBlackList).toMatchObject({ version: 2, scheme: { version: 1 }, schemesDiffer: false });
    expect(mine(corrected.data!.correctRedBlackList)).toEqual([['Q', 'RED', 1, 85]]);
    const bureau = testIdentity({ roles: ['HOUSING_BUREAU'], regionScopes: [COUNTY], clientKind: 'MACHINE' });
    const read = await sg.query<{ redBlackList: Versioned }>(
      `query ($id: ID!) { redBlackList(id: $id) { ${SCHEMES} } }`,
      { id: h2.id },
      bureau,
    );
    expect(read.data!.redBlackList).toEqual(h2);
  });

  it('tells which version a list published before the versions were recorded used, from its quarters’ runs', async () => {
    // The 2020H1 runs were scored under v1; the earlier code took the version current at publication (v4).
    const [v4] = await sg.dataSource.query<Array<{ id: string }>>(
      'SELECT id FROM property.evaluation_scheme WHERE region_code = $1 AND year = 2020 AND version = 4',
      [COUNTY],
    );
    const legacy = await sg.dataSource.getRepository(RedBlackList).save({
      regionCode: COUNTY,
      half: '2020H1',
      version: 99,
      replacesId: null,
      reason: null,
      schemeId: v4!.id,
      quarterSchemes: null,
      schemeExplanation: null,
      rule: 'before-1764800000470',
      publishedBy: 'before-1764800000470',
    });
    const read = await sg.query<{
      redBlackList: {
        scheme: { version: number };
        quarterSchemes: Array<{ version: number }>;
        schemesDiffer: boolean;
        schemeExplanation: string;
      };
    }>(
      'query ($id: ID!) { redBlackList(id: $id) { scheme { version } quarterSchemes { quarter version } schemesDiffer schemeExplanation } }',
      { id: legacy.id },
      ADMIN(),
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.redBlackList).toMatchObject({
      scheme: { version: 4 },
      quarterSchemes: [
        { quarter: '2020Q1', version: 1 },
        { quarter: '2020Q2', version: 1 },
      ],
      schemesDiffer: true,
    });
    expect(read.data!.redBlackList.schemeExplanation).toBe(
      "Published before the scheme versions were recorded with the list (read from the quarters' runs): the list used version 4's bars (red bar 95 (best 1), black bar 90), the version current at publication; FLAG: the quarters were scored under another version (2020Q1, 2020Q2 under version 1): this list may differ from the one the quarters' own bars give.",
    );
  });
});
