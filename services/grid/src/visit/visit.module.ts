import { defineModule, loadSchema } from '@gg/shared';
import { join } from 'node:path';
import { recordVisit } from './visit.commands';
import { Visit } from './visit.entity';
import { visitResolvers } from './visit.resolvers';

/** Gridworkers' visits to households (敲门行动), which can raise a case on the doorstep. */
export const visitModule = defineModule({
  name: 'visit',
  typeDefs: loadSchema(join(__dirname, 'visit.graphql')),
  resolvers: visitResolvers,
  commands: [recordVisit],
  entities: [Visit],
});
