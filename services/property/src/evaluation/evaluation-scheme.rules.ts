/**
 * Pure rules of an evaluation scheme (考评方案): criteria and evaluator kinds with integer weights that
 * each sum to 100, and the star thresholds. The default is Liupanshui's "四有一定".
 */

/** Who scores a compound (Liupanshui: the community Party organisation leads the owners in scoring). */
export const EVALUATOR_KINDS = ['COMMUNITY_PARTY_ORGANISATION', 'OWNERS_COMMITTEE', 'OWNER_REPRESENTATIVES', 'MONTHLY_INSPECTOR'] as const;
export type EvaluatorKind = (typeof EVALUATOR_KINDS)[number];

export interface Criterion {
  /** Stable key within the scheme, e.g. GREENING_UPKEEP. */
  key: string;
  name: string;
  /** Whole percentage points; a scheme's criteria sum to 100. */
  weight: number;
}

export interface EvaluatorWeight {
  kind: EvaluatorKind;
  /** Whole percentage points; a scheme's evaluator weights sum to 100. */
  weight: number;
}

export interface SchemeRules {
  criteria: Criterion[];
  evaluators: EvaluatorWeight[];
  /** The lowest score of 2, 3, 4 and 5 stars, strictly ascending within 0–100; below the first is 1 star. */
  starThresholds: [number, number, number, number];
}

/** Liupanshui's "四有一定": greening upkeep, property repair, parking management, security, regular cleaning. */
export const DEFAULT_SCHEME: SchemeRules = {
  criteria: [
    { key: 'GREENING_UPKEEP', name: '绿化有人管护', weight: 20 },
    { key: 'PROPERTY_REPAIR', name: '物业有人维修', weight: 20 },
    { key: 'PARKING_MANAGEMENT', name: '车辆有序停放', weight: 20 },
    { key: 'SECURITY', name: '治安有人负责', weight: 20 },
    { key: 'REGULAR_CLEANING', name: '卫生定期清扫', weight: 20 },
  ],
  evaluators: [
    { kind: 'COMMUNITY_PARTY_ORGANISATION', weight: 30 },
    { kind: 'OWNERS_COMMITTEE', weight: 30 },
    { kind: 'OWNER_REPRESENTATIVES', weight: 20 },
    { kind: 'MONTHLY_INSPECTOR', weight: 20 },
  ],
  starThresholds: [60, 70, 80, 90],
};

