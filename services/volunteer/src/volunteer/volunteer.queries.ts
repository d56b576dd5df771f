import {
  badInput,
  isUuid,
  paginate,
  scopedQuery,
  timestampKey,
  type Connection,
  type ConnectionArgs,
  type SubgraphContext,
} from '@gg/shared';
import { Volunteer } from './volunteer.entity';

/** A page of volunteers (the type the generated resolver types map `VolunteerConnection` to). */
export type VolunteerPage = Connection<Volunteer>;

/** A team's volunteers the caller may see, by joining time then id, in one statement. */
export function teamVolunteers(context: SubgraphContext, teamId: string, args: ConnectionArgs): Promise<VolunteerPage> {
  if (!isUuid(teamId)) throw badInput('teamId', 'teamId is not a team id');
  const query = scopedQuery(context.dataSource, Volunteer, 'v', context.identity).andWhere('v.team_id = :teamId', { teamId });
  return paginate(query, args, [
    timestampKey<Volunteer>('v.joined_at', 'ASC', (v) => v.joinedAt),
    { column: 'v.id', direction: 'ASC', value: (v) => v.id },
  ]);
}
