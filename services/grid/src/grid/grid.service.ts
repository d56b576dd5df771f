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
import { Grid } from './grid.entity';
import { countyCodeOf, type CreateGridInput } from './grid.rules';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Grids by id for one request, scoped, one statement per batch (also serves `_entities`). */
export function loadGrid(context: SubgraphContext, id: string): Promise<Grid | null> {
  return loaderOf<string, Grid | null>(context, 'grid-by-id', async (ids) => {
    // A malformed id cannot exist; filtering it here keeps Postgres from failing the whole batch.
    const valid = ids.filter((id) => UUID.test(id));
    const rows = valid.length
      ? await scopedQuery(context.dataSource, Grid, 'g', context.identity).andWhere('g.id IN (:...ids)', { ids: valid }).getMany()
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }).load(id);
}

/** Lists grids in the caller's scope under a region code prefix, ordered by grid code. */
export function listGrids(dataSource: DataSource, identity: Identity, regionCode: string, first: number): Promise<Grid[]> {
  if (!/^\d{2,12}$/.test(regionCode)) throw badInput('regionCode', 'a region code is 2–12 digits');
  return scopedQuery(dataSource, Grid, 'g', identity)
    .andWhere('g.region_code LIKE :prefix', { prefix: `${regionCode}%` })
    .orderBy('g.code')
    .addOrderBy('g.id')
    .take(first)
    .getMany();
}

/** Creates a grid in a community of the caller's scope, under a unified code still free in its county. */
export async function createGrid(dataSource: DataSource, identity: Identity, input: CreateGridInput): Promise<Grid> {
  requireRole(identity, ADMIN_ROLES, 'create grids');
  requireRegionInScope(identity, input.regionCode, 'create a grid');
  const countyCode = countyCodeOf(input.regionCode);
  try {
    return await dataSource.transaction((manager) =>
      manager.save(
        manager.create(Grid, {
          regionCode: input.regionCode,
          countyCode,
          code: input.code,
          name: input.name,
          kind: input.kind,
          dedicatedType: input.dedicatedType ?? null,
          households: input.households ?? null,
          serviceRadiusMinutes: input.serviceRadiusMinutes ?? null,
        }),
      ),
    );
  } catch (error) {
    // The unique index decides, not a prior read: two concurrent creates cannot both pass it.
    if (isUniqueViolation(error)) throw conflict(`County ${countyCode} already has a grid with code ${input.code}`, 'input.code');
    throw error;
  }
}
