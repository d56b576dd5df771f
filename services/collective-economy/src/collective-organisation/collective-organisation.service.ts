import {
  ADMIN_ROLES,
  badInput,
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
import { CollectiveOrganisation } from './collective-organisation.entity';
import { foundedOnProblem, todayInChina, type CreateCollectiveOrganisationInput } from './collective-organisation.rules';

/** Collective organisations by id for one request, scoped, one statement per batch (also serves `_entities`). */
export function loadCollectiveOrganisation(context: SubgraphContext, id: string): Promise<CollectiveOrganisation | null> {
  return loadScopedById(context, CollectiveOrganisation, id);
}

/** Lists the collective organisations in a region's subtree that the caller may see, by name. */
export function listCollectiveOrganisations(
  context: SubgraphContext,
  regionCode: string,
  first: number,
): Promise<CollectiveOrganisation[]> {
  return scopedInRegion(context, CollectiveOrganisation, 'o', regionCode).orderBy('o.name').addOrderBy('o.id').limit(first).getMany();
}

/** Registers a collective economy organisation in a community of the caller's scope, its name unique there. */
export async function createCollectiveOrganisation(
  dataSource: DataSource,
  identity: Identity,
  input: CreateCollectiveOrganisationInput,
  today: string = todayInChina(new Date()),
): Promise<CollectiveOrganisation> {
  requireRole(identity, ADMIN_ROLES, 'register collective economy organisations');
  requireRegionInScope(identity, input.regionCode, 'register a collective economy organisation');
  const problem = foundedOnProblem(input.foundedOn, today);
  if (problem) throw badInput('input.foundedOn', problem);
  try {
    return await dataSource.transaction((manager) =>
      manager.save(
        manager.create(CollectiveOrganisation, {
          name: input.name,
          regionCode: input.regionCode,
          foundedOn: input.foundedOn,
          businessLines: input.businessLines,
          registeredCapitalFen: input.registeredCapitalFen,
        }),
      ),
    );
  } catch (error) {
    // The unique index decides, not a prior SELECT: two concurrent registrations cannot both pass.
    if (isUniqueViolation(error))
      throw conflict(`A collective organisation named ${input.name} already exists in community ${input.regionCode}`, 'input.name');
    throw error;
  }
}
