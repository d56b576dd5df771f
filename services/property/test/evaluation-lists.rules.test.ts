import fc from 'fast-check';
import { annualScore, legacySchemeExplanation, schemeExplanation } from '../src/evaluation/annual.rules';
import { schemeOfQuarters } from '../src/evaluation/scheme-version.rules';
import { compoundScore } from '../src/evaluation/compound-score.rules';
import { DEFAULT_COUNTY_SCHEME, DEFAULT_SCHEME, countySchemeProblems } from '../src/evaluation/evaluation-scheme.rules';
import {
  halfScore,
  legacyListSchemeExplanation,
  listSchemeExplanation,
  mixedSchemesFlag,
  redBlackList,
  type ListCandidate,
} from '../src/evaluation/red-black.rules';
import { residentsVoice } from '../src/evaluation/residents-voice.rules';
import {
  isClosedQuarter,
  lastDayOfQuarter,
  periodDays,
  previousHalf,
  previousQuarter,
  quarterDays,
  quartersOfHalf,
} from '../src/evaluation/periods.rules';

const NOW = new Date('2025-05-01T00:00:00Z');
const complaint = (resolved: boolean | null, deadlinePassed = true) => ({
  category: '物业维修',
  deadlineAt: new Date(NOW.getTime() + (deadlinePassed ? -1 : 1) * 3600_000),
  resolvedAt: resolved === null ? null : new Date(NOW.getTime() - 7200_000),
  inTime: resolved,
});

