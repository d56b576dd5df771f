import { maskName, maskPhone, personalValue, type SubgraphContext } from '@gg/shared';
import type { GridResolvers, GridStaffResolvers } from '../generated/graphql';
import { required } from '../common/required';
import { loadGrid } from '../grid/grid.queries';
import { mayRevealHousehold } from '../household/household.rules';
import type { GridStaff } from './grid-staff.entity';
import { loadStaffOfGrid } from './grid-staff.queries';

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

export const gridStaffResolvers = {
  Grid: {
    staff: (grid, args, context) => loadStaffOfGrid(context, grid.id, args.includeEnded ?? false),
  } satisfies GridResolvers,
  GridStaff: {
    grid: (staff, _, context) => loadGrid(context, staff.gridId),
    name: (staff, args, context) => required(personal(context, staff, 'name', staff.name, args, maskName), 'name'),
    phone: (staff, args, context) => personal(context, staff, 'phone', staff.phone, args, maskPhone),
    hasAccount: (staff) => staff.subject !== null,
  } satisfies GridStaffResolvers,
};
