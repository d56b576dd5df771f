import { defineModule, loadSchema, STAFF, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { registerShareholder, transferShares } from './shareholder.commands';
import { Shareholder, ShareMovement } from './shareholder.entity';
import { shareholderResolvers } from './shareholder.resolvers';

/** Shareholders and their shares: issues and transfers as append-only movements, the register as of any day. */
export const shareholderModule = defineModule({
  name: 'shareholder',
  typeDefs: loadSchema(join(__dirname, 'shareholder.graphql')),
  resolvers: shareholderResolvers as ServiceResolvers,
  commands: [registerShareholder, transferShares],
  access: { 'Query.shareRegister': STAFF },
  entities: [Shareholder, ShareMovement],
});
