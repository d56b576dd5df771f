/**
 * How a double report's assignment is suggested (双报到: where the member serves). Stated once, here:
 *
 * - Where they live: a grid or team in the member's own community scores 30, elsewhere in their street
 *   20, elsewhere in their county 10 (nothing outside the county is suggested).
 * - Skills, for teams: each skill the member offers that is one of the team's skills (trimmed, Latin
 *   case ignored) scores 10; each team skill the member's wish mentions scores 5; the team's category
 *   scores 5 once when a word of it (CATEGORY_WORDS) appears in the member's skills or wish.
 * - Higher scores first; equal scores keep the candidates' given order (the query sorts them by id).
 *
 * Every point comes with its reason, so the community staff see why a grid or team ranks where it does.
 */
export const PROXIMITY_POINTS = { COMMUNITY: 30, STREET: 20, COUNTY: 10 } as const;
export const SHARED_SKILL_POINTS = 10;
export const WISHED_SKILL_POINTS = 5;
export const CATEGORY_POINTS = 5;

/**
 * Words that say a skill or wish fits a team category (the volunteer subgraph's categories: Liupanshui's
 * five colours, Tianzhu's five service lines). A category without words here is matched by skills only.
 */
export const CATEGORY_WORDS: Record<string, readonly string[]> = {
  RED: ['宣讲', '党建', '理论', '政策', '红色'],
  GREEN: ['环保', '环境', '绿化', '垃圾', '卫生'],
  BLUE: ['应急', '救援', '消防', '安全', '防汛'],
  WHITE: ['医疗', '健康', '义诊', '护理', '急救'],
  GOLD: ['助老', '敬老', '关爱', '帮扶', '助残'],
  ENVIRONMENT: ['环保', '环境', '绿化', '垃圾', '卫生'],
  EMPLOYMENT: ['就业', '招聘', '培训', '创业', '技能'],
  CARE: ['助老', '关爱', '探访', '陪伴', '维修', '帮扶'],
  SAFETY_FIRE: ['消防', '安全', '巡逻', '应急', '防火'],
  CULTURE: ['文艺', '文化', '书法', '舞蹈', '读书', '教育'],
};

/** What the member offers: where they live (their community's code), skills and wish. */
export interface MemberOffer {
  communityCode: string;
  skills: readonly string[];
  wish: string | null;
}

/** A grid or team that could be suggested: its region, and for a team what it does when known. */
export interface Candidate {
  id: string;
  regionCode: string;
  category?: string | null;
  skills?: readonly string[] | null;
}

export interface Suggestion {
  id: string;
  rank: number;
  score: number;
  reasons: string[];
}

const REGION_PREFIX: Record<keyof typeof PROXIMITY_POINTS, number> = { COMMUNITY: 12, STREET: 9, COUNTY: 6 };
const skillKey = (skill: string) => skill.trim().toLowerCase();

/** The nearest level at which a candidate shares the member's region, or undefined when outside their county. */
export function proximityOf(communityCode: string, regionCode: string): keyof typeof PROXIMITY_POINTS | undefined {
  return (['COMMUNITY', 'STREET', 'COUNTY'] as const).find((level) => {
    const length = REGION_PREFIX[level];
    return regionCode.length >= length && regionCode.slice(0, length) === communityCode.slice(0, length);
  });
}

const WHERE: Record<keyof typeof PROXIMITY_POINTS, string> = {
  COMMUNITY: "in the member's own community",
  STREET: "in the member's street",
  COUNTY: "in the member's county",
};

/** A candidate's score and reasons (undefined when it is outside the member's county). */
export function scoreCandidate(offer: MemberOffer, candidate: Candidate): Omit<Suggestion, 'rank'> | undefined {
  const proximity = proximityOf(offer.communityCode, candidate.regionCode);
  if (!proximity) return undefined;
  const reasons = [`+${PROXIMITY_POINTS[proximity]}: ${WHERE[proximity]} (${candidate.regionCode})`];
  let score: number = PROXIMITY_POINTS[proximity];
  const teamSkills = candidate.skills ?? [];
  const teamKeys = new Set(teamSkills.map(skillKey));
  for (const skill of offer.skills) {
    if (teamKeys.has(skillKey(skill))) {
      score += SHARED_SKILL_POINTS;
      reasons.push(`+${SHARED_SKILL_POINTS}: the member's skill ${skill.trim()} is one of the team's`);
    }
  }
  const wish = offer.wish?.toLowerCase() ?? '';
  for (const skill of teamSkills) {
    if (wish && wish.includes(skillKey(skill))) {
      score += WISHED_SKILL_POINTS;
      reasons.push(`+${WISHED_SKILL_POINTS}: the member's wish mentions the team's ${skill.trim()}`);
    }
  }
  if (candidate.category) {
    const words = CATEGORY_WORDS[candidate.category] ?? [];
    const said = [...offer.skills, offer.wish ?? ''].join(' ');
    const word = words.find((w) => said.includes(w));
    if (word) {
      score += CATEGORY_POINTS;
      reasons.push(`+${CATEGORY_POINTS}: ${word} fits a ${candidate.category} team`);
    }
  }
  return { id: candidate.id, score, reasons };
}

/** Candidates ranked by score (1 = best), equal scores in the given order; those outside the county left out. */
export function rankCandidates(offer: MemberOffer, candidates: readonly Candidate[], limit: number): Suggestion[] {
  return candidates
    .map((candidate, index) => ({ scored: scoreCandidate(offer, candidate), index }))
    .filter((c): c is { scored: Omit<Suggestion, 'rank'>; index: number } => c.scored !== undefined)
    .sort((a, b) => b.scored.score - a.scored.score || a.index - b.index)
    .slice(0, limit)
    .map((c, i) => ({ ...c.scored, rank: i + 1 }));
}
