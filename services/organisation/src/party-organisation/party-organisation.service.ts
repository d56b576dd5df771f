import {
  ADMIN_ROLES,
  badInput,
  loaderOf,
  requireRegionInScope,
  requireRole,
  scopedQuery,
  type Identity,
  type SubgraphContext,
} from '@gg/shared';
import type { DataSource } from 'typeorm';
import { Region } from '../region/region.entity';
import { PartyOrganisation } from './party-organisation.entity';
import { parentProblem, type CreatePartyOrganisationInput } from './party-organisation.rules';

/** Party organisations by id for one request, scoped, one statement per batch (also serves `_entities`). */
export function loadPartyOrganisation(context: SubgraphContext, id: string): Promise<PartyOrganisation | null> {
  return loaderOf<string, PartyOrganisation | null>(context, 'party-organisation-by-id', async (ids) => {
    const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    const rows = valid.length
      ? await scopedQuery(context.dataSource, PartyOrganisation, 'o', context.identity)
          .andWhere('o.id IN (:...ids)', { ids: valid })
          .getMany()
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }).load(id);
}

/** Children of organisations, scoped, batched by parent id. */
export function loadChildOrganisations(context: SubgraphContext, parentId: string): Promise<PartyOrganisation[]> {
  return loaderOf<string, PartyOrganisation[]>(context, 'party-organisation-children', async (parentIds) => {
    const rows = await scopedQuery(context.dataSource, PartyOrganisation, 'o', context.identity)
      .andWhere('o.parent_id IN (:...parentIds)', { parentIds })
      .orderBy('o.name')
      .getMany();
    return parentIds.map((id) => rows.filter((r) => r.parentId === id));
  }).load(parentId);
}

/** Creates a Party organisation in a region of the caller's scope, under a parent that can take it. */
export async function createPartyOrganisation(
  dataSource: DataSource,
  identity: Identity,
  input: CreatePartyOrganisationInput,
): Promise<PartyOrganisation> {
  requireRole(identity, ADMIN_ROLES, 'create Party organisations');
  requireRegionInScope(identity, input.regionCode, 'create a Party organisation');
  return dataSource.transaction(async (manager) => {
    const region = await manager.findOneBy(Region, { code: input.regionCode });
    if (!region) throw badInput('input.regionCode', `Region ${input.regionCode} does not exist`);
    const parent = input.parentId ? await manager.findOneBy(PartyOrganisation, { id: input.parentId }) : undefined;
    if (input.parentId && !parent) throw badInput('input.parentId', `Party organisation ${input.parentId} does not exist`);
    if (parent) requireRegionInScope(identity, parent.regionCode, 'attach to this parent');
    const problem = parentProblem(input, parent ?? undefined);
    if (problem) throw badInput('input.parentId', problem);
    return manager.save(
      manager.create(PartyOrganisation, {
        name: input.name,
        level: input.level,
        kind: input.kind,
        regionCode: input.regionCode,
        parentId: parent?.id ?? null,
      }),
    );
  });
}
