import { CONNECTION_TYPE_DEFS, composeService, DateTimeScalar, loadSchema, personalDataAuditModule } from '@gg/shared';
import { Kind } from 'graphql';
import { join } from 'node:path';
import { activityModule } from './activity/activity.module';
import { seedVolunteerDemo } from './demo';
import { microWishModule } from './micro-wish/micro-wish.module';
import { merchantModule } from './merchant/merchant.module';
import { serviceOrderModule } from './service-order/service-order.module';
import { serviceTakerModule } from './service-taker/service-taker.module';
import { timeBankModule } from './time-bank/time-bank.module';
import { volunteerTeamModule } from './volunteer-team/volunteer-team.module';
import { volunteerStatsModule } from './volunteer-stats/volunteer-stats.module';
import { volunteerModule } from './volunteer/volunteer.module';

const serviceSdl = loadSchema(join(__dirname, '..', 'schema.graphql'));

/** The volunteer subgraph (志愿服务): teams, volunteers, activities, micro-wishes and the time bank. */
export const volunteerService = composeService({
  name: 'volunteer',
  typeDefs: { kind: Kind.DOCUMENT, definitions: [...serviceSdl.definitions, ...CONNECTION_TYPE_DEFS.definitions] },
  resolvers: {
    DateTime: DateTimeScalar,
    // This subgraph holds no region rows: the key is all it needs to resolve the fields it adds.
    Region: { __resolveReference: (reference: { code: string }) => reference },
  },
  modules: [
    volunteerTeamModule,
    volunteerModule,
    timeBankModule,
    activityModule,
    microWishModule,
    personalDataAuditModule('volunteerPersonalDataAccesses', 'registered volunteers'),
    serviceTakerModule,
    serviceOrderModule,
    merchantModule,
    volunteerStatsModule,
  ],
  foreignEntities: ['Region'],
  seedDemo: seedVolunteerDemo,
});
