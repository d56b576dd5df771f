import { defineModule, loadSchema, STAFF, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreatePropertyDispute1764700000450 } from '../migrations/1764700000450-CreatePropertyDispute';
import { closePropertyDispute, filePropertyDispute, startDisputeMediation } from './property-dispute.commands';
import { PropertyDispute, PropertyDisputeMediator, PropertyDisputeStep } from './property-dispute.entity';
import { propertyDisputeResolvers } from './property-dispute.resolvers';

/** Disputes are between residents and companies: staff and the housing bureau read them, residents do not. */
export const DISPUTE_READERS = [...STAFF, 'HOUSING_BUREAU'] as const;

/** Property disputes (物业纠纷多元化解, "3+X"): filed on compounds, mediated, closed; counted in the company's record. */
export const propertyDisputeModule = defineModule({
  name: 'property-dispute',
  typeDefs: loadSchema(join(__dirname, 'property-dispute.graphql')),
  resolvers: propertyDisputeResolvers as ServiceResolvers,
  commands: [filePropertyDispute, startDisputeMediation, closePropertyDispute],
  access: {
    'Query.propertyDispute': DISPUTE_READERS,
    'Query.propertyDisputes': DISPUTE_READERS,
    'PropertyCompany.disputes': DISPUTE_READERS,
    'PropertyCompany.disputeCounts': DISPUTE_READERS,
    PropertyDispute: DISPUTE_READERS,
  },
  entities: [PropertyDispute, PropertyDisputeMediator, PropertyDisputeStep],
  migrations: [CreatePropertyDispute1764700000450],
});
