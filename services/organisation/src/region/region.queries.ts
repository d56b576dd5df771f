import {
  badInput,
  groupByKey,
  loaderOf,
  regionAncestorsOf,
  requireWritableRegion,
  type Identity,
  type RegionLevel,
  type SubgraphContext,
} from '@gg/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { Region } from './region.entity';
import { regionVisible } from './region.rules';

/** SQL condition for regions a caller may see: inside a scope, or an ancestor of one. */
function visibleCondition(identity: Identity) {
  return {
    sql: `(r.code LIKE ANY(:inside) OR r.code = ANY(:ancestors))`,
    params: {
      inside: identity.regionScopes.map((s) => `${s}%`),
      ancestors: identity.regionScopes.flatMap((s) => regionAncestorsOf(s).filter((a) => a !== s)),
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

/** Regions a caller may see, optionally of one level, by code: the tree is reference data, bounded by its levels. */
export function listRegions(dataSource: DataSource, identity: Identity, level: RegionLevel | undefined): Promise<Region[]> {
  const condition = visibleCondition(identity);
  const query = dataSource.getRepository(Region).createQueryBuilder('r').where(condition.sql, condition.params).orderBy('r.code');
  if (level) query.andWhere('r.level = :level', { level });
  return query.getMany();
}

/**
 * A region a write puts a record in: inside the caller's scope (FORBIDDEN otherwise) and in this
 * service's own region table (BAD_USER_INPUT naming the field otherwise), optionally of given levels.
 * Organisation owns the tree, so its own table is the reference it checks against.
 */
export async function regionForWrite(
  manager: EntityManager,
  identity: Identity,
  code: string,
  check: { field: string; action: string; levels?: readonly RegionLevel[] },
): Promise<Region> {
  requireWritableRegion(identity, code, check.action, check.field);
  const region = await manager.findOneBy(Region, { code });
  if (!region) throw badInput(check.field, `Region ${code} does not exist`);
  if (check.levels && !check.levels.includes(region.level))
    throw badInput(
      check.field,
      `${code} is a ${region.level.toLowerCase()}; expected ${check.levels.map((l) => l.toLowerCase()).join(' or ')}`,
    );
  return region;
}
