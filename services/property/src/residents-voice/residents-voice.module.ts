import { defineModule, loadSchema, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateCompoundComplaint1764700000402 } from '../migrations/1764700000402-CreateCompoundComplaint';
import { caseReopenedConsumer, caseReportedConsumer, caseResolvedConsumer } from './residents-voice.consumers';
import { CompoundComplaint } from './residents-voice.entity';
import { residentsVoiceResolvers } from './residents-voice.resolvers';

/** The residents' voice: the grid's cases on compounds, counted per compound and period. */
export const residentsVoiceModule = defineModule({
  name: 'residents-voice',
  typeDefs: loadSchema(join(__dirname, 'residents-voice.graphql')),
  resolvers: residentsVoiceResolvers as ServiceResolvers,
  entities: [CompoundComplaint],
  migrations: [CreateCompoundComplaint1764700000402],
  consumers: [caseReportedConsumer, caseResolvedConsumer, caseReopenedConsumer],
});
