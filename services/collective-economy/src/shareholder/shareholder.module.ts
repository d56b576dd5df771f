import { defineModule, loadSchema, READERS, STAFF, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { registerShareholder, transferShares, updateShareholder } from './shareholder.commands';
import { Shareholder, ShareMovement } from './shareholder.entity';
import { shareholderResolvers } from './shareholder.resolvers';

/**
 * Shareholders as persons (personal fields masked and audited) and their shares: issues and
 * transfers as append-only movements, the register as of any day, a resident's own record.
 */
export const shareholderModule = defineModule({
  name: 'shareholder',
  typeDefs: loadSchema(join(__dirname, 'shareholder.graphql')),
  resolvers: shareholderResolvers as ServiceResolvers,
  commands: [registerShareholder, updateShareholder, transferShares],
  access: {
    'Query.shareRegister': STAFF,
    // Anyone may ask; what they get is decided per record (staff: their scope; others: their own account's).
    'Query.shareholder': READERS,
    'Query.myShareholdings': READERS,
  },
  entities: [Shareholder, ShareMovement],
});
