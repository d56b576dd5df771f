import { DateTimeScalar, defineService, loadSchema, READERS, WRITERS } from '@gg/shared';
import { join } from 'node:path';
import { seedPropertyDemo } from './demo';
import { CreatePropertyCompany1763800003000 } from './migrations/1763800003000-CreatePropertyCompany';
import { PropertyCompany } from './property-company/property-company.entity';
import { propertyCompanyResolvers } from './property-company/property-company.resolvers';

const PROPERTY_READERS = [...READERS, 'HOUSING_BUREAU'] as const;

/** The red property management subgraph (红色物业): property companies, and later compounds and their evaluation. */
export const propertyService = defineService({
  name: 'property',
  typeDefs: loadSchema(join(__dirname, '..', 'schema.graphql')),
  resolvers: {
    DateTime: DateTimeScalar,
    Query: { ...propertyCompanyResolvers.Query },
    Mutation: { ...propertyCompanyResolvers.Mutation },
    Region: propertyCompanyResolvers.Region!,
    PropertyCompany: propertyCompanyResolvers.PropertyCompany!,
  },
  access: {
    // The housing bureau (a machine client) reads companies with their scores and lists, nothing else.
    'Query.propertyCompany': PROPERTY_READERS,
    'Query.propertyCompanies': PROPERTY_READERS,
    'Region.propertyCompanies': PROPERTY_READERS,
    PropertyCompany: PROPERTY_READERS,
    'Mutation.createPropertyCompany': WRITERS,
  },
  foreignEntities: ['Region'],
  entities: [PropertyCompany],
  migrations: [CreatePropertyCompany1763800003000],
  jobs: [],
  schedules: [],
  seedDemo: seedPropertyDemo,
});
