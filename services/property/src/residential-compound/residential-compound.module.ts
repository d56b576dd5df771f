import { defineModule, loadSchema, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateResidentialCompound1764600000401 } from '../migrations/1764600000401-CreateResidentialCompound';
import { PROPERTY_READERS } from '../property-company/property-company.module';
import { changeCompoundManagement, electOwnersCommittee, registerResidentialCompound } from './residential-compound.commands';
import { CompoundManagementPeriod, OwnersCommittee, OwnersCommitteeMember, ResidentialCompound } from './residential-compound.entity';
import { residentialCompoundResolvers } from './residential-compound.resolvers';

/** Residential compounds (小区): in a community and grid (checked references), their management history and owners' committees. */
export const residentialCompoundModule = defineModule({
  name: 'residential-compound',
  typeDefs: loadSchema(join(__dirname, 'residential-compound.graphql')),
  resolvers: residentialCompoundResolvers as ServiceResolvers,
  commands: [registerResidentialCompound, changeCompoundManagement, electOwnersCommittee],
  access: {
    'Query.residentialCompound': PROPERTY_READERS,
    'Query.residentialCompounds': PROPERTY_READERS,
    'Region.residentialCompounds': PROPERTY_READERS,
    'PropertyCompany.compounds': PROPERTY_READERS,
    ResidentialCompound: PROPERTY_READERS,
  },
  entities: [ResidentialCompound, CompoundManagementPeriod, OwnersCommittee, OwnersCommitteeMember],
  migrations: [CreateResidentialCompound1764600000401],
  references: ['REGION', 'GRID'],
});
