import { defineModule, loadSchema, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateQuarterlyEvaluation1764700000403 } from '../migrations/1764700000403-CreateQuarterlyEvaluation';
import { PROPERTY_READERS } from '../property-company/property-company.module';
import { requestQuarterlyEvaluation } from './quarterly-evaluation.commands';
import { CompanyQuarterScore, CompoundQuarterScore, QuarterlyEvaluationRun } from './quarterly-evaluation.entity';
import { quarterlyEvaluationJob, quarterlyEvaluationsJob, quarterlyEvaluationsSchedule } from './quarterly-evaluation.jobs';
import { quarterlyEvaluationResolvers } from './quarterly-evaluation.resolvers';

/** The quarterly evaluation (季度考评): compound and company scores per county and quarter, explained. */
export const quarterlyEvaluationModule = defineModule({
  name: 'quarterly-evaluation',
  typeDefs: loadSchema(join(__dirname, 'quarterly-evaluation.graphql')),
  resolvers: quarterlyEvaluationResolvers as ServiceResolvers,
  commands: [requestQuarterlyEvaluation],
  access: {
    'Query.quarterlyEvaluationRun': PROPERTY_READERS,
    'Query.compoundQuarterScore': PROPERTY_READERS,
    'Query.compoundQuarterScores': PROPERTY_READERS,
    'Query.companyQuarterScores': PROPERTY_READERS,
  },
  entities: [QuarterlyEvaluationRun, CompoundQuarterScore, CompanyQuarterScore],
  migrations: [CreateQuarterlyEvaluation1764700000403],
  jobs: [quarterlyEvaluationJob, quarterlyEvaluationsJob],
  schedules: [quarterlyEvaluationsSchedule],
  references: ['REGION'],
});
