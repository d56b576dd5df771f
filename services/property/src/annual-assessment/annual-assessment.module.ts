import { defineModule, loadSchema, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateAnnualAssessment1764700000404 } from '../migrations/1764700000404-CreateAnnualAssessment';
import { RecordAnnualAssessmentSchemes1764800000400 } from '../migrations/1764800000400-RecordAnnualAssessmentSchemes';
import { PROPERTY_READERS } from '../property-company/property-company.module';
import { publishAnnualAssessment } from './annual-assessment.commands';
import { AnnualAssessment, AnnualAssessmentEntry } from './annual-assessment.entity';
import { annualAssessmentResolvers } from './annual-assessment.resolvers';

/** The annual comprehensive assessment and star ratings, published once. */
export const annualAssessmentModule = defineModule({
  name: 'annual-assessment',
  typeDefs: loadSchema(join(__dirname, 'annual-assessment.graphql')),
  resolvers: annualAssessmentResolvers as ServiceResolvers,
  commands: [publishAnnualAssessment],
  access: { 'Query.annualAssessment': PROPERTY_READERS },
  entities: [AnnualAssessment, AnnualAssessmentEntry],
  migrations: [CreateAnnualAssessment1764700000404, RecordAnnualAssessmentSchemes1764800000400],
  references: ['REGION'],
});
