import { badInput, conflict, defineCommand, isUniqueViolation, requireReferences, WRITERS } from '@gg/shared';
import { CentralHouseholdLink } from './party-organisation.entity';
import { linkCentralHouseholdsInput } from './party-organisation.inputs';
import { organisationForWrite } from './party-organisation.queries';

/**
 * Sets the households a central household (党员中心户) serves, replacing the previous list: at most 30
 * (10–30 is the norm in Dafeng). Each household must be one the grid subgraph registered and in the
 * caller's scope (HOUSEHOLD references), so no dangling id is ever stored; a household already served
 * by another central household is a CONFLICT.
 */
export const linkCentralHouseholds = defineCommand({
  name: 'linkCentralHouseholds',
  input: linkCentralHouseholdsInput,
  roles: WRITERS,
  async run(input, { caller, manager }) {
    const organisation = await organisationForWrite(manager, caller, input.organisationId, 'input.organisationId', 'link households');
    if (organisation.level !== 'CENTRAL_HOUSEHOLD')
      throw badInput('input.organisationId', 'only a central household (党员中心户) links households');
    const householdIds = input.householdIds.map((id) => id.toLowerCase());
    await requireReferences(manager, 'HOUSEHOLD', householdIds, { field: 'input.householdIds', identity: caller });
    await manager.delete(CentralHouseholdLink, { organisationId: organisation.id });
    if (householdIds.length > 0) {
      try {
        await manager.insert(
          CentralHouseholdLink,
          householdIds.map((householdId) => ({ organisationId: organisation.id, householdId, regionCode: organisation.regionCode })),
        );
      } catch (error) {
        // The unique index decides, even against a concurrent link; the transaction rolls back whole.
        if (isUniqueViolation(error) && (error as { constraint?: string }).constraint === 'central_household_link_household_key') {
          throw conflict(
            'A household in the list is already served by another central household; unlink it there first',
            'input.householdIds',
          );
        }
        throw error;
      }
    }
    return organisation;
  },
});
