import { defineModule, loadSchema, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateEvaluationScheme1764700000400 } from '../migrations/1764700000400-CreateEvaluationScheme';
import { PROPERTY_READERS } from '../property-company/property-company.module';
import { defineEvaluationScheme } from './evaluation-scheme.commands';
import { EvaluationScheme } from './evaluation-scheme.entity';
import { evaluationSchemeResolvers } from './evaluation-scheme.resolvers';

/** A county's evaluation scheme per year, versioned and frozen once used. */
export const evaluationSchemeModule = defineModule({
  name: 'evaluation-scheme',
  typeDefs: loadSchema(join(__dirname, 'evaluation-scheme.graphql')),
  resolvers: evaluationSchemeResolvers as ServiceResolvers,
  commands: [defineEvaluationScheme],
  access: { 'Query.evaluationScheme': PROPERTY_READERS },
  entities: [EvaluationScheme],
  migrations: [CreateEvaluationScheme1764700000400],
  references: ['REGION'],
});
