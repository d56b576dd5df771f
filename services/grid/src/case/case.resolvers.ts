import { maskName, personalValue } from '@gg/shared';
import type { CaseResolvers, CaseWhistleResolvers, QueryResolvers } from '../generated/graphql';
import { required } from '../common/required';
import { loadGrid } from '../grid/grid.queries';
import { mayRevealHousehold } from '../household/household.rules';
import { loadHousehold } from '../household/household.queries';
import { loadCasePolicy } from './case.policy';
import { listCases, listMyCases, listWhistles, loadCase, loadEscalations, loadEvents, loadWhistles } from './case.queries';
import { departmentOfAssignee } from '../whistle-list/whistle-list.rules';
import { isOverdue } from './case.rules';
import { whistleStatus, withdrawnInTime } from './case.whistle.rules';

export const caseResolvers = {
  Query: {
    case: (_, args, context) => loadCase(context, args.id),
    cases: (_, args, context) => listCases(context, args, new Date()),
    whistles: (_, args, context) => listWhistles(context, args, new Date()),
    myCases: (_, args, context) => listMyCases(context, args),
    casePolicy: (_, args, context) => loadCasePolicy(context, args.countyCode),
  } satisfies QueryResolvers,
  Case: {
    __resolveReference: (reference, context) => loadCase(context, reference.id),
    grid: (gridCase, _, context) => loadGrid(context, gridCase.gridId),
    // Null when the caller may not see the household (a gridworker of another grid, a department's
    // staff, a reporting-in Party member: `householdVisibility`).
    household: (gridCase, _, context) => (gridCase.householdId ? loadHousehold(context, gridCase.householdId) : null),
    region: (gridCase) => ({ code: gridCase.regionCode }),
    reporterName: (gridCase, args, context) =>
      required(
        personalValue(
          context,
          { recordType: 'Case', recordId: gridCase.id, regionCode: gridCase.regionCode },
          'reporterName',
          gridCase.reporterName,
          { reveal: args.reveal ?? false, allowed: mayRevealHousehold(context.identity, gridCase), mask: maskName },
        ),
        'reporterName',
      ),
    overdue: (gridCase) => isOverdue(gridCase, new Date()),
    // A department is no account: its cases show it in `assigneeDepartment`, not as a subject.
    assigneeSubject: (gridCase) => (departmentOfAssignee(gridCase.assigneeSubject) ? null : gridCase.assigneeSubject),
    assigneeDepartment: (gridCase) => {
      const id = departmentOfAssignee(gridCase.assigneeSubject);
      return id ? { id } : null;
    },
    // A resident reporter's name is personal data: the history shows it masked, as `reporterName`
    // (whole only there, revealed and audited), except to the reporter. Staff who acted keep theirs.
    events: async (gridCase, _, context) => {
      const events = await loadEvents(context, gridCase.id);
      if (gridCase.reporterKind === 'GRIDWORKER' || context.identity.subject === gridCase.reporterSubject) return events;
      return events.map((event) =>
        event.actorSubject === gridCase.reporterSubject ? { ...event, actorName: maskName(event.actorName) } : event,
      );
    },
    whistles: (gridCase, _, context) => loadWhistles(context, gridCase.id),
    escalations: (gridCase, _, context) => loadEscalations(context, gridCase.id),
  } satisfies CaseResolvers,
  CaseWhistle: {
    case: (whistle, _, context) => loadCase(context, whistle.caseId),
    answeredBy: (whistle) => whistle.answerer,
    department: (whistle) => (whistle.departmentId ? { id: whistle.departmentId } : null),
    departmentName: (whistle) => whistle.department,
    answered: (whistle) => whistle.answeredAt !== null,
    status: (whistle) => whistleStatus(whistle, new Date()),
    late: (whistle) =>
      whistle.answeredAt
        ? whistle.answeredAt.getTime() > whistle.answerBy.getTime()
        : !withdrawnInTime(whistle) && whistle.answerBy.getTime() < Date.now(),
    flagged: (whistle) => whistle.flaggedAt !== null,
  } satisfies CaseWhistleResolvers,
};
