import type { AvailabilityPeriod } from '../volunteer/volunteer.rules';
import { skillKey } from '../volunteer-team/volunteer-team.rules';
import type { ServiceCategory } from './service-order.rules';

/**
 * The ranked match for dispatching (社区派单): who could take an order, best first, with the reasons
 * behind each score so the dispatcher sees why. Pure: the facts are read by the query, the ranking
 * is decided here.
 */

/** The skill words of each category; a taker's tag matches when it contains one (水电维修 ⊃ 维修). */
export const CATEGORY_SKILL_WORDS: Record<ServiceCategory, readonly string[]> = {
  ELDERLY_CARE: ['助老', '养老', '陪护', '照护', '老人', '助残', '护理'],
  REPAIR: ['维修', '水电', '家电', '电工', '管道', '修理'],
  HEALTH: ['健康', '医疗', '义诊', '血压', '急救', '康复'],
  ERRANDS: ['代办', '跑腿', '代购', '送餐', '代买'],
  CHILD_CARE: ['儿童', '辅导', '托管', '看护'],
  LEGAL_AID: ['法律', '调解', '维权', '政策'],
  COUNSELLING: ['心理', '疏导', '谈心'],
  ENVIRONMENT: ['环境', '卫生', '垃圾', '清洁', '河道', '绿化'],
  OTHER: [],
};

export type MatchFactor = 'SKILL' | 'DISTANCE' | 'LOAD' | 'RATING' | 'AVAILABILITY';
export type Proximity = 'SAME_GRID' | 'SAME_COMMUNITY' | 'SAME_STREET' | 'FARTHER';

export interface MatchReason {
  factor: MatchFactor;
  points: number;
  detail: string;
}

export interface OrderFacts {
  category: ServiceCategory;
  /** The order's community. */
  regionCode: string;
  gridId: string | null;
  /** The period the order was placed in (China time): the nearest stand-in for when the resident needs it. */
  period: AvailabilityPeriod;
}

export interface TakerFacts {
  takerId: string;
  regionCode: string;
  gridId: string | null;
  /** The taker's own tags, their volunteer record's skills and their teams' skills. */
  skills: readonly string[];
  /** When the taker's volunteer record says they can serve; empty when not stated (or not a volunteer). */
  availability: readonly AvailabilityPeriod[];
  /** Orders dispatched to or accepted by the taker and not yet done. */
  openOrders: number;
  ratingSum: number;
  ratingCount: number;
}

export interface RankedCandidate {
  takerId: string;
  rank: number;
  score: number;
  proximity: Proximity;
  matchedSkills: string[];
  openOrders: number;
  reasons: MatchReason[];
}

// ─── The weights, stated once ─────────────────────────────────────────────────

/** A matching skill counts most: 40 for the first matching tag, 5 more for each further one, up to 3. */
export const SKILL_POINTS = { first: 40, further: 5, counted: 3 } as const;
/** Nearer is better: the same grid, else the same community, else the same street. */
export const PROXIMITY_POINTS: Record<Proximity, number> = { SAME_GRID: 30, SAME_COMMUNITY: 20, SAME_STREET: 10, FARTHER: 0 };
/** Each open order costs 10 points, at most 50: busy people are asked last, never left out. */
export const LOAD_POINTS = { perOpenOrder: -10, floor: -50 } as const;
/**
 * Past ratings (1–5) move the score by up to ±20 around the middle mark 3. The average is smoothed
 * with two imaginary 3-star ratings, so one early 5 does not outrank a long record of 4s.
 */
export const RATING_POINTS = { perStar: 10, prior: 3, priorWeight: 2 } as const;
/** A taker who usually serves in the period the order was placed in earns 10; not stated or another period, 0. */
export const AVAILABILITY_POINTS = 10;

/** China keeps one time zone with no daylight saving: UTC+8. Daytime is 06:00–18:00, the rest is evening. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** The coarse period (China time) a moment falls in. */
export function periodOf(at: Date): AvailabilityPeriod {
  const local = new Date(at.getTime() + CHINA_OFFSET_MS);
  const day = local.getUTCDay();
  const hour = local.getUTCHours();
  const weekend = day === 0 || day === 6;
  const daytime = hour >= 6 && hour < 18;
  if (weekend) return daytime ? 'WEEKEND_DAYTIME' : 'WEEKEND_EVENING';
  return daytime ? 'WEEKDAY_DAYTIME' : 'WEEKDAY_EVENING';
}

