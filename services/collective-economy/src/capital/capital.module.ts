import { defineModule, loadSchema, STAFF, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateCapitalsAndLeases1764700000600 } from '../migrations/1764700000600-CreateCapitalsAndLeases';
import { guardClose, guardReversal } from '../ledger/ledger.guards';
import { FixedAssetsInTheBooks1764800000601 } from '../migrations/1764800000601-FixedAssetsInTheBooks';
import { assetOnClose, assetOnReversal } from './capital.books';
import { postDepreciation, recordCapitalChange, registerCapital } from './capital.commands';
import { Capital, CapitalChange, CapitalPosting } from './capital.entity';
import { capitalDepreciationJob, capitalDepreciationSchedule } from './capital.jobs';
import { setDepreciationPolicy } from './capital.policy';
import { capitalResolvers } from './capital.resolvers';

// The entry of an asset's posting is not reversed by hand (the ledger folder does not import capitals).
guardReversal(assetOnReversal);
// A period is not closed while an asset's depreciation of it is not posted.
guardClose(assetOnClose);

/** The three capitals (三资): funds, assets and resources, their registers and append-only histories, depreciation per county. */
export const capitalModule = defineModule({
  name: 'capital',
  typeDefs: loadSchema(join(__dirname, 'capital.graphql')),
  resolvers: capitalResolvers as ServiceResolvers,
  commands: [registerCapital, recordCapitalChange, postDepreciation, setDepreciationPolicy],
  access: {
    'Query.capital': STAFF,
    'Query.capitalRegister': STAFF,
    'Query.depreciationPolicy': STAFF,
    Capital: STAFF,
  },
  entities: [Capital, CapitalChange, CapitalPosting],
  migrations: [CreateCapitalsAndLeases1764700000600, FixedAssetsInTheBooks1764800000601],
  jobs: [capitalDepreciationJob],
  schedules: [capitalDepreciationSchedule],
});
