import { defineModule, loadSchema, STAFF, type Resolvers } from '@gg/shared';
import { join } from 'node:path';
import { registerTwoNewEntity } from './two-new.commands';
import { TwoNewEntity } from './two-new.entity';
import { twoNewEntityFields, twoNewQueries } from './two-new.resolvers';

/** Non-public enterprises and social organisations (两新组织) and the Party organisations covering them. */
export const twoNewModule = defineModule({
  name: 'two-new',
  typeDefs: loadSchema(join(__dirname, 'two-new.graphql')),
  resolvers: { Query: twoNewQueries, TwoNewEntity: twoNewEntityFields } as unknown as Resolvers,
  commands: [registerTwoNewEntity],
  access: { 'Query.twoNewEntities': STAFF },
  // The table was created by ExtendPartyChain1763800000300 (party-organisation module), kept as it landed.
  entities: [TwoNewEntity],
});
