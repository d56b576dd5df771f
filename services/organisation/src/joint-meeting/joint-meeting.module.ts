import { defineModule, loadSchema, STAFF, type Resolvers } from '@gg/shared';
import { join } from 'node:path';
import { OneJointMeetingPerDay1764600000101 } from '../migrations/1764600000101-OneJointMeetingPerDay';
import { jointMeetingCommands } from './joint-meeting.commands';
import { JointMeeting, JointMeetingBody } from './joint-meeting.entity';
import { jointMeetingBodyFields, jointMeetingQueries } from './joint-meeting.resolvers';

/** Joint meetings (联席会议) of a county, street or community with their member units, and the meetings held. */
export const jointMeetingModule = defineModule({
  name: 'joint-meeting',
  typeDefs: loadSchema(join(__dirname, 'joint-meeting.graphql')),
  resolvers: { Query: jointMeetingQueries, JointMeetingBody: jointMeetingBodyFields } as unknown as Resolvers,
  commands: jointMeetingCommands,
  access: { 'Query.jointMeetingBodies': STAFF },
  // Tables created by CreateCadreLiaison1763800000500 (cadre-liaison module), an early migration kept as it landed.
  entities: [JointMeetingBody, JointMeeting],
  migrations: [OneJointMeetingPerDay1764600000101],
});
