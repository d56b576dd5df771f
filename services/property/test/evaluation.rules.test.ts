import fc from 'fast-check';
import { DEFAULT_SCHEME, EVALUATOR_KINDS, schemeProblems, starsFor, type SchemeRules } from '../src/evaluation/evaluation-scheme.rules';
import { quarterlyScore, roundScore, type ScoreInput } from '../src/evaluation/quarterly-score.rules';

const MONTHS = ['2025-01', '2025-02', '2025-03'];

/** Integer weights 1–100 summing to 100, in `count` parts. */
const weightsOf = (count: number) =>
  fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: count - 1, maxLength: count - 1 }).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), 100];
    return points.slice(1).map((p, i) => p - points[i]!);
  });

/** A valid scheme: 1–19 criteria (Jianhu uses 19 standards) and 1–4 evaluator kinds. */
const schemeArb: fc.Arbitrary<SchemeRules> = fc
  .tuple(fc.integer({ min: 1, max: 19 }), fc.integer({ min: 1, max: 4 }))
  .chain(([c, e]) => fc.tuple(weightsOf(c), weightsOf(e)))
  .map(([criteriaWeights, evaluatorWeights]) => ({
    criteria: criteriaWeights.map((weight, i) => ({ key: `C${i}`, name: `标准${i}`, weight })),
    evaluators: evaluatorWeights.map((weight, i) => ({ kind: EVALUATOR_KINDS[i]!, weight })),
    starThresholds: [60, 70, 80, 90],
  }));

/** Every evaluator scores every criterion in 1–3 months. */
const completeInputs = (scheme: SchemeRules) =>
  fc
    .array(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 })), {
      minLength: scheme.evaluators.length * scheme.criteria.length,
      maxLength: scheme.evaluators.length * scheme.criteria.length,
    })
    .map((cells) =>
      scheme.evaluators.flatMap((e, i) =>
        scheme.criteria.flatMap((c, j) => {
          const [months, scores] = cells[i * scheme.criteria.length + j]!;
          return MONTHS.slice(0, months).map((month, m): ScoreInput => ({
            evaluatorKind: e.kind,
            criterionKey: c.key,
            month,
            score: scores[m]!,
          }));
        }),
      ),
    );

describe('evaluation schemes', () => {
  it('accepts the default 四有一定 scheme, and every scheme whose weights sum to 100', () => {
    expect(schemeProblems(DEFAULT_SCHEME)).toEqual([]);
    fc.assert(fc.property(schemeArb, (scheme) => expect(schemeProblems(scheme)).toEqual([])));
  });

  it('refuses weights that do not sum to 100, naming the list', () => {
    fc.assert(
      fc.property(
        schemeArb,
        fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0),
        (scheme, delta) => {
          const last = scheme.criteria.length - 1;
          const changed = { ...scheme, criteria: scheme.criteria.map((c, i) => (i === last ? { ...c, weight: c.weight + delta } : c)) };
          expect(schemeProblems(changed).map((p) => p.field)).toContain('criteria');
        },
      ),
    );
    const evaluators = [...DEFAULT_SCHEME.evaluators.slice(0, 3), { kind: 'MONTHLY_INSPECTOR' as const, weight: 25 }];
    expect(schemeProblems({ ...DEFAULT_SCHEME, evaluators })).toEqual([
      { field: 'evaluators', message: "the evaluators' weights sum to 105, not 100" },
    ]);
  });

  it('refuses duplicate keys, fractional weights and thresholds that do not rise', () => {
    const criteria = [...DEFAULT_SCHEME.criteria.slice(0, 4), { key: 'SECURITY', name: '重复', weight: 20 }];
    expect(schemeProblems({ ...DEFAULT_SCHEME, criteria }).map((p) => p.field)).toEqual(['criteria.4.key']);
    const fractional = DEFAULT_SCHEME.criteria.map((c, i) => ({ ...c, weight: i === 0 ? 19.5 : i === 1 ? 20.5 : 20 }));
    expect(schemeProblems({ ...DEFAULT_SCHEME, criteria: fractional }).map((p) => p.field)).toEqual([
      'criteria.0.weight',
      'criteria.1.weight',
    ]);
    expect(schemeProblems({ ...DEFAULT_SCHEME, starThresholds: [60, 80, 80, 90] }).map((p) => p.field)).toEqual(['starThresholds']);
  });

  it('gives stars by threshold, a score equal to a threshold earning it', () => {
    const t = DEFAULT_SCHEME.starThresholds;
    expect([0, 59.99, 60, 69.99, 70, 80, 89.99, 90, 100].map((s) => starsFor(s, t))).toEqual([1, 1, 2, 2, 3, 4, 4, 5, 5]);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (a, b) => {
        expect(a <= b ? starsFor(a, t) <= starsFor(b, t) : starsFor(a, t) >= starsFor(b, t)).toBe(true);
      }),
    );
  });
});

