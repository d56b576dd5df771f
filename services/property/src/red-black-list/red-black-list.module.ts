import { defineModule, loadSchema, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateRedBlackList1764700000405 } from '../migrations/1764700000405-CreateRedBlackList';
import { LinkSeriousViolationToFinding1764700000500 } from '../migrations/1764700000500-LinkSeriousViolationToFinding';
import { RecordRedBlackListSchemes1764800000470 } from '../migrations/1764800000470-RecordRedBlackListSchemes';
import { PROPERTY_READERS } from '../property-company/property-company.module';
import { correctRedBlackList, publishRedBlackList, recordSeriousViolation } from './red-black-list.commands';
import { RedBlackEntry, RedBlackList, SeriousViolation } from './red-black-list.entity';
import { redBlackListsJob, redBlackListsSchedule } from './red-black-list.jobs';
import { redBlackListResolvers } from './red-black-list.resolvers';

/** The half-yearly red-and-black list (红黑榜): published versions, never changed, corrections as new versions. */
export const redBlackListModule = defineModule({
  name: 'red-black-list',
  typeDefs: loadSchema(join(__dirname, 'red-black-list.graphql')),
  resolvers: redBlackListResolvers as ServiceResolvers,
  commands: [publishRedBlackList, correctRedBlackList, recordSeriousViolation],
  access: { 'Query.redBlackList': PROPERTY_READERS, 'Query.redBlackLists': PROPERTY_READERS },
  entities: [RedBlackList, RedBlackEntry, SeriousViolation],
  migrations: [CreateRedBlackList1764700000405, LinkSeriousViolationToFinding1764700000500, RecordRedBlackListSchemes1764800000470],
  jobs: [redBlackListsJob],
  schedules: [redBlackListsSchedule],
  references: ['REGION'],
});
