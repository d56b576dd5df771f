import { defineStateMachine } from '@gg/shared';

// ─── Vocabulary ───────────────────────────────────────────────────────────────

/** What a property dispute is about. */
export const DISPUTE_CATEGORIES = ['FEES', 'SERVICE_QUALITY', 'REPAIRS', 'PARKING', 'PUBLIC_REVENUE', 'OWNERS_COMMITTEE', 'OTHER'] as const;
export type DisputeCategory = (typeof DISPUTE_CATEGORIES)[number];

/**
 * The bodies of "3+X" (物业纠纷多元化解): housing (住建), justice (司法) and the court (法院) are the three,
 * plus others (the community, the police station, market regulation, a named other body).
 */
export const MEDIATOR_KINDS = ['HOUSING', 'JUSTICE', 'COURT', 'COMMUNITY', 'PUBLIC_SECURITY', 'MARKET_REGULATION', 'OTHER'] as const;
export type MediatorKind = (typeof MEDIATOR_KINDS)[number];
export const CORE_MEDIATORS: readonly MediatorKind[] = ['HOUSING', 'JUSTICE', 'COURT'];

/** How a dispute ended. */
export const DISPUTE_OUTCOMES = [
  'AGREEMENT_REACHED',
  'JUDICIALLY_CONFIRMED',
  'NO_AGREEMENT',
  'REFERRED_TO_LITIGATION',
  'WITHDRAWN',
] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];
/** Outcomes that count as resolved by mediation in a company's record. */
export const MEDIATED_OUTCOMES: readonly DisputeOutcome[] = ['AGREEMENT_REACHED', 'JUDICIALLY_CONFIRMED'];

// ─── Lifecycle ────────────────────────────────────────────────────────────────

export const DISPUTE_STATUSES = ['FILED', 'MEDIATING', 'CLOSED'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
/** Statuses of a dispute still open (counted as open in a company's record and the region's figures). */
export const OPEN_DISPUTE_STATUSES: readonly DisputeStatus[] = ['FILED', 'MEDIATING'];

/** A dispute is filed, mediated by the "3+X" bodies, then closed with an outcome (a filed one may be withdrawn). */
export const disputeLifecycle = defineStateMachine({
  subject: 'property dispute',
  states: DISPUTE_STATUSES,
  transitions: {
    START_MEDIATION: { from: ['FILED'], to: 'MEDIATING', by: 'administrator', pastTense: 'taken to mediation' },
    CLOSE: { from: ['FILED', 'MEDIATING'], to: 'CLOSED', by: 'administrator' },
  },
  parties: { administrator: 'an administrator of the compound’s region' },
});
export type DisputeAction = keyof typeof disputeLifecycle.transitions;

// ─── Rules ────────────────────────────────────────────────────────────────────

export interface MediatorInput {
  kind: MediatorKind;
  body?: string | null;
}

/**
 * Why a set of mediating bodies is not a "3+X" panel, or undefined: housing, justice and the court each
 * take part, OTHER names its body, and no body is listed twice.
 */
export function mediatorsProblem(mediators: readonly MediatorInput[]): string | undefined {
  const missing = CORE_MEDIATORS.filter((kind) => !mediators.some((m) => m.kind === kind));
  if (missing.length) return `"3+X" mediation needs housing, justice and the court; missing ${missing.join(', ')}`;
  if (mediators.some((m) => m.kind === 'OTHER' && !m.body)) return 'a mediator of kind OTHER names its body';
  const keys = mediators.map((m) => `${m.kind}:${m.body ?? ''}`);
  const twice = keys.find((key, i) => keys.indexOf(key) !== i);
  if (twice) return `the mediator ${twice.replace(/:$/, '')} is listed twice`;
  return undefined;
}

/** Why a dispute in `status` cannot close with `outcome` on `closedOn`, or undefined. */
export function closingProblem(
  dispute: { status: DisputeStatus; filedOn: string },
  outcome: DisputeOutcome,
  closedOn: string,
): { field: 'outcome' | 'closedOn'; reason: string } | undefined {
  // Without mediation nothing was agreed or refused: a filed dispute can only be withdrawn.
  if (dispute.status === 'FILED' && outcome !== 'WITHDRAWN')
    return { field: 'outcome', reason: `a dispute closed before mediation started can only be WITHDRAWN, not ${outcome}` };
  // YYYY-MM-DD: string order is date order.
  if (closedOn < dispute.filedOn)
    return { field: 'closedOn', reason: `a dispute cannot close (${closedOn}) before it was filed (${dispute.filedOn})` };
  return undefined;
}
