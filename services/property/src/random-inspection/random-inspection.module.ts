import { defineModule, loadSchema, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateRandomInspection1764700000460 } from '../migrations/1764700000460-CreateRandomInspection';
import { PROPERTY_READERS } from '../property-company/property-company.module';
import { drawRandomInspection, publishRandomInspectionDraw, recordInspectionFinding } from './random-inspection.commands';
import { RandomInspectionDraw, RandomInspectionFinding } from './random-inspection.entity';
import { randomInspectionResolvers } from './random-inspection.resolvers';

/** Random inspections (双随机一公开): reproducible seeded draws of companies and inspectors, published, with findings. */
export const randomInspectionModule = defineModule({
  name: 'random-inspection',
  typeDefs: loadSchema(join(__dirname, 'random-inspection.graphql')),
  resolvers: randomInspectionResolvers as ServiceResolvers,
  commands: [drawRandomInspection, publishRandomInspectionDraw, recordInspectionFinding],
  // Published draws are public (一公开): every reader of the county; unpublished ones are filtered in the queries.
  access: {
    'Query.randomInspectionDraw': PROPERTY_READERS,
    'Query.randomInspectionDraws': PROPERTY_READERS,
    'PropertyCompany.inspectionFindings': PROPERTY_READERS,
    RandomInspectionDraw: PROPERTY_READERS,
  },
  entities: [RandomInspectionDraw, RandomInspectionFinding],
  migrations: [CreateRandomInspection1764700000460],
  references: ['REGION'],
});
