import { defineModule, loadSchema, READERS, STAFF, WRITERS, type Resolvers as ServiceResolvers } from '@gg/shared';
import { Kind } from 'graphql';
import { join } from 'node:path';
import { CreateServiceOrder1764700000351 } from '../migrations/1764700000351-CreateServiceOrder';
import { ServiceOrderIdempotencyKey1764700000390 } from '../migrations/1764700000390-ServiceOrderIdempotencyKey';
import { ServiceOrderCredit1764800000300 } from '../migrations/1764800000300-ServiceOrderCredit';
import { serviceOrderCommands } from './service-order.commands';
import { ServiceOrder, ServiceOrderEvent, ServiceOrderFlag } from './service-order.entity';
import { serviceOrderOverdueJob, serviceOrderOverdueSchedule } from './service-order.jobs';
import { setServiceOrderPolicy } from './service-order.policy';
import { serviceOrderResolvers } from './service-order.resolvers';

/** The four orders (四单制): 群众点单、社区派单、党员/联户接单、群众评单, with the ranked match and the overdue job. */
export const serviceOrderModule = defineModule({
  name: 'service-order',
  // The order types and reads, and the inputs and mutations of its commands (one file would pass 300 lines).
  typeDefs: {
    kind: Kind.DOCUMENT,
    definitions: ['service-order.graphql', 'service-order.commands.graphql'].flatMap(
      (file) => loadSchema(join(__dirname, file)).definitions,
    ),
  },
  // Typed against this service's generated SDL types; the module map takes any service's resolvers.
  resolvers: serviceOrderResolvers as ServiceResolvers,
  commands: [...serviceOrderCommands, setServiceOrderPolicy],
  access: {
    'Query.serviceOrder': STAFF,
    'Query.serviceOrders': STAFF,
    'Query.myServiceOrders': READERS,
    'Query.myServiceTasks': READERS,
    'Query.serviceOrderCandidates': WRITERS,
    'Query.serviceOrderPolicy': READERS,
  },
  entities: [ServiceOrder, ServiceOrderEvent, ServiceOrderFlag],
  migrations: [CreateServiceOrder1764700000351, ServiceOrderIdempotencyKey1764700000390, ServiceOrderCredit1764800000300],
  jobs: [serviceOrderOverdueJob],
  schedules: [serviceOrderOverdueSchedule],
  references: ['REGION', 'GRID'],
});
