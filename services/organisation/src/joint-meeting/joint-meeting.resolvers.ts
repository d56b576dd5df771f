import { pageSize, parseInput, type ResolverGroup, type SubgraphContext } from '@gg/shared';
import { yearInput } from '../cadre-liaison/cadre-liaison.rules';
import { loadRegion } from '../region/region.service';
import { JointMeetingBody } from './joint-meeting.entity';
import { createJointMeetingBodyInput, recordJointMeetingInput } from './joint-meeting.rules';
import { createJointMeetingBody, listJointMeetingBodies, loadMeetings, loadTotals, recordJointMeeting } from './joint-meeting.service';

type Input = { input: unknown };
const year = (value: unknown) => parseInput(yearInput, value, 'year');

export const jointMeetingResolvers: ResolverGroup = {
  Query: {
    jointMeetingBodies: (_: unknown, args: { regionCode: string; first?: number }, context: SubgraphContext) =>
      listJointMeetingBodies(context, args.regionCode, pageSize(args.first)),
  },
  Mutation: {
    createJointMeetingBody: (_: unknown, args: Input, context: SubgraphContext) =>
      createJointMeetingBody(context, parseInput(createJointMeetingBodyInput, args.input)),
    recordJointMeeting: (_: unknown, args: Input, context: SubgraphContext) =>
      recordJointMeeting(context, parseInput(recordJointMeetingInput, args.input)),
  },
  JointMeetingBody: {
    region: (body: JointMeetingBody, _: unknown, context: SubgraphContext) => loadRegion(context, body.regionCode),
    meetings: (body: JointMeetingBody, args: { year: number }, context: SubgraphContext) => loadMeetings(context, body.id, year(args.year)),
    totals: (body: JointMeetingBody, args: { year: number }, context: SubgraphContext) => loadTotals(context, body.id, year(args.year)),
  },
};