describe('periods', () => {
  it('knows quarters, halves and which is closed', () => {
    expect(previousQuarter('2025-01-01')).toBe('2024Q4');
    expect(previousQuarter('2025-07-01')).toBe('2025Q2');
    expect(previousHalf('2025-01-01')).toBe('2024H2');
    expect(previousHalf('2025-07-01')).toBe('2025H1');
    expect(quartersOfHalf('2025H2')).toEqual(['2025Q3', '2025Q4']);
    expect(lastDayOfQuarter('2024Q1')).toBe('2024-03-31');
    expect([isClosedQuarter('2025Q1', '2025-03-31'), isClosedQuarter('2025Q1', '2025-04-01')]).toEqual([false, true]);
  });

  it('parses every kind of period into its days in one place (the evaluation and the downloads use it alike)', () => {
    expect(periodDays('2024')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(periodDays('2024H2')).toEqual({ from: '2024-07-01', to: '2024-12-31' });
    expect(periodDays('2024Q1')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(periodDays('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(['2024Q5', '2024H3', '2024-13', '24Q1', '2024q1'].map(periodDays)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(quarterDays('2024Q4')).toEqual({ from: '2024-10-01', until: '2025-01-01' });
    expect(quarterDays('2025Q1')).toEqual({ from: '2025-01-01', until: '2025-04-01' });
    expect(() => quarterDays('2025')).toThrow('not a quarter');
  });
});

describe("the residents' voice", () => {
  it('scores the share resolved in time, leaves pending complaints out, and says 100 when nobody complained', () => {
    expect(residentsVoice([], NOW)).toMatchObject({ complaints: 0, score: 100 });
    expect(residentsVoice([complaint(true), complaint(false), complaint(null), complaint(null, false)], NOW)).toMatchObject({
      complaints: 4,
      resolved: 2,
      resolvedInTime: 1,
      pending: 1,
      score: 33.33,
    });
    // Every complaint pending: no score yet, and never a zero.
    expect(residentsVoice([complaint(null, false)], NOW)).toMatchObject({ score: null, shareResolvedInTime: null });
  });
});

describe('the compound score with the residents’ voice', () => {
  const inputs = DEFAULT_SCHEME.evaluators.flatMap((e) =>
    DEFAULT_SCHEME.criteria.map((c) => ({ evaluatorKind: e.kind, criterionKey: c.key, month: '2025-02', score: 80 })),
  );

  it('weighs the voice as the scheme says, and shows it even at weight 0', () => {
    const voice = residentsVoice([complaint(true), complaint(false)], NOW);
    expect(compoundScore(DEFAULT_COUNTY_SCHEME, inputs, voice).score).toBe(77); // 90% × 80 + 10% × 50
    const unweighed = compoundScore({ ...DEFAULT_COUNTY_SCHEME, residentsVoice: { weight: 0, categories: [] } }, inputs, voice);
    expect(unweighed.score).toBe(80);
    expect(unweighed.explanation.residentsVoice).toMatchObject({ weight: 0, complaints: 2, contribution: null });
    expect(unweighed.explanation.arithmetic).toContain("residents' voice (not weighed, weight 0)");
  });

  it('reports a voice still pending as a missing input when it is weighed', () => {
    const pending = residentsVoice([complaint(null, false)], NOW);
    const result = compoundScore(DEFAULT_COUNTY_SCHEME, inputs, pending);
    expect(result.score).toBeNull();
    expect(result.missing.map((m) => m.kind)).toEqual(['RESIDENTS_VOICE']);
  });

  it('refuses a black bar above the red bar and a voice weighing more than half', () => {
    expect(countySchemeProblems({ ...DEFAULT_COUNTY_SCHEME, blackRule: { belowScore: 95 } }).map((p) => p.field)).toEqual([
      'blackRule.belowScore',
    ]);
    expect(countySchemeProblems({ ...DEFAULT_COUNTY_SCHEME, residentsVoice: { weight: 60, categories: [] } }).map((p) => p.field)).toEqual([
      'residentsVoice.weight',
    ]);
  });
});

describe('the annual score and stars', () => {
  const quarters = ['2024Q1', '2024Q2', '2024Q3', '2024Q4'];
  it('averages four quarters and gives stars from the annual score, never from a missing quarter', () => {
    const scores = [59, 61, 60, 60].map((score, i) => ({ quarter: quarters[i]!, score }));
    expect(annualScore(scores, quarters, [60, 70, 80, 90])).toMatchObject({ score: 60, stars: 2 });
    expect(annualScore(scores.slice(0, 3), quarters, [60, 70, 80, 90])).toMatchObject({
      score: null,
      stars: null,
      missingQuarters: ['2024Q4'],
    });
  });
});

describe('the red-and-black list', () => {
  const candidate = fc.record({
    companyId: fc.uuid(),
    quarterScores: fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(null)), { minLength: 2, maxLength: 2 }),
    seriousViolations: fc.integer({ min: 0, max: 2 }),
  });
  const rules = fc.record({
    top: fc.integer({ min: 1, max: 5 }),
    minScore: fc.integer({ min: 60, max: 95 }),
    below: fc.integer({ min: 0, max: 60 }),
  });

  it('follows the stated rule: black exactly for violations and scores under the bar; red the best, ties at the boundary all in', () => {
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (c) => c.companyId, maxLength: 12 }), rules, (candidates: ListCandidate[], r) => {
        const entries = redBlackList(candidates, { top: r.top, minScore: r.minScore }, { belowScore: r.below });
        const kindOf = new Map(entries.map((e) => [e.companyId, e.kind]));
        expect(kindOf.size).toBe(entries.length); // never on both lists
        for (const c of candidates) {
          const score = halfScore(c.quarterScores);
          const black = c.seriousViolations > 0 || (score !== null && score < r.below);
          expect(kindOf.get(c.companyId) === 'BLACK').toBe(black);
        }
        const red = entries.filter((e) => e.kind === 'RED');
        const eligible = candidates
          .map((c) => halfScore(c.quarterScores))
          .filter((s, i) => s !== null && s >= r.minScore && kindOf.get(candidates[i]!.companyId) !== 'BLACK') as number[];
        eligible.sort((a, b) => b - a);
        const expected = eligible.length <= r.top ? eligible.length : eligible.filter((s) => s >= eligible[r.top - 1]!).length;
        expect(red.length).toBe(expected);
        // Nobody left off the red list scores higher than someone on it.
        const lowestRed = Math.min(...red.map((e) => e.score!));
        expect(eligible.filter((s) => s > lowestRed).length).toBeLessThanOrEqual(red.length);
        red.forEach((e) => expect(e.rank).toBe(1 + red.filter((o) => o.score! > e.score!).length));
      }),
    );
  });
});

describe('a list entry explains its half-year score', () => {
  it('names both quarters’ scores and their mean in the reason, for red, black and a violation', () => {
    const entries = redBlackList(
      [
        { companyId: 'a', quarterScores: [91, 94.5], seriousViolations: 0 },
        { companyId: 'b', quarterScores: [58, 60.25], seriousViolations: 0 },
        { companyId: 'c', quarterScores: [95, null], seriousViolations: 1 },
      ],
      { top: 10, minScore: 90 },
      { belowScore: 60 },
    );
    expect(entries.map((e) => [e.companyId, e.kind, e.reason])).toEqual([
      ['a', 'RED', 'rank 1, half-year score (91.00 + 94.50) ÷ 2 = 92.75 ≥ the red bar 90'],
      ['b', 'BLACK', 'half-year score (58.00 + 60.25) ÷ 2 = 59.13 below the black bar 60'],
      ['c', 'BLACK', '1 serious violation(s) recorded in the half year; half-year score none (a quarter without a score)'],
    ]);
  });
});

