import { maskName, maskPhone, parseInput, personalValue, type ResolverGroup, type SubgraphContext } from '@gg/shared';
import { loadGrid } from '../grid/grid.service';
import { mayRevealHousehold } from '../household/household.rules';
import type { GridStaff } from './grid-staff.entity';
import { appointGridStaffInput, endGridStaffAppointmentInput } from './grid-staff.rules';
import { appointGridStaff, endGridStaffAppointment, loadStaffOfGrid } from './grid-staff.service';

type RevealArgs = { reveal?: boolean | null };

/** Staff names and phones are personal information, shown whole to the same people as the ledger. */
function personal(
  context: SubgraphContext,
  staff: GridStaff,
  field: string,
  value: string | null,
  args: RevealArgs,
  mask: (v: string) => string,
) {
  return personalValue(context, { recordType: 'GridStaff', recordId: staff.id, regionCode: staff.regionCode }, field, value, {
    reveal: args.reveal ?? false,
    allowed: mayRevealHousehold(context.identity, staff),
    mask,
  });
}

export const gridStaffResolvers: ResolverGroup = {
  Mutation: {
    appointGridStaff: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
      appointGridStaff(context.dataSource, context.identity, parseInput(appointGridStaffInput, args.input)),
    endGridStaffAppointment: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
      endGridStaffAppointment(context.dataSource, context.identity, parseInput(endGridStaffAppointmentInput, args.input), new Date()),
  },
  Grid: {
    staff: (grid: { id: string }, args: { includeEnded?: boolean | null }, context: SubgraphContext) =>
      loadStaffOfGrid(context, grid.id, args.includeEnded ?? false),
  },
  GridStaff: {
    grid: (staff: GridStaff, _: unknown, context: SubgraphContext) => loadGrid(context, staff.gridId),
    name: (staff: GridStaff, args: RevealArgs, context: SubgraphContext) => personal(context, staff, 'name', staff.name, args, maskName),
    phone: (staff: GridStaff, args: RevealArgs, context: SubgraphContext) =>
      personal(context, staff, 'phone', staff.phone, args, maskPhone),
    hasAccount: (staff: GridStaff) => staff.subject !== null,
  },
};
