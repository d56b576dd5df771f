import {
  ADMIN_ROLES,
  conflict,
  isUniqueViolation,
  loadScopedById,
  requireRegionInScope,
  requireRole,
  scopedInRegion,
  type Identity,
  type SubgraphContext,
} from '@gg/shared';
import type { DataSource } from 'typeorm';
import { VolunteerTeam } from './volunteer-team.entity';
import { type CreateVolunteerTeamInput, type VolunteerTeamCategory } from './volunteer-team.rules';

/** Volunteer teams by id for one request, scoped, one statement per batch (also serves `_entities`). */
export function loadVolunteerTeam(context: SubgraphContext, id: string): Promise<VolunteerTeam | null> {
  return loadScopedById(context, VolunteerTeam, id);
}

export interface VolunteerTeamFilter {
  /** Region code prefix: teams of this region and every region below it. */
  regionCode: string;
  category?: VolunteerTeamCategory;
  first: number;
}

/** Lists the teams the caller may see under a region prefix, ordered by name. */
export function listVolunteerTeams(context: SubgraphContext, filter: VolunteerTeamFilter): Promise<VolunteerTeam[]> {
  const query = scopedInRegion(context, VolunteerTeam, 't', filter.regionCode).orderBy('t.name').addOrderBy('t.id').limit(filter.first);
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
