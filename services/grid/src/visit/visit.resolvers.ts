import { parseInput, type ResolverGroup, type SubgraphContext } from '@gg/shared';
import { loadCase } from '../case/case.service';
import { loadGrid } from '../grid/grid.service';
import { loadHousehold } from '../household/household.service';
import type { Visit } from './visit.entity';
import { recordVisitInput } from './visit.rules';
import { recordVisit } from './visit.service';

export const visitResolvers: ResolverGroup = {
  Mutation: {
    recordVisit: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
      recordVisit(context, parseInput(recordVisitInput, args.input), new Date()),
  },
  Visit: {
    household: (visit: Visit, _: unknown, context: SubgraphContext) => loadHousehold(context, visit.householdId),
    grid: (visit: Visit, _: unknown, context: SubgraphContext) => loadGrid(context, visit.gridId),
    case: (visit: Visit, _: unknown, context: SubgraphContext) => (visit.caseId ? loadCase(context, visit.caseId) : null),
  },
};
