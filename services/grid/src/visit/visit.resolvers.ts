import type { HouseholdResolvers, VisitResolvers } from '../generated/graphql';
import { loadCase } from '../case/case.queries';
import { loadGrid } from '../grid/grid.queries';
import { loadHousehold } from '../household/household.queries';
import { loadVisits } from './visit.queries';

export const visitResolvers = {
  Household: {
    visits: (household, _, context) => loadVisits(context, household.id),
  } satisfies HouseholdResolvers,
  Visit: {
    household: (visit, _, context) => loadHousehold(context, visit.householdId),
    grid: (visit, _, context) => loadGrid(context, visit.gridId),
    case: (visit, _, context) => (visit.caseId ? loadCase(context, visit.caseId) : null),
  } satisfies VisitResolvers,
};
