import { OutboxMessage } from '@gg/shared';
import { startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import type { DataSource } from 'typeorm';
import { AnnualAssessmentEntry } from '../src/annual-assessment/annual-assessment.entity';
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
});
