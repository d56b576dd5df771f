import { defineModule, loadSchema, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateEvaluationScore1764700000401 } from '../migrations/1764700000401-CreateEvaluationScore';
import { PROPERTY_READERS } from '../property-company/property-company.module';
import { correctEvaluationScore, recordEvaluationScores } from './inspection.commands';
import { EvaluationScore, EvaluationScoreRevision } from './inspection.entity';
import { inspectionResolvers } from './inspection.resolvers';

/** Monthly inspections and evaluators' scores per compound, criterion and month, corrections kept. */
export const inspectionModule = defineModule({
  name: 'inspection',
  typeDefs: loadSchema(join(__dirname, 'inspection.graphql')),
  resolvers: inspectionResolvers as ServiceResolvers,
  commands: [recordEvaluationScores, correctEvaluationScore],
  access: { 'Query.evaluationScores': PROPERTY_READERS },
  entities: [EvaluationScore, EvaluationScoreRevision],
  migrations: [CreateEvaluationScore1764700000401],
});