describe('the quarterly score', () => {
  it('explains the default scheme’s arithmetic step by step', () => {
    const inputs: ScoreInput[] = DEFAULT_SCHEME.evaluators.flatMap((e, i) =>
      DEFAULT_SCHEME.criteria.map((c) => ({ evaluatorKind: e.kind, criterionKey: c.key, month: '2025-02', score: 70 + 5 * i })),
    );
    // The monthly inspector scored security three times: its mean counts.
    const inspections = ['2025-01', '2025-03'].map((month, k) => ({
      evaluatorKind: 'MONTHLY_INSPECTOR' as const,
      criterionKey: 'SECURITY',
      month,
      score: k === 0 ? 70 : 100,
    }));
    const result = quarterlyScore(DEFAULT_SCHEME, [...inputs, ...inspections]);
    const inspector = result.evaluators.find((e) => e.kind === 'MONTHLY_INSPECTOR')!;
    expect(inspector.criteria.find((c) => c.key === 'SECURITY')).toEqual({
      key: 'SECURITY',
      weight: 20,
      inputs: [70, 85, 100],
      average: 85,
      contribution: 17,
    });
    // 30% × 70 + 30% × 75 + 20% × 80 + 20% × 85 = 21 + 22.5 + 16 + 17 = 76.5
    expect(result.score).toBe(76.5);
    expect(result.missing).toEqual([]);
    expect(result.arithmetic).toBe(
      '30% × 70.00 (COMMUNITY_PARTY_ORGANISATION) + 30% × 75.00 (OWNERS_COMMITTEE) + 20% × 80.00 (OWNER_REPRESENTATIVES) + 20% × 85.00 (MONTHLY_INSPECTOR) = 76.50',
    );
  });

  it('reports every missing input and never counts it as zero', () => {
    fc.assert(
      fc.property(
        schemeArb.chain((scheme) => fc.tuple(fc.constant(scheme), completeInputs(scheme))),
        fc.nat(),
        ([scheme, inputs], pick) => {
          const victim = inputs[pick % inputs.length]!;
          const without = inputs.filter((i) => !(i.evaluatorKind === victim.evaluatorKind && i.criterionKey === victim.criterionKey));
          const result = quarterlyScore(scheme, without);
          expect(result.score).toBeNull();
          expect(result.missing).toEqual([{ evaluatorKind: victim.evaluatorKind, criterionKey: victim.criterionKey }]);
          expect(result.arithmetic).toMatch(/1 input\(s\) missing/);
        },
      ),
    );
  });

  it('stays within 0–100, equals the score when everyone gives the same, and never falls when a score rises', () => {
    fc.assert(
      fc.property(
        schemeArb.chain((scheme) => fc.tuple(fc.constant(scheme), completeInputs(scheme))),
        fc.integer({ min: 0, max: 100 }),
        fc.nat(),
        ([scheme, inputs], same, pick) => {
          const result = quarterlyScore(scheme, inputs);
          expect(result.score).not.toBeNull();
          expect(result.score!).toBeGreaterThanOrEqual(0);
          expect(result.score!).toBeLessThanOrEqual(100);
          expect(
            quarterlyScore(
              scheme,
              inputs.map((i) => ({ ...i, score: same })),
            ).score,
          ).toBe(same);
          const i = pick % inputs.length;
          const raised = inputs.map((input, k) => (k === i ? { ...input, score: Math.min(100, input.score + 10) } : input));
          expect(quarterlyScore(scheme, raised).score!).toBeGreaterThanOrEqual(result.score!);
          // The order the inputs arrive in changes nothing.
          expect(quarterlyScore(scheme, [...inputs].reverse())).toEqual(result);
        },
      ),
    );
  });

  it('rounds half up to two decimals only at the end', () => {
    expect(roundScore(84.995)).toBe(85);
    expect(roundScore(84.994999)).toBe(84.99);
    expect(roundScore(100 / 3)).toBe(33.33);
  });
});