export function matchedSkills(category: ServiceCategory, skills: readonly string[]): string[] {
  const words = CATEGORY_SKILL_WORDS[category];
  const seen = new Set<string>();
  return skills.filter((skill) => {
    const key = skillKey(skill);
    if (seen.has(key) || !words.some((word) => key.includes(word))) return false;
    seen.add(key);
    return true;
  });
}

export function proximityOf(order: OrderFacts, taker: Pick<TakerFacts, 'regionCode' | 'gridId'>): Proximity {
  if (order.gridId !== null && taker.gridId === order.gridId) return 'SAME_GRID';
  if (taker.regionCode === order.regionCode) return 'SAME_COMMUNITY';
  if (taker.regionCode.slice(0, 9) === order.regionCode.slice(0, 9)) return 'SAME_STREET';
  return 'FARTHER';
}

/** The smoothed average rating, or null when the taker has no rating yet. */
export function smoothedRating(sum: number, count: number): number | null {
  if (count === 0) return null;
  return (sum + RATING_POINTS.prior * RATING_POINTS.priorWeight) / (count + RATING_POINTS.priorWeight);
}

function skillReason(category: ServiceCategory, matched: string[]): MatchReason {
  if (matched.length === 0) return { factor: 'SKILL', points: 0, detail: `no skill tag matches ${category}` };
  const points = SKILL_POINTS.first + SKILL_POINTS.further * (Math.min(matched.length, SKILL_POINTS.counted) - 1);
  return { factor: 'SKILL', points, detail: `${matched.join(', ')} match${matched.length === 1 ? 'es' : ''} ${category}` };
}

const PROXIMITY_WORDS: Record<Proximity, string> = {
  SAME_GRID: "lives in the order's grid",
  SAME_COMMUNITY: "in the order's community",
  SAME_STREET: "in the order's street, another community",
  FARTHER: 'outside the street',
};

function loadReason(openOrders: number): MatchReason {
  const points = Math.max(LOAD_POINTS.floor, LOAD_POINTS.perOpenOrder * openOrders);
  return {
    factor: 'LOAD',
    points: points === 0 ? 0 : points,
    detail: openOrders === 0 ? 'no open orders' : `${openOrders} open order${openOrders === 1 ? '' : 's'}`,
  };
}

function availabilityReason(period: AvailabilityPeriod, availability: readonly AvailabilityPeriod[]): MatchReason {
  if (availability.length === 0) return { factor: 'AVAILABILITY', points: 0, detail: 'availability not stated' };
  if (availability.includes(period)) return { factor: 'AVAILABILITY', points: AVAILABILITY_POINTS, detail: `usually available ${period}` };
  return { factor: 'AVAILABILITY', points: 0, detail: `not usually available ${period} (${availability.join(', ')})` };
}

function ratingReason(sum: number, count: number): MatchReason {
  const average = smoothedRating(sum, count);
  if (average === null) return { factor: 'RATING', points: 0, detail: 'no ratings yet' };
  const points = Math.round((average - RATING_POINTS.prior) * RATING_POINTS.perStar);
  return {
    factor: 'RATING',
    points: points === 0 ? 0 : points,
    detail: `average ${(sum / count).toFixed(1)} over ${count} rated order${count === 1 ? '' : 's'}`,
  };
}

/**
 * Ranks the candidates for an order: the score is the sum of the five reasons' points. Ties are broken
 * deterministically: fewer open orders first, then the taker id (ascending), so the same facts always
 * give the same list.
 */
export function rankCandidates(order: OrderFacts, takers: readonly TakerFacts[]): RankedCandidate[] {
  const scored = takers.map((taker) => {
    const matched = matchedSkills(order.category, taker.skills);
    const proximity = proximityOf(order, taker);
    const reasons: MatchReason[] = [
      skillReason(order.category, matched),
      { factor: 'DISTANCE', points: PROXIMITY_POINTS[proximity], detail: PROXIMITY_WORDS[proximity] },
      loadReason(taker.openOrders),
      ratingReason(taker.ratingSum, taker.ratingCount),
      availabilityReason(order.period, taker.availability),
    ];
    return {
      takerId: taker.takerId,
      score: reasons.reduce((sum, r) => sum + r.points, 0),
      proximity,
      matchedSkills: matched,
      openOrders: taker.openOrders,
      reasons,
    };
  });
  scored.sort((a, b) => b.score - a.score || a.openOrders - b.openOrders || (a.takerId < b.takerId ? -1 : a.takerId > b.takerId ? 1 : 0));
  return scored.map((candidate, index) => ({ ...candidate, rank: index + 1 }));
}
