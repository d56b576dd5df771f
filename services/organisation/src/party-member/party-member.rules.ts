import { coversRegion, defineStateMachine, hasRole, type Identity } from '@gg/shared';

/** 党员先锋岗 (Tongzi): each member claims 1–2 posts and commits to 1–2 services. */
export const MAX_POSTS = 2;
export const MAX_SERVICE_COMMITMENTS = 2;

// ─── Double reporting (双报到) ─────────────────────────────────────────────────

export const DOUBLE_REPORT_STATUSES = ['REQUESTED', 'CONFIRMED', 'ASSIGNED', 'WITHDRAWN'] as const;
export type DoubleReportStatus = (typeof DOUBLE_REPORT_STATUSES)[number];
export type DoubleReportAction = 'CONFIRM' | 'ASSIGN' | 'WITHDRAW';

/**
 * The lifecycle of a double report, stated once: REQUESTED → CONFIRMED (the community checks the
 * certificate and letter) → ASSIGNED (a grid and a volunteer team); WITHDRAWN from any open status,
 * and nothing after it. The community reported to takes every step (its scope is checked first).
 */
export const doubleReportLifecycle = defineStateMachine({
  subject: 'double report',
  states: DOUBLE_REPORT_STATUSES,
  transitions: {
    CONFIRM: { from: ['REQUESTED'], to: 'CONFIRMED', by: 'community' },
    ASSIGN: { from: ['CONFIRMED'], to: 'ASSIGNED', by: 'community' },
    WITHDRAW: { from: ['REQUESTED', 'CONFIRMED', 'ASSIGNED'], to: 'WITHDRAWN', by: 'community' },
  },
  parties: { community: 'the staff of the community reported to' },
});

// ─── Who sees what ────────────────────────────────────────────────────────────

/**
 * True when the caller may see a member's personal information whole: community staff of the
 * member's organisation's region, who contact members. Administrators above the community and
 * gridworkers see masked values only (PIPL minimum necessary).
 */
export function mayRevealMember(identity: Identity, member: { regionCode: string }): boolean {
  return coversRegion(identity, member.regionCode) && hasRole(identity, 'COMMUNITY_STAFF');
}
