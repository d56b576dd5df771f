import { maskAddress, maskName, maskPhone, maskResidentId, personalValue, type SubgraphContext } from '@gg/shared';
import type { GridResolvers, HouseholdMemberResolvers, HouseholdResolvers, QueryResolvers } from '../generated/graphql';
import { required } from '../common/required';
import { loadGrid } from '../grid/grid.queries';
import type { HouseholdMember } from './household-member.entity';
import type { Household } from './household.entity';
import { listLedgerChanges, loadLedgerHistory } from './household-ledger.queries';
import { mayRevealHousehold } from './household.rules';
import { findMemberByResidentId, householdsOfGrid, listHouseholds, loadHousehold, loadMembers, residentIdOf } from './household.queries';

type RevealArgs = { reveal?: boolean | null };

/** A personal field of a household or member: masked, or whole when asked for and allowed, audited either way. */
function personal(
  context: SubgraphContext,
  record: { recordType: 'Household' | 'HouseholdMember'; recordId: string; regionCode: string; gridId: string },
  field: string,
  value: string | null,
  args: RevealArgs,
  mask: (value: string) => string,
): Promise<string | null> {
  return personalValue(context, record, field, value, {
    reveal: args.reveal ?? false,
    allowed: mayRevealHousehold(context.identity, record),
    mask,
  });
}

const householdRecord = (h: Household) => ({
  recordType: 'Household' as const,
  recordId: h.id,
  regionCode: h.regionCode,
  gridId: h.gridId,
});
const memberRecord = (m: HouseholdMember) => ({
  recordType: 'HouseholdMember' as const,
  recordId: m.id,
  regionCode: m.regionCode,
  gridId: m.gridId,
});

export const householdResolvers = {
  Query: {
    household: (_, args, context) => loadHousehold(context, args.id),
    households: (_, args, context) => listHouseholds(context, args.gridId, args),
    householdMemberByResidentId: (_, args, context) => findMemberByResidentId(context, args.residentId),
    householdLedgerChanges: (_, args, context) => listLedgerChanges(context, args),
  } satisfies QueryResolvers,
  Grid: {
    households: (grid, args, context) => householdsOfGrid(context, grid.id, args),
  } satisfies GridResolvers,
  Household: {
    __resolveReference: (reference, context) => loadHousehold(context, reference.id),
    // A visible household's grid is in the caller's scope: same community.
    grid: (household, _, context) => required(loadGrid(context, household.gridId), `Grid ${household.gridId}`),
    address: (household, args, context) =>
      required(personal(context, householdRecord(household), 'address', household.address, args, maskAddress), 'address'),
    members: (household, _, context) => loadMembers(context, household.id),
    ledgerHistory: (household, _, context) => loadLedgerHistory(context, household.id),
  } satisfies HouseholdResolvers,
  HouseholdMember: {
    household: (member, _, context) => required(loadHousehold(context, member.householdId), `Household ${member.householdId}`),
    name: (member, args, context) => required(personal(context, memberRecord(member), 'name', member.name, args, maskName), 'name'),
    phone: (member, args, context) => personal(context, memberRecord(member), 'phone', member.phone, args, maskPhone),
    // Decrypted to be masked or, once the read is audited, shown whole; the cipher never leaves.
    residentId: (member, args, context) =>
      required(personal(context, memberRecord(member), 'residentId', residentIdOf(member), args, maskResidentId), 'residentId'),
  } satisfies HouseholdMemberResolvers,
};
