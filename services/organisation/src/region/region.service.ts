import {
  badInput,
  conflict,
  groupByKey,
  isUniqueViolation,
  loaderOf,
  requireRegionInScope,
  type Identity,
  type SubgraphContext,
} from '@gg/shared';
import type { DataSource } from 'typeorm';
import { Region } from './region.entity';
import { levelOfCode, parentCodeOf, regionVisible, type AddRegionInput, type RegionLevel } from './region.rules';

/** SQL condition for regions a caller may see: inside a scope, or an ancestor of one. */
function visibleCondition(identity: Identity) {
  return {
    sql: `(r.code LIKE ANY(:inside) OR r.code = ANY(:ancestors))`,
    params: {
      inside: identity.regionScopes.map((s) => `${s}%`),
      ancestors: identity.regionScopes.flatMap((s) => [2, 4, 6, 9].filter((n) => n < s.length).map((n) => s.slice(0, n))),
    },
  };
}

/** Regions by code for one request, batched: one statement per batch (also serves `_entities`). */
export function loadRegion(context: SubgraphContext, code: string): Promise<Region | null> {
  return loaderOf<string, Region | null>(context, 'region-by-code', async (codes) => {
    const visible = codes.filter((c) => regionVisible(c, context.identity.regionScopes));
    const rows = visible.length
      ? await context.dataSource.getRepository(Region).createQueryBuilder('r').where('r.code IN (:...codes)', { codes: visible }).getMany()
      : [];
    const byCode = new Map(rows.map((r) => [r.code, r]));
    return codes.map((c) => byCode.get(c) ?? null);
  }).load(code);
}

/** Visible children of regions, batched by parent code. */
export function loadChildren(context: SubgraphContext, code: string): Promise<Region[]> {
  return loaderOf<string, Region[]>(context, 'region-children', async (codes) => {
    const condition = visibleCondition(context.identity);
    const rows = await context.dataSource
      .getRepository(Region)
      .createQueryBuilder('r')
      .where('r.parent_code IN (:...codes)', { codes })
      .andWhere(condition.sql, condition.params)
      .orderBy('r.code')
      .getMany();
    return groupByKey(codes, rows, (r) => r.parentCode ?? '');
  }).load(code);
}

export function listRegions(dataSource: DataSource, identity: Identity, level: RegionLevel | undefined): Promise<Region[]> {
  const condition = visibleCondition(identity);
  const query = dataSource.getRepository(Region).createQueryBuilder('r').where(condition.sql, condition.params).orderBy('r.code');
  if (level) query.andWhere('r.level = :level', { level });
  return query.getMany();
}

/** Adds a street under a county, or a community under a street, in the caller's scope; codes are never reused. */
export async function addRegion(dataSource: DataSource, identity: Identity, input: AddRegionInput): Promise<Region> {
  const parentCode = parentCodeOf(input.code)!;
  requireRegionInScope(identity, parentCode, 'add a region there');
  try {
    return await dataSource.transaction(async (manager) => {
      const parent = await manager.findOneBy(Region, { code: parentCode });
      if (!parent) throw badInput('input.code', `The parent region ${parentCode} does not exist`);
      const region = manager.create(Region, { code: input.code, name: input.name, level: levelOfCode(input.code)!, parentCode });
      // insert, not save: save would quietly rename an existing region with the same code.
      await manager.insert(Region, region);
      return region;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Region ${input.code} already exists`, 'input.code');
    throw error;
  }
}
