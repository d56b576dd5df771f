import { defineModule, loadSchema, STAFF } from '@gg/shared';
import { Kind } from 'graphql';
import { join } from 'node:path';
import { CreateCases1763800001400 } from '../migrations/1763800001400-CreateCases';
import { MoveCasePolicyToCountySettings1764500000201 } from '../migrations/1764500000201-MoveCasePolicyToCountySettings';
import { WhistlesToDepartments1764700000200 } from '../migrations/1764700000200-WhistlesToDepartments';
import { AddWhistleNote1764700000170 } from '../migrations/1764700000170-AddWhistleNote';
import { AddCaseCompound1764700000250 } from '../migrations/1764700000250-AddCaseCompound';
import { AddWhistleWithdrawnAt1764800000200 } from '../migrations/1764800000200-AddWhistleWithdrawnAt';
import { REPORTERS, reportCase } from './case.commands';
import { CaseEscalation, CaseEvent, CaseWhistle, GridCase } from './case.entity';
import { caseDeadlinesJob, caseDeadlinesSchedule } from './case.jobs';
import { setCasePolicy } from './case.policy';
import { caseResolvers } from './case.resolvers';
import { acceptCase, assignCase, escalateCase, rateCase, rejectCase, reopenCase, resolveCase, startCase } from './case.transitions';
import { answerWhistle, blowWhistle } from './case.whistles';

/** Residents' cases from report to close (上报 → 受理 → 派单 → 办理 → 办结 → 评单), escalation and whistles. */
export const caseModule = defineModule({
  name: 'case',
  // The case types, its reads, the inputs and mutations of its commands, and the whistles' list (one file would pass 300 lines).
  typeDefs: {
    kind: Kind.DOCUMENT,
    definitions: ['case.graphql', 'case.queries.graphql', 'case.commands.graphql', 'case.whistles.graphql'].flatMap(
      (file) => loadSchema(join(__dirname, file)).definitions,
    ),
  },
  resolvers: caseResolvers,
  commands: [
    reportCase,
    acceptCase,
    rejectCase,
    assignCase,
    startCase,
    resolveCase,
    rateCase,
    reopenCase,
    escalateCase,
    blowWhistle,
    answerWhistle,
    setCasePolicy,
  ],
  access: {
    // Cases are read by staff; the reporter acts on their own case through the mutations.
    // Department staff read the cases whistled or assigned to their department (`visible` in case.queries).
    // Reporting-in Party members read the cases behind their community's Party-member whistles.
    'Query.case': [...STAFF, 'DEPARTMENT_STAFF', 'PARTY_MEMBER'],
    'Query.cases': STAFF,
    // Staff follow the whistles of their region, scoped like `cases`; those who answer use `myWhistles`.
    'Query.whistles': STAFF,
    // A reporter follows their own cases; the query returns only theirs.
    'Query.myCases': REPORTERS,
    'Query.casePolicy': STAFF,
    Case: [...STAFF, 'DEPARTMENT_STAFF', 'PARTY_MEMBER'],
  },
  entities: [GridCase, CaseEvent, CaseEscalation, CaseWhistle],
  migrations: [
    CreateCases1763800001400,
    MoveCasePolicyToCountySettings1764500000201,
    AddWhistleNote1764700000170,
    WhistlesToDepartments1764700000200,
    AddCaseCompound1764700000250,
    AddWhistleWithdrawnAt1764800000200,
  ],
  jobs: [caseDeadlinesJob],
  schedules: [caseDeadlinesSchedule],
  // Whistles and assignments name departments the organisation service announced; reporting-in Party
  // members (its DoubleReportAssigned events) answer the community's Party-member whistles; a case may
  // name a residential compound of the property service.
  references: ['DEPARTMENT', 'REPORTING_IN_MEMBER', 'COMPOUND'],
});
