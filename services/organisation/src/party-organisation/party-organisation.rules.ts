export {
  PARTY_ORGANISATION_KINDS,
  PARTY_ORGANISATION_LEVELS,
  type PartyOrganisationKind,
  type PartyOrganisationLevel,
} from '../party-chain/party-chain.rules';
import type { PartyOrganisationKind } from '../party-chain/party-chain.rules';

/** Demonstration titles (示范党支部) a branch can hold, highest first. */
export const DEMONSTRATION_LEVELS = ['PROVINCIAL', 'MUNICIPAL', 'DISTRICT'] as const;
export type DemonstrationLevel = (typeof DEMONSTRATION_LEVELS)[number];

/** A central household links 10–30 households (Dafeng); more is refused, fewer is allowed while it fills up. */
export const MAX_CENTRAL_HOUSEHOLD_LINKS = 30;
export const USUAL_CENTRAL_HOUSEHOLD_LINKS = 10;

/**
 * Why a temporary branch cannot be dissolved on a date, or undefined when it can: it must be a
 * temporary branch, still active, dissolved no earlier than it was activated, and have no active
 * organisation under it (they would be left hanging from a dissolved branch).
 */
export function dissolutionProblem(
  branch: { kind: PartyOrganisationKind; activatedOn: string | null; dissolvedOn: string | null },
  dissolvedOn: string,
  activeChildren: number,
): { field: string; message: string } | undefined {
  if (branch.kind !== 'TEMPORARY')
    return { field: 'input.id', message: 'only a temporary branch is dissolved; regular organisations stay' };
  if (branch.dissolvedOn) return { field: 'input.id', message: `the branch was already dissolved on ${branch.dissolvedOn}` };
  if (branch.activatedOn && dissolvedOn < branch.activatedOn) {
    return { field: 'input.dissolvedOn', message: `a branch is dissolved on or after its activation (${branch.activatedOn})` };
  }
  if (activeChildren > 0)
    return {
      field: 'input.id',
      message: `${activeChildren} active organisation(s) still sit under the branch; dissolve or move them first`,
    };
  return undefined;
}
