import { maskName, pageSize, parseInput, personalValue, type ResolverGroup, type SubgraphContext } from '@gg/shared';
import { loadGrid } from '../grid/grid.service';
import { mayRevealHousehold } from '../household/household.rules';
import { loadHousehold } from '../household/household.service';
import type { CaseWhistle, GridCase } from './case.entity';
import {
  answerWhistleInput,
  assignCaseInput,
  blowWhistleInput,
  caseTransitionInput,
  escalateCaseInput,
  isOverdue,
  rateCaseInput,
  rejectCaseInput,
  reportCaseInput,
  setCasePolicyInput,
  type CaseStatus,
} from './case.rules';
import {
  answerWhistle,
  blowWhistle,
  escalateCase,
  listCases,
  listMyCases,
  loadCase,
  loadCasePolicy,
  loadEscalations,
  loadEvents,
  loadWhistles,
  reportCase,
  setCasePolicy,
  transitionCase,
} from './case.service';

type Args = { input: unknown };
type Context = SubgraphContext;

export const caseResolvers: ResolverGroup = {
  Query: {
    case: (_: unknown, args: { id: string }, context: Context) => loadCase(context, args.id),
    cases: (
      _: unknown,
      args: { regionCode: string; gridId?: string | null; status?: CaseStatus | null; overdueOnly?: boolean | null; first?: number },
      context: Context,
    ) => listCases(context, { ...args, first: pageSize(args.first) }, new Date()),
    myCases: (_: unknown, args: { status?: CaseStatus | null; first?: number }, context: Context) =>
      listMyCases(context, { status: args.status, first: pageSize(args.first) }),
    casePolicy: (_: unknown, args: { countyCode: string }, context: Context) => loadCasePolicy(context, args.countyCode),
  },
  Mutation: {
    reportCase: (_: unknown, args: Args, context: Context) => reportCase(context, parseInput(reportCaseInput, args.input), new Date()),
    acceptCase: (_: unknown, args: Args, context: Context) =>
      transitionCase(context, 'ACCEPT', parseInput(caseTransitionInput, args.input), {}, new Date()),
    rejectCase: (_: unknown, args: Args, context: Context) => {
      const input = parseInput(rejectCaseInput, args.input);
      return transitionCase(context, 'REJECT', input, { reason: input.reason }, new Date());
    },
    assignCase: (_: unknown, args: Args, context: Context) => {
      const input = parseInput(assignCaseInput, args.input);
      return transitionCase(context, 'ASSIGN', input, input, new Date());
    },
    startCase: (_: unknown, args: Args, context: Context) =>
      transitionCase(context, 'START', parseInput(caseTransitionInput, args.input), {}, new Date()),
    resolveCase: (_: unknown, args: Args, context: Context) =>
      transitionCase(context, 'RESOLVE', parseInput(caseTransitionInput, args.input), {}, new Date()),
    rateCase: (_: unknown, args: Args, context: Context) => {
      const input = parseInput(rateCaseInput, args.input);
      return transitionCase(context, 'RATE', input, { rating: input.rating, comment: input.comment }, new Date());
    },
    reopenCase: (_: unknown, args: Args, context: Context) =>
      transitionCase(context, 'REOPEN', parseInput(caseTransitionInput, args.input), {}, new Date()),
    escalateCase: (_: unknown, args: Args, context: Context) =>
      escalateCase(context, parseInput(escalateCaseInput, args.input), new Date()),
    blowWhistle: (_: unknown, args: Args, context: Context) => blowWhistle(context, parseInput(blowWhistleInput, args.input), new Date()),
    answerWhistle: (_: unknown, args: Args, context: Context) =>
      answerWhistle(context, parseInput(answerWhistleInput, args.input), new Date()),
    setCasePolicy: (_: unknown, args: Args, context: Context) =>
      setCasePolicy(context, parseInput(setCasePolicyInput, args.input), new Date()),
  },
  Case: {
    __resolveReference: (reference: { id: string }, context: Context) => loadCase(context, reference.id),
    grid: (gridCase: GridCase, _: unknown, context: Context) => loadGrid(context, gridCase.gridId),
    // Null when the caller may not see the household (a gridworker of another grid).
    household: (gridCase: GridCase, _: unknown, context: Context) =>
      gridCase.householdId ? loadHousehold(context, gridCase.householdId) : null,
    region: (gridCase: GridCase) => ({ code: gridCase.regionCode }),
    reporterName: (gridCase: GridCase, args: { reveal?: boolean | null }, context: Context) =>
      personalValue(
        context,
        { recordType: 'Case', recordId: gridCase.id, regionCode: gridCase.regionCode },
        'reporterName',
        gridCase.reporterName,
        { reveal: args.reveal ?? false, allowed: mayRevealHousehold(context.identity, gridCase), mask: maskName },
      ),
    overdue: (gridCase: GridCase) => isOverdue(gridCase, new Date()),
    events: (gridCase: GridCase, _: unknown, context: Context) => loadEvents(context, gridCase.id),
    whistles: (gridCase: GridCase, _: unknown, context: Context) => loadWhistles(context, gridCase.id),
    escalations: (gridCase: GridCase, _: unknown, context: Context) => loadEscalations(context, gridCase.id),
  },
  CaseWhistle: {
    case: (whistle: CaseWhistle, _: unknown, context: Context) => loadCase(context, whistle.caseId),
    answered: (whistle: CaseWhistle) => whistle.answeredAt !== null,
    late: (whistle: CaseWhistle) =>
      whistle.answeredAt ? whistle.answeredAt.getTime() > whistle.answerBy.getTime() : whistle.answerBy.getTime() < Date.now(),
    flagged: (whistle: CaseWhistle) => whistle.flaggedAt !== null,
  },
};
