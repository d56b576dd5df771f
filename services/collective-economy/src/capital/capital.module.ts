import { defineModule, loadSchema, STAFF, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateCapitalsAndLeases1764700000600 } from '../migrations/1764700000600-CreateCapitalsAndLeases';
import { recordCapitalChange, registerCapital } from './capital.commands';
import { Capital, CapitalChange } from './capital.entity';
import { setDepreciationPolicy } from './capital.policy';
import { capitalResolvers } from './capital.resolvers';

/** The three capitals (三资): funds, assets and resources, their registers and append-only histories, depreciation per county. */
export const capitalModule = defineModule({
  name: 'capital',
  typeDefs: loadSchema(join(__dirname, 'capital.graphql')),
  resolvers: capitalResolvers as ServiceResolvers,
  commands: [registerCapital, recordCapitalChange, setDepreciationPolicy],
  access: {
    'Query.capital': STAFF,
    'Query.capitalRegister': STAFF,
    'Query.depreciationPolicy': STAFF,
    Capital: STAFF,
  },
  entities: [Capital, CapitalChange],
  migrations: [CreateCapitalsAndLeases1764700000600],
});
