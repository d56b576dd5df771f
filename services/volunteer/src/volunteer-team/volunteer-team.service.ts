import {
  ADMIN_ROLES,
  badInput,
  conflict,
  isUniqueViolation,
  loaderOf,
  requireRegionInScope,
  requireRole,
  scopedQuery,
  type Identity,
  type SubgraphContext,
} from '@gg/shared';
import type { DataSource } from 'typeorm';
import { VolunteerTeam } from './volunteer-team.entity';
import { isRegionPrefix, type CreateVolunteerTeamInput, type VolunteerTeamCategory } from './volunteer-team.rules';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Volunteer teams by id for one request, scoped, one statement per batch (also serves `_entities`). */
export function loadVolunteerTeam(context: SubgraphContext, id: string): Promise<VolunteerTeam | null> {
  return loaderOf<string, VolunteerTeam | null>(context, 'volunteer-team-by-id', async (ids) => {
    // A malformed id cannot match and would make Postgres reject the whole batch's uuid cast.
    const valid = ids.filter((id) => UUID.test(id));
    const rows = valid.length
      ? await scopedQuery(context.dataSource, VolunteerTeam, 't', context.identity).andWhere('t.id IN (:...ids)', { ids: valid }).getMany()
      : [];
    const byId = new Map(rows.map((r) => [r.id.toLowerCase(), r]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  }).load(id);
}

export interface VolunteerTeamFilter {
  /** Region code prefix: teams of this region and every region below it. */
  regionCode: string;
  category?: VolunteerTeamCategory;
  first: number;
}

/** Lists the teams the caller may see under a region prefix, ordered by name. */
export function listVolunteerTeams(context: SubgraphContext, filter: VolunteerTeamFilter): Promise<VolunteerTeam[]> {
  if (!isRegionPrefix(filter.regionCode)) throw badInput('regionCode', 'a region code is 2–12 digits');
  const query = scopedQuery(context.dataSource, VolunteerTeam, 't', context.identity)
    .andWhere('t.region_code LIKE :prefix', { prefix: `${filter.regionCode}%` })
    .orderBy('t.name')
    .addOrderBy('t.id')
    .limit(filter.first);
  if (filter.category) query.andWhere('t.category = :category', { category: filter.category });
  return query.getMany();
}

/** Creates a volunteer team in a community or street of the caller's scope; its name is unique there. */
export async function createVolunteerTeam(
  dataSource: DataSource,
  identity: Identity,
  input: CreateVolunteerTeamInput,
): Promise<VolunteerTeam> {
  requireRole(identity, ADMIN_ROLES, 'create volunteer teams');
  requireRegionInScope(identity, input.regionCode, 'create a volunteer team');
  try {
    return await dataSource.transaction((manager) =>
      manager.save(
        manager.create(VolunteerTeam, {
          name: input.name,
          category: input.category,
          regionCode: input.regionCode,
          skills: input.skills,
          description: input.description,
        }),
      ),
    );
  } catch (error) {
    // The unique index decides, not a prior read: two concurrent creates cannot both pass.
    if (isUniqueViolation(error))
      throw conflict(`Region ${input.regionCode} already has a volunteer team named ${input.name}`, 'input.name');
    throw error;
  }
}
