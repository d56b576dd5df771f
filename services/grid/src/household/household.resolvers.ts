import {
  maskAddress,
  maskName,
  maskPhone,
  maskResidentId,
  pageSize,
  parseInput,
  personalValue,
  type ResolverGroup,
  type SubgraphContext,
} from '@gg/shared';
import { loadGrid } from '../grid/grid.service';
import { loadUnit } from '../ten-household-unit/ten-household-unit.service';
import { loadVisits } from '../visit/visit.service';
import { HouseholdMember } from './household-member.entity';
import { Household } from './household.entity';
import { mayRevealHousehold, registerHouseholdInput } from './household.rules';
import {
  findMemberByResidentId,
  listGridPersonalDataAccesses,
  listHouseholds,
  loadHousehold,
  loadHouseholdsOfGrid,
  loadMembers,
  registerHousehold,
  residentIdOf,
} from './household.service';

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

export const householdResolvers: ResolverGroup = {
  Query: {
    household: (_: unknown, args: { id: string }, context: SubgraphContext) => loadHousehold(context, args.id),
    households: (_: unknown, args: { gridId: string; first?: number }, context: SubgraphContext) =>
      listHouseholds(context, args.gridId, pageSize(args.first)),
    householdMemberByResidentId: (_: unknown, args: { residentId: string }, context: SubgraphContext) =>
      findMemberByResidentId(context, args.residentId),
    gridPersonalDataAccesses: (
      _: unknown,
      args: { regionCode: string; since?: Date | null; until?: Date | null; first?: number },
      context: SubgraphContext,
    ) =>
      listGridPersonalDataAccesses(context, {
        regionCode: args.regionCode,
        since: args.since ?? undefined,
        until: args.until ?? undefined,
        first: pageSize(args.first),
      }),
  },
  Mutation: {
    registerHousehold: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
      registerHousehold(context, parseInput(registerHouseholdInput, args.input)),
  },
  Grid: {
    households: (grid: { id: string }, args: { first?: number }, context: SubgraphContext) =>
      loadHouseholdsOfGrid(context, grid.id, pageSize(args.first)),
  },
  Household: {
    __resolveReference: (reference: { id: string }, context: SubgraphContext) => loadHousehold(context, reference.id),
    // A visible household's grid is in the caller's scope: same community.
    grid: (household: Household, _: unknown, context: SubgraphContext) => loadGrid(context, household.gridId),
    address: (household: Household, args: RevealArgs, context: SubgraphContext) =>
      personal(context, householdRecord(household), 'address', household.address, args, maskAddress),
    members: (household: Household, _: unknown, context: SubgraphContext) => loadMembers(context, household.id),
    unit: (household: Household, _: unknown, context: SubgraphContext) => (household.unitId ? loadUnit(context, household.unitId) : null),
    visits: (household: Household, _: unknown, context: SubgraphContext) => loadVisits(context, household.id),
  },
  HouseholdMember: {
    household: (member: HouseholdMember, _: unknown, context: SubgraphContext) => loadHousehold(context, member.householdId),
    name: (member: HouseholdMember, args: RevealArgs, context: SubgraphContext) =>
      personal(context, memberRecord(member), 'name', member.name, args, maskName),
    phone: (member: HouseholdMember, args: RevealArgs, context: SubgraphContext) =>
      personal(context, memberRecord(member), 'phone', member.phone, args, maskPhone),
    // Decrypted to be masked or, once the read is audited, shown whole; the cipher never leaves.
    residentId: (member: HouseholdMember, args: RevealArgs, context: SubgraphContext) =>
      personal(context, memberRecord(member), 'residentId', residentIdOf(member), args, maskResidentId),
  },
};
