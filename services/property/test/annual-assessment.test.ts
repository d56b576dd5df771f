import { OutboxMessage } from '@gg/shared';
import { startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import type { DataSource } from 'typeorm';
import { AnnualAssessment, AnnualAssessmentEntry } from '../src/annual-assessment/annual-assessment.entity';
import { runQuarterlyEvaluation } from '../src/quarterly-evaluation/quarterly-evaluation.run';
import { propertyService } from '../src/service';
import { defineScheme, newCompany, newCompound, newPlace, organisationDataSource, scoreMonth } from './evaluation-fixtures';

// 大丰区: no other test file writes compounds there.
const COUNTY = '320904';
const ADMIN = () => testIdentity({ regionScopes: [COUNTY] });
const PUBLISH = `mutation ($i: PublishAnnualAssessmentInput!) { publishAnnualAssessment(input: $i) { id year
  entries { totalCount edges { node { subjectKind compound { id } company { id } score stars missingQuarters arithmetic quarterScores { quarter score } } } } } }`;

interface Entry {
  subjectKind: string;
  compound: { id: string } | null;
  company: { id: string } | null;
  score: number | null;
  stars: number | null;
  missingQuarters: string[];
  arithmetic: string;
}

describe('the annual comprehensive assessment: four quarters, stars by the thresholds, published once', () => {
  let sg: TestSubgraph;
  let organisation: DataSource;
  let full: string;
  let gap: string;
  let companyId: string;

  const publish = (i: Record<string, unknown>, identity = ADMIN()) =>
    sg.query<{ publishAnnualAssessment: { id: string; entries: { totalCount: number; edges: Array<{ node: Entry }> } } }>(
      PUBLISH,
      { i },
      identity,
    );

  beforeAll(async () => {
    sg = await startTestSubgraph(propertyService);
    organisation = organisationDataSource();
    await organisation.initialize();
    const place = await newPlace(sg, organisation, COUNTY);
    companyId = await newCompany(sg, place);
    full = await newCompound(sg, place, companyId);
    gap = await newCompound(sg, place, companyId);
    await defineScheme(sg, { countyCode: COUNTY, year: 2023 });
    // Every evaluator gives the same score in a quarter: evaluators v, residents' voice 100 (no complaint) → 0.9 v + 10.
    const values = [80, 90, 70, 100];
    for (const [i, month] of ['2023-02', '2023-05', '2023-08', '2023-11'].entries()) {
      await scoreMonth(sg, full, month, () => values[i]!);
      if (month !== '2023-08') await scoreMonth(sg, gap, month, () => 95);
    }
  }, 60_000);
  afterAll(async () => {
    await organisation.destroy();
    await sg.stop();
  });

  it('refuses a year whose quarters are not all evaluated, and a year not over', async () => {
    await runQuarterlyEvaluation(sg.dataSource, COUNTY, '2023Q1', new Date());
    const early = await publish({ countyCode: COUNTY, year: 2023 });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.year' });
    expect(early.errors?.[0]?.message).toContain('2023Q2, 2023Q3, 2023Q4');
    const open = await publish({ countyCode: COUNTY, year: 2099 });
    expect(open.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.year' });
  });

  it('averages the four quarters, gives stars by the thresholds, lists a missing quarter, and announces the publication', async () => {
    for (const q of ['2023Q2', '2023Q3', '2023Q4']) await runQuarterlyEvaluation(sg.dataSource, COUNTY, q, new Date());
    const published = await publish({ countyCode: COUNTY, year: 2023 });
    expect(published.errors).toBeUndefined();
    const entries = published.data!.publishAnnualAssessment.entries.edges.map((e) => e.node);
    const fullEntry = entries.find((e) => e.compound?.id === full)!;
    // (82 + 91 + 73 + 100) ÷ 4 = 86.5 → 4 stars (80 ≤ 86.5 < 90).
    expect(fullEntry).toMatchObject({ score: 86.5, stars: 4, missingQuarters: [] });
    expect(fullEntry.arithmetic).toBe('(82.00 + 91.00 + 73.00 + 100.00) ÷ 4 = 86.50 → 4 star(s) by thresholds 60/70/80/90');
    expect(entries.find((e) => e.compound?.id === gap)).toMatchObject({ score: null, stars: null, missingQuarters: ['2023Q3'] });
    // The company's third quarter is missing too (one of its compounds had no score): no stars, said why.
    expect(entries.find((e) => e.company?.id === companyId)).toMatchObject({
      subjectKind: 'COMPANY',
      score: null,
      missingQuarters: ['2023Q3'],
    });
    const events = await sg.dataSource
      .getRepository(OutboxMessage)
      .findBy({ name: 'AnnualAssessmentPublished', aggregateId: published.data!.publishAnnualAssessment.id });
    expect(events.map((e) => e.payload)).toEqual([{ id: published.data!.publishAnnualAssessment.id, countyCode: COUNTY, year: 2023 }]);
  });

  it('is published once and never changed, by any code', async () => {
    const again = await publish({ countyCode: COUNTY, year: 2023 });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.year' });
    const repository = sg.dataSource.getRepository(AnnualAssessmentEntry);
    await expect(repository.update({ subjectId: full }, { stars: 5 })).rejects.toThrow(/append-only/);
    await expect(sg.dataSource.query('DELETE FROM property.annual_assessment WHERE region_code = $1', [COUNTY])).rejects.toThrow(
      /append-only/,
    );
    const read = await sg.query<{ annualAssessment: { year: number } | null }>(
      'query ($c: ID!) { annualAssessment(countyCode: $c, year: 2023) { year } }',
      { c: COUNTY },
      testIdentity(),
    );
    expect(read.data!.annualAssessment).toBeNull();
  });

  it('gives dashboards the stars of the latest assessment in Region.propertyStats', async () => {
    const stats = await sg.query<{ _entities: Array<{ propertyStats: { evaluation: Record<string, unknown> } }> }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { propertyStats { evaluation(quarter: "2023Q4") {
        assessmentYear averageStars compoundsByStars { stars count } compoundsScored compoundsWithMissingInputs } } } } }`,
      { r: [{ __typename: 'Region', code: COUNTY }] },
      testIdentity({ roles: ['DASHBOARD'], regionScopes: [COUNTY] }),
    );
    expect(stats.errors).toBeUndefined();
    expect(stats.data!._entities[0]!.propertyStats.evaluation).toMatchObject({
      assessmentYear: 2023,
      averageStars: 4,
      compoundsByStars: [{ stars: 4, count: 1 }],
      compoundsScored: 2,
    });
  });

  it('gives the stars by the version the quarters were scored under, flags a version changed within the year, and never uses a later one', async () => {
    // 2021 in Dafeng: version 1 (thresholds 60/70/80/90) scores Q1–Q2; version 2 (60/70/85/95) Q3–Q4;
    // version 3 (50/60/70/80), made after every quarter was scored, would give 5 stars: it must not.
    await defineScheme(sg, { countyCode: COUNTY, year: 2021 });
    for (const month of ['2021-02', '2021-05', '2021-08', '2021-11']) await scoreMonth(sg, full, month, () => 85);
    for (const quarter of ['2021Q1', '2021Q2']) await runQuarterlyEvaluation(sg.dataSource, COUNTY, quarter, new Date());
    await defineScheme(sg, { countyCode: COUNTY, year: 2021, starThresholds: [60, 70, 85, 95] });
    for (const quarter of ['2021Q3', '2021Q4']) await runQuarterlyEvaluation(sg.dataSource, COUNTY, quarter, new Date());
    await defineScheme(sg, { countyCode: COUNTY, year: 2021, starThresholds: [50, 60, 70, 80] });

    const published = await sg.query<{
      publishAnnualAssessment: {
        scheme: { version: number };
        quarterSchemes: Array<{ quarter: string; version: number; scheme: { version: number } }>;
        schemesDiffer: boolean;
        schemeExplanation: string;
        entries: { edges: Array<{ node: Entry }> };
      };
    }>(
      `mutation ($i: PublishAnnualAssessmentInput!) { publishAnnualAssessment(input: $i) { scheme { version }
        quarterSchemes { quarter version scheme { version } } schemesDiffer schemeExplanation
        entries(kind: COMPOUND) { edges { node { subjectKind compound { id } company { id } score stars missingQuarters arithmetic } } } } }`,
      { i: { countyCode: COUNTY, year: 2021 } },
      ADMIN(),
    );
    expect(published.errors).toBeUndefined();
    const assessment = published.data!.publishAnnualAssessment;
    expect(assessment).toMatchObject({ scheme: { version: 2 }, schemesDiffer: true });
    expect(assessment.quarterSchemes.map((q) => [q.quarter, q.version, q.scheme.version])).toEqual([
      ['2021Q1', 1, 1],
      ['2021Q2', 1, 1],
      ['2021Q3', 2, 2],
      ['2021Q4', 2, 2],
    ]);
    expect(assessment.schemeExplanation).toMatch(
      /^FLAG: the quarters were scored under different scheme versions \(2021Q1, 2021Q2 under version 1; 2021Q3, 2021Q4 under version 2\)/,
    );
    expect(assessment.schemeExplanation).toContain('version 3, made after the quarters were scored, is not used');
    // 0.9 × 85 + 10 = 86.5 each quarter: 4 stars by version 2 (85 ≤ 86.5 < 95), not 5 by version 3.
    const entry = assessment.entries.edges.map((e) => e.node).find((e) => e.compound?.id === full)!;
    expect(entry).toMatchObject({ score: 86.5, stars: 4 });
    expect(entry.arithmetic).toContain('by thresholds 60/70/85/95');
    // Read back as published, by the housing bureau.
    const read = await sg.query<{ annualAssessment: { schemesDiffer: boolean; schemeExplanation: string } }>(
      'query ($c: ID!) { annualAssessment(countyCode: $c, year: 2021) { schemesDiffer schemeExplanation } }',
      { c: COUNTY },
      testIdentity({ roles: ['HOUSING_BUREAU'], regionScopes: [COUNTY], clientKind: 'MACHINE' }),
    );
    expect(read.data!.annualAssessment).toEqual({ schemesDiffer: true, schemeExplanation: assessment.schemeExplanation });
  });

  it('tells which version an assessment published before the versions were recorded used, from its quarters’ runs', async () => {
    // 2022: version 1 scores the four quarters, version 2 comes after; an assessment published by the
    // earlier code took the version current at publication (2) and recorded nothing else.
    const first = await defineScheme(sg, { countyCode: COUNTY, year: 2022 });
    for (const quarter of ['2022Q1', '2022Q2', '2022Q3', '2022Q4'])
      await runQuarterlyEvaluation(sg.dataSource, COUNTY, quarter, new Date());
    const second = await defineScheme(sg, { countyCode: COUNTY, year: 2022, starThresholds: [50, 60, 70, 80] });
    expect(second).not.toBe(first);
    await sg.dataSource.getRepository(AnnualAssessment).insert({
      regionCode: COUNTY,
      year: 2022,
      schemeId: second,
      publishedBy: 'before-1764800000400',
      quarterSchemes: null,
      schemeExplanation: null,
    });
    const read = await sg.query<{
      annualAssessment: {
        scheme: { version: number };
        quarterSchemes: Array<{ version: number }>;
        schemesDiffer: boolean;
        schemeExplanation: string;
      };
    }>(
      'query ($c: ID!) { annualAssessment(countyCode: $c, year: 2022) { scheme { version } quarterSchemes { quarter version } schemesDiffer schemeExplanation } }',
      { c: COUNTY },
      ADMIN(),
    );
    expect(read.data!.annualAssessment).toMatchObject({
      scheme: { version: 2 },
      quarterSchemes: ['2022Q1', '2022Q2', '2022Q3', '2022Q4'].map((quarter) => ({ quarter, version: 1 })),
      schemesDiffer: true,
    });
    expect(read.data!.annualAssessment.schemeExplanation).toBe(
      "Published before the scheme versions were recorded with the assessment (read from the quarters' runs): the stars used version 2's thresholds 50/60/70/80, the version current at publication; FLAG: the quarters were scored under another version (2022Q1, 2022Q2, 2022Q3, 2022Q4 under version 1): these stars may differ from those the quarters' own thresholds give.",
    );
  });
});
