import { defineModule, loadSchema, READERS, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreatePropertyCompany1763800003000 } from '../migrations/1763800003000-CreatePropertyCompany';
import { AnnouncePropertyCompanies1764500000400 } from '../migrations/1764500000400-AnnouncePropertyCompanies';
import { AddCompanyPartyOrganisation1764600000402 } from '../migrations/1764600000402-AddCompanyPartyOrganisation';
import { createPropertyCompany, linkCompanyPartyOrganisation } from './property-company.commands';
import { PropertyCompany } from './property-company.entity';
import { propertyCompanyResolvers } from './property-company.resolvers';

/** The housing bureau (a machine client) reads companies with their scores and lists, nothing else. */
export const PROPERTY_READERS = [...READERS, 'HOUSING_BUREAU'] as const;

/** Property companies (物业服务企业): registered under a known region, announced to the other services. */
export const propertyCompanyModule = defineModule({
  name: 'property-company',
  typeDefs: loadSchema(join(__dirname, 'property-company.graphql')),
  // Typed against this service's generated SDL types; the module map takes any service's resolvers.
  resolvers: propertyCompanyResolvers as ServiceResolvers,
  commands: [createPropertyCompany, linkCompanyPartyOrganisation],
  access: {
    'Query.propertyCompany': PROPERTY_READERS,
    'Query.propertyCompanies': PROPERTY_READERS,
    'Region.propertyCompanies': PROPERTY_READERS,
    PropertyCompany: PROPERTY_READERS,
  },
  entities: [PropertyCompany],
  migrations: [CreatePropertyCompany1763800003000, AnnouncePropertyCompanies1764500000400, AddCompanyPartyOrganisation1764600000402],
  references: ['REGION', 'PARTY_ORGANISATION'],
});
