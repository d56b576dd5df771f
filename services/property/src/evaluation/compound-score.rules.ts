import type { CountySchemeRules, EvaluatorKind } from './evaluation-scheme.rules';
import { quarterlyScore, roundScore, type EvaluatorLine, type ScoreInput } from './quarterly-score.rules';
import type { ResidentsVoice } from './residents-voice.rules';

/**
 * A compound's quarterly score under a county scheme: the evaluators' weighted score and the residents'
 * voice, weighted (100 − w) : w by the scheme. Every input, weight and step is kept so the score
 * explains itself; a missing input (an evaluator's criterion never scored, or a voice still pending
 * when weighed) makes the score null and is listed, never counted as zero.
 */

export interface MissingInput {
  kind: 'EVALUATOR_SCORE' | 'RESIDENTS_VOICE';
  evaluatorKind: EvaluatorKind | null;
  criterionKey: string | null;
  description: string;
}

export interface VoiceLine extends ResidentsVoice {
  weight: number;
  /** weight × score / 100; null when not weighed or missing. */
  contribution: number | null;
}

export interface CompoundScoreExplanation {
  evaluators: EvaluatorLine[];
  /** The evaluators' part alone (before the residents' voice), rounded; null when an input is missing. */
  evaluatorScore: number | null;
  residentsVoice: VoiceLine;
  arithmetic: string;
}

export interface CompoundScore {
  score: number | null;
  missing: MissingInput[];
  explanation: CompoundScoreExplanation;
}

const fixed = (value: number | null) => (value === null ? 'missing' : value.toFixed(2));

export function compoundScore(scheme: CountySchemeRules, inputs: readonly ScoreInput[], voice: ResidentsVoice): CompoundScore {
  const evaluated = quarterlyScore(scheme, inputs);
  const missing: MissingInput[] = evaluated.missing.map((m) => ({
    kind: 'EVALUATOR_SCORE',
    evaluatorKind: m.evaluatorKind,
    criterionKey: m.criterionKey,
    description: `${m.evaluatorKind} gave no score of ${m.criterionKey} in the quarter`,
  }));
  const w = scheme.residentsVoice.weight;
  if (w > 0 && voice.score === null)
    missing.push({ kind: 'RESIDENTS_VOICE', evaluatorKind: null, criterionKey: null, description: voice.explanation });
  const evaluatorScore = evaluated.score;
  const voiceLine: VoiceLine = { ...voice, weight: w, contribution: w > 0 && voice.score !== null ? (w * voice.score) / 100 : null };
  let score: number | null = null;
  let arithmetic: string;
  if (w === 0) {
    score = evaluatorScore;
    arithmetic = `evaluators: ${evaluated.arithmetic}; residents' voice (not weighed, weight 0): ${voice.explanation}`;
  } else {
    if (missing.length === 0) score = roundScore(((100 - w) * evaluatorScore! + w * voice.score!) / 100);
    const total = missing.length === 0 ? ` = ${fixed(score)}` : `: not computed, ${missing.length} input(s) missing`;
    arithmetic = `${100 - w}% × ${fixed(evaluatorScore)} (evaluators) + ${w}% × ${fixed(voice.score)} (residents' voice)${total}; evaluators: ${evaluated.arithmetic}; residents' voice: ${voice.explanation}`;
  }
  return {
    score,
    missing,
    explanation: { evaluators: evaluated.evaluators, evaluatorScore, residentsVoice: voiceLine, arithmetic },
  };
}

/**
 * A company's quarterly score: the mean of the scores of the compounds it managed on the quarter's last
 * day. Any of them without a score leaves the company without one (listed), so a company cannot rise by
 * a compound that went unscored.
 */
export function companyScore(compounds: ReadonlyArray<{ compoundId: string; score: number | null }>): {
  score: number | null;
  missingCompounds: string[];
  arithmetic: string;
} {
  const missingCompounds = compounds.filter((c) => c.score === null).map((c) => c.compoundId);
  if (compounds.length === 0) return { score: null, missingCompounds, arithmetic: 'no compound managed on the last day of the quarter' };
  if (missingCompounds.length)
    return {
      score: null,
      missingCompounds,
      arithmetic: `${missingCompounds.length} of ${compounds.length} compound(s) without a score: not computed`,
    };
  const sum = compounds.reduce((s, c) => s + c.score!, 0);
  const score = roundScore(sum / compounds.length);
  return {
    score,
    missingCompounds,
    arithmetic: `(${compounds.map((c) => c.score!.toFixed(2)).join(' + ')}) ÷ ${compounds.length} = ${score.toFixed(2)}`,
  };
}
