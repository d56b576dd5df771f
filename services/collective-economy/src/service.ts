import {
  CONNECTION_TYPE_DEFS,
  composeService,
  DateScalar,
  DateTimeScalar,
  loadSchema,
  MoneyScalar,
  personalDataAuditModule,
} from '@gg/shared';
import { Kind } from 'graphql';
import { join } from 'node:path';
import { capitalModule } from './capital/capital.module';
import { collectiveOrganisationModule } from './collective-organisation/collective-organisation.module';
import { collectiveStatsModule } from './collective-stats/collective-stats.module';
import { seedCollectiveEconomyDemo } from './demo';
import { distributionModule } from './distribution/distribution.module';
import { leaseModule } from './lease/lease.module';
import { ledgerModule } from './ledger/ledger.module';
import { shareholderModule } from './shareholder/shareholder.module';

const serviceSdl = loadSchema(join(__dirname, '..', 'schema.graphql'));

/** The community collective economy subgraph (社区集体经济): collective organisations of communities. */
export const collectiveEconomyService = composeService({
  name: 'collective-economy',
  typeDefs: { kind: Kind.DOCUMENT, definitions: [...serviceSdl.definitions, ...CONNECTION_TYPE_DEFS.definitions] },
  resolvers: {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    Money: MoneyScalar,
    // This subgraph keeps no regions: every field it adds is computed from the key.
    Region: { __resolveReference: (reference: { code: string }) => reference },
  },
  modules: [
    collectiveOrganisationModule,
    ledgerModule,
    shareholderModule,
    distributionModule,
    personalDataAuditModule('collectiveEconomyPersonalDataAccesses', 'shareholders'),
    capitalModule,
    leaseModule,
    collectiveStatsModule,
  ],
  foreignEntities: ['Region'],
  seedDemo: seedCollectiveEconomyDemo,
});
