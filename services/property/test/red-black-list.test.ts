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
});
