import { parseInput } from '@gg/shared';
import { yearInput } from '../common/year';
import type { JointMeetingBodyResolvers, QueryResolvers } from '../generated/graphql';
import { loadRegion } from '../region/region.queries';
import { jointMeetingBodiesConnection, loadMeetings, loadTotals } from './joint-meeting.queries';

const year = (value: unknown) => parseInput(yearInput, value, 'year');

export const jointMeetingQueries: QueryResolvers = {
  jointMeetingBodies: (_, args, context) => jointMeetingBodiesConnection(context, args),
};

export const jointMeetingBodyFields: JointMeetingBodyResolvers = {
  region: async (body, _, context) => (await loadRegion(context, body.regionCode))!,
  meetings: (body, args, context) => loadMeetings(context, body.id, year(args.year)),
  totals: (body, args, context) => loadTotals(context, body.id, year(args.year)),
};