describe('which scheme version gives the annual stars', () => {
  const q = (quarter: string, version: number) => ({ quarter: `2025${quarter}`, schemeId: `v${version}`, version });
  it('uses the version the quarters were scored under, never a later one', () => {
    const same = [q('Q1', 1), q('Q2', 1), q('Q3', 1), q('Q4', 1)];
    expect(schemeOfQuarters(same)).toEqual({ scheme: q('Q4', 1), schemesDiffer: false });
    expect(schemeExplanation(same, [60, 70, 80, 90], 1)).toBe(
      "All four quarters were scored under scheme version 1; the stars use version 1's thresholds 60/70/80/90.",
    );
    // Version 2 made after the year was scored: named, and not used.
    expect(schemeExplanation(same, [60, 70, 80, 90], 2)).toBe(
      "All four quarters were scored under scheme version 1; the stars use version 1's thresholds 60/70/80/90; version 2, made after the quarters were scored, is not used for this year's scores or stars.",
    );
  });

  it('takes the last quarter’s version when a new one came within the year, and flags it', () => {
    const changed = [q('Q3', 2), q('Q1', 1), q('Q4', 2), q('Q2', 1)];
    expect(schemeOfQuarters(changed)).toEqual({ scheme: q('Q4', 2), schemesDiffer: true });
    expect(schemeExplanation(changed, [60, 70, 85, 95], 3)).toBe(
      "FLAG: the quarters were scored under different scheme versions (2025Q1, 2025Q2 under version 1; 2025Q3, 2025Q4 under version 2); each quarter's score stands as it was made under its version; the stars use version 2's thresholds 60/70/85/95, the last quarter's version (the rules in force at the end of the year); version 3, made after the quarters were scored, is not used for this year's scores or stars.",
    );
  });

  it('says what an assessment published before the versions were recorded used', () => {
    const same = [q('Q1', 1), q('Q2', 1), q('Q3', 1), q('Q4', 1)];
    expect(legacySchemeExplanation(same, { schemeId: 'v2', version: 2, thresholds: [60, 70, 80, 90] })).toMatch(
      /the stars used version 2's thresholds 60\/70\/80\/90, the version current at publication; FLAG: the quarters were scored under another version \(2025Q1, 2025Q2, 2025Q3, 2025Q4 under version 1\): these stars may differ /,
    );
    expect(legacySchemeExplanation(same, { schemeId: 'v1', version: 1, thresholds: [60, 70, 80, 90] })).toMatch(
      /all four quarters were scored under it\.$/,
    );
  });
});

describe('which scheme version gives the red-and-black bars (the annual stars’ rule)', () => {
  const q = (quarter: string, version: number) => ({ quarter: `2025${quarter}`, schemeId: `v${version}`, version });
  const red = { top: 2, minScore: 80 };
  const black = { belowScore: 70 };

  it('uses the version both quarters were scored under and names a later one as not used', () => {
    const same = [q('Q2', 1), q('Q1', 1)];
    expect(mixedSchemesFlag(same)).toBeNull();
    expect(listSchemeExplanation(same, red, black, 1)).toBe(
      "Both quarters were scored under scheme version 1; the list uses version 1's bars: red bar 80 (best 2), black bar 70.",
    );
    expect(listSchemeExplanation(same, red, black, 2)).toBe(
      "Both quarters were scored under scheme version 1; the list uses version 1's bars: red bar 80 (best 2), black bar 70; version 2, made after the quarters were scored, is not used for this half year's scores or list.",
    );
  });

  it('takes the later quarter’s version when a new one came within the half, and flags the list and every entry', () => {
    const mixed = [q('Q4', 3), q('Q3', 2)];
    const flag = mixedSchemesFlag(mixed)!;
    expect(flag).toBe(
      "FLAG: the quarters were scored under different scheme versions (2025Q3 under version 2; 2025Q4 under version 3); the bars are version 3's, the later quarter's",
    );
    expect(listSchemeExplanation(mixed, red, black, 3)).toBe(
      "FLAG: the quarters were scored under different scheme versions (2025Q3 under version 2; 2025Q4 under version 3); each quarter's score stands as it was made under its version; the list uses version 3's bars: red bar 80 (best 2), black bar 70, the later quarter's version (the rules in force at the end of the half year).",
    );
    const entries = redBlackList([{ companyId: 'b', quarterScores: [58, 60.25], seriousViolations: 0 }], red, black, flag);
    expect(entries[0]!.reason).toBe(`half-year score (58.00 + 60.25) ÷ 2 = 59.13 below the black bar 70; ${flag}`);
  });

  it('says what a list published before the versions were recorded used', () => {
    const same = [q('Q1', 1), q('Q2', 1)];
    expect(legacyListSchemeExplanation(same, { schemeId: 'v2', version: 2, red, black })).toMatch(
      /the list used version 2's bars \(red bar 80 \(best 2\), black bar 70\), the version current at publication; FLAG: the quarters were scored under another version \(2025Q1, 2025Q2 under version 1\): this list may differ /,
    );
    expect(legacyListSchemeExplanation(same, { schemeId: 'v1', version: 1, red, black })).toMatch(/both quarters were scored under it\.$/);
  });
});