/** A problem of a scheme, naming the part of it (relative to the scheme input) that is wrong. */
export interface SchemeProblem {
  field: string;
  message: string;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const isWeight = (w: number) => Number.isInteger(w) && w >= 1 && w <= 100;

/** Every problem of a scheme (empty when it can be used): weights, sums, duplicate keys, thresholds. */
export function schemeProblems(scheme: SchemeRules): SchemeProblem[] {
  const problems: SchemeProblem[] = [];
  if (scheme.criteria.length === 0) problems.push({ field: 'criteria', message: 'a scheme has at least one criterion' });
  scheme.criteria.forEach((c, i) => {
    if (!isWeight(c.weight)) problems.push({ field: `criteria.${i}.weight`, message: `a weight is a whole number 1–100, not ${c.weight}` });
    if (scheme.criteria.findIndex((other) => other.key === c.key) !== i)
      problems.push({ field: `criteria.${i}.key`, message: `criterion ${c.key} appears twice` });
  });
  const criteriaTotal = sum(scheme.criteria.map((c) => c.weight));
  if (scheme.criteria.length && criteriaTotal !== 100)
    problems.push({ field: 'criteria', message: `the criteria's weights sum to ${criteriaTotal}, not 100` });
  if (scheme.evaluators.length === 0) problems.push({ field: 'evaluators', message: 'a scheme has at least one evaluator kind' });
  scheme.evaluators.forEach((e, i) => {
    if (!isWeight(e.weight))
      problems.push({ field: `evaluators.${i}.weight`, message: `a weight is a whole number 1–100, not ${e.weight}` });
    if (scheme.evaluators.findIndex((other) => other.kind === e.kind) !== i)
      problems.push({ field: `evaluators.${i}.kind`, message: `evaluator kind ${e.kind} appears twice` });
  });
  const evaluatorTotal = sum(scheme.evaluators.map((e) => e.weight));
  if (scheme.evaluators.length && evaluatorTotal !== 100)
    problems.push({ field: 'evaluators', message: `the evaluators' weights sum to ${evaluatorTotal}, not 100` });
  const t = scheme.starThresholds;
  const ascending = t.every((value, i) => Number.isInteger(value) && value > 0 && value <= 100 && (i === 0 || value > t[i - 1]!));
  if (!ascending) problems.push({ field: 'starThresholds', message: `star thresholds rise strictly within 1–100, not ${t.join(', ')}` });
  return problems;
}

/** Stars (1–5) for a score by the scheme's thresholds: a score equal to a threshold earns it. */
export function starsFor(score: number, thresholds: SchemeRules['starThresholds']): number {
  return 1 + thresholds.filter((threshold) => score >= threshold).length;
}

// ─── The rest of a county's scheme: lists and the residents' voice ────────────

/** RED (红榜): at most `top` companies, the best first, each scoring at least `minScore`. */
export interface RedRule {
  top: number;
  minScore: number;
}

/** BLACK (黑榜): every company scoring below `belowScore`, and every one with a serious violation recorded. */
export interface BlackRule {
  belowScore: number;
}

/**
 * The residents' voice (群众评价) from the grid: cases filed on a compound with one of `categories`.
 * `weight` (0–50 points of 100) is the share of the quarterly score it carries; 0 shows it without weighing it.
 */
export interface ResidentsVoiceRule {
  weight: number;
  categories: string[];
}

/** A whole county scheme: the scoring rules, the lists' rules and the residents' voice. */
export interface CountySchemeRules extends SchemeRules {
  redRule: RedRule;
  blackRule: BlackRule;
  residentsVoice: ResidentsVoiceRule;
}

/** Categories of grid cases that are about property service (物业), as the grid's reporters file them. */
export const DEFAULT_PROPERTY_CATEGORIES = ['物业服务', '物业维修', '环境卫生', '绿化管护', '停车管理', '治安安全'];

/** The default county scheme: 四有一定, RED the best ten at 90 or more, BLACK below 60, residents' voice 10 points. */
export const DEFAULT_COUNTY_SCHEME: CountySchemeRules = {
  ...DEFAULT_SCHEME,
  redRule: { top: 10, minScore: 90 },
  blackRule: { belowScore: 60 },
  residentsVoice: { weight: 10, categories: DEFAULT_PROPERTY_CATEGORIES },
};

/** Every problem of a county scheme: those of `schemeProblems`, then the lists' and the residents' voice's. */
export function countySchemeProblems(scheme: CountySchemeRules): SchemeProblem[] {
  const problems = schemeProblems(scheme);
  const { redRule, blackRule, residentsVoice } = scheme;
  if (!Number.isInteger(redRule.top) || redRule.top < 1 || redRule.top > 1000)
    problems.push({ field: 'redRule.top', message: `the red list holds 1–1000 companies, not ${redRule.top}` });
  if (!Number.isInteger(redRule.minScore) || redRule.minScore < 0 || redRule.minScore > 100)
    problems.push({ field: 'redRule.minScore', message: `a score bar is a whole number 0–100, not ${redRule.minScore}` });
  if (!Number.isInteger(blackRule.belowScore) || blackRule.belowScore < 0 || blackRule.belowScore > 100)
    problems.push({ field: 'blackRule.belowScore', message: `a score bar is a whole number 0–100, not ${blackRule.belowScore}` });
  else if (blackRule.belowScore > redRule.minScore)
    problems.push({
      field: 'blackRule.belowScore',
      message: `the black bar (${blackRule.belowScore}) is above the red bar (${redRule.minScore}): a company could be on both lists`,
    });
  if (!Number.isInteger(residentsVoice.weight) || residentsVoice.weight < 0 || residentsVoice.weight > 50)
    problems.push({ field: 'residentsVoice.weight', message: `the residents' voice weighs 0–50 points, not ${residentsVoice.weight}` });
  residentsVoice.categories.forEach((c, i) => {
    if (residentsVoice.categories.indexOf(c) !== i)
      problems.push({ field: `residentsVoice.categories.${i}`, message: `category ${c} appears twice` });
  });
  return problems;
}
