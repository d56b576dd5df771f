/**
 * The residents' voice (群众评价) of a compound for a period, from the cases residents filed on it
 * through the grid: how many property complaints, and the share resolved in time. A complaint still
 * open before its deadline is pending: it is left out of the share until decided, and said so.
 */

export interface Complaint {
  category: string;
  deadlineAt: Date;
  resolvedAt: Date | null;
  /** As the grid decided when the case was resolved; null while unresolved. */
  inTime: boolean | null;
}

export interface ResidentsVoice {
  /** Property complaints filed on the compound in the period (categories of the scheme). */
  complaints: number;
  resolved: number;
  resolvedInTime: number;
  /** Open and not yet past their deadline when computed: not counted in the share. */
  pending: number;
  /** resolvedInTime / (complaints − pending); null when nothing is decided. */
  shareResolvedInTime: number | null;
  /** 0–100: the share × 100, or 100 when no complaint was filed; null when every complaint is still pending. */
  score: number | null;
  /** The arithmetic in words. */
  explanation: string;
}

/** The residents' voice of complaints already filtered to the compound, period and property categories. */
export function residentsVoice(complaints: readonly Complaint[], now: Date): ResidentsVoice {
  const resolved = complaints.filter((c) => c.resolvedAt !== null);
  const resolvedInTime = resolved.filter((c) => c.inTime === true).length;
  const pending = complaints.filter((c) => c.resolvedAt === null && c.deadlineAt > now).length;
  const decided = complaints.length - pending;
  const share = decided > 0 ? resolvedInTime / decided : null;
  const counts = { complaints: complaints.length, resolved: resolved.length, resolvedInTime, pending, shareResolvedInTime: share };
  if (complaints.length === 0) return { ...counts, score: 100, explanation: 'no property complaint filed: 100.00' };
  if (share === null)
    return {
      ...counts,
      score: null,
      explanation: `${complaints.length} complaint(s), all still pending before their deadline: not scored yet`,
    };
  const score = Math.round(share * 10000) / 100;
  const late = decided - resolvedInTime;
  return {
    ...counts,
    score,
    explanation: `${resolvedInTime} of ${decided} decided complaint(s) resolved in time (${late} late or overdue${pending ? `, ${pending} pending left out` : ''}) × 100 = ${score.toFixed(2)}`,
  };
}
