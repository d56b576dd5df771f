import { defineStateMachine } from '@gg/shared';

export const DISTRIBUTION_STATES = ['DRAFTED', 'REVIEWED', 'APPROVED', 'POSTED'] as const;
export type DistributionStatus = (typeof DISTRIBUTION_STATES)[number];

/**
 * An annual distribution's lifecycle: drafted, reviewed, approved by someone other than its
 * drafter (four eyes), then posted to the ledger, once.
 */
export const distributionLifecycle = defineStateMachine({
  subject: 'distribution',
  states: DISTRIBUTION_STATES,
  transitions: {
    REVIEW: { from: ['DRAFTED'], to: 'REVIEWED', by: 'staff' },
    APPROVE: { from: ['REVIEWED'], to: 'APPROVED', by: 'secondPair' },
    POST: { from: ['APPROVED'], to: 'POSTED', by: 'staff' },
  },
  parties: {
    staff: 'an administrator of the organisation',
    secondPair: 'an administrator who did not draft it',
  },
});
export type DistributionAction = keyof typeof distributionLifecycle.transitions;
