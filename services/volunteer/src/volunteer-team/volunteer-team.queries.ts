import {
  loadScopedById,
  loadSubtreeConnection,
  paginate,
  regionSubtreeCondition,
  type Connection,
  type ConnectionArgs,
  type SortKey,
  type SubgraphContext,
} from '@gg/shared';
import { VolunteerTeam } from './volunteer-team.entity';
import type { VolunteerTeamFilter } from './volunteer-team.inputs';

/** A page of teams (the type the generated resolver types map `VolunteerTeamConnection` to). */
export type VolunteerTeamPage = Connection<VolunteerTeam>;

/** Teams are listed by name; the id breaks ties, so every team has one place in the list. */
const BY_NAME: ReadonlyArray<SortKey<VolunteerTeam>> = [
  { column: 't.name', direction: 'ASC', value: (t) => t.name },
  { column: 't.id', direction: 'ASC', value: (t) => t.id },
];

/** Volunteer teams by id for one request, scoped, one statement per batch (also serves `_entities`). */
export function loadVolunteerTeam(context: SubgraphContext, id: string): Promise<VolunteerTeam | null> {
  return loadScopedById(context, VolunteerTeam, id);
}

/** A page of the teams the caller may see under a region prefix, by name, in one statement. */
export function listVolunteerTeams(
  context: SubgraphContext,
  filter: VolunteerTeamFilter,
  args: ConnectionArgs,
): Promise<VolunteerTeamPage> {
  const region = regionSubtreeCondition('t.region_code', filter.regionCode, context.identity);
  // The subtree predicate holds the caller's scope too: one condition, the form an index can use.
  const query = context.dataSource.getRepository(VolunteerTeam).createQueryBuilder('t').where(region.sql, region.params);
  if (filter.category) query.andWhere('t.category = :category', { category: filter.category });
  return paginate(query, args, BY_NAME);
}

/** `Region.volunteerTeams`: a page per region, for a batch of regions in one statement. */
export function regionVolunteerTeams(context: SubgraphContext, regionCode: string, args: ConnectionArgs): Promise<VolunteerTeamPage> {
  return loadSubtreeConnection(context, VolunteerTeam, regionCode, { orderBy: 'name', args });
}
