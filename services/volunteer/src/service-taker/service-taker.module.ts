import { defineModule, loadSchema, STAFF, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateServiceTaker1764700000350 } from '../migrations/1764700000350-CreateServiceTaker';
import { enrolServiceTaker } from './service-taker.commands';
import { ServiceTaker } from './service-taker.entity';
import { serviceTakerResolvers } from './service-taker.resolvers';

/** Service-order takers (接单人): Party members and volunteers by their volunteer record, household leaders by their household. */
export const serviceTakerModule = defineModule({
  name: 'service-taker',
  typeDefs: loadSchema(join(__dirname, 'service-taker.graphql')),
  // Typed against this service's generated SDL types; the module map takes any service's resolvers.
  resolvers: serviceTakerResolvers as ServiceResolvers,
  commands: [enrolServiceTaker],
  access: { 'Query.serviceTakers': STAFF },
  entities: [ServiceTaker],
  migrations: [CreateServiceTaker1764700000350],
  references: ['HOUSEHOLD'],
});
