import {
  ADMIN_ROLES,
  badInput,
  conflict,
  isUniqueViolation,
  loaderOf,
  pageSize,
  requireRegionInScope,
  requireRole,
  scopedQuery,
  type Identity,
  type SubgraphContext,
} from '@gg/shared';
import type { DataSource } from 'typeorm';
import { CollectiveOrganisation } from './collective-organisation.entity';
import { foundedOnProblem, todayInChina, type CreateCollectiveOrganisationInput } from './collective-organisation.rules';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Collective organisations by id for one request, scoped, one statement per batch (also serves `_entities`). */
export function loadCollectiveOrganisation(context: SubgraphContext, id: string): Promise<CollectiveOrganisation | null> {
  return loaderOf<string, CollectiveOrganisation | null>(context, 'collective-organisation-by-id', async (ids) => {
    // An id that is not a UUID cannot exist; sending it would make Postgres fail the whole batch.
    const valid = ids.filter((id) => UUID.test(id));
    const rows = valid.length
      ? await scopedQuery(context.dataSource, CollectiveOrganisation, 'o', context.identity)
          .andWhere('o.id IN (:...ids)', { ids: valid })
          .getMany()
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }).load(id);
}

/** Lists the collective organisations in a region's subtree that the caller may see, by name. */
export function listCollectiveOrganisations(
  dataSource: DataSource,
  identity: Identity,
  regionCode: string,
  first: number | undefined,
): Promise<CollectiveOrganisation[]> {
  if (!/^\d{2,12}$/.test(regionCode)) throw badInput('regionCode', 'a region code is 2–12 digits');
  return scopedQuery(dataSource, CollectiveOrganisation, 'o', identity)
    .andWhere('o.region_code LIKE :prefix', { prefix: `${regionCode}%` })
    .orderBy('o.name')
    .addOrderBy('o.id')
    .take(pageSize(first))
    .getMany();
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
