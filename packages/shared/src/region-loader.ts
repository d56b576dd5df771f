import type { EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { groupByKey, scopedQuery } from './database';
import { scopePatterns } from './auth';
import { badInput, isUuid } from './errors';
import { loaderOf, type SubgraphContext } from './subgraph';
import { regionPrefixInput } from './kits/regions';

export interface RegionSubtreeOptions {
  /** Column the records are ordered by within a region (database name). */
  orderBy: string;
  /** How many records per region, at most. */
  first: number;
}

export const MAX_PER_REGION = 500;

/** Checks a `first` argument of a list field: 1 to MAX_PER_REGION. */
export function pageSize(first: number | undefined, fallback = 100): number {
  const value = first ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PER_REGION) {
    throw badInput('first', `first must be between 1 and ${MAX_PER_REGION}`);
  }
  return value;
}

/**
 * Records of a regional entity in each region's subtree (a region's code prefixes its descendants'),
 * for a batch of regions in one SQL statement, filtered by the caller's scopes in the same statement.
 * Used by the fields each subgraph adds to the federated `Region`.
 */
export function loadInRegionSubtree<T extends ObjectLiteral>(
  context: SubgraphContext,
  entity: EntityTarget<T>,
  regionCode: string,
  options: RegionSubtreeOptions,
): Promise<T[]> {
  const repository = context.dataSource.getRepository(entity);
  const metadata = repository.metadata;
  const name = `region-subtree:${metadata.tableName}:${options.orderBy}:${options.first}`;
  return loaderOf<string, T[]>(context, name, async (codes) => {
    const patterns = scopePatterns(context.identity);
    if (patterns.length === 0) return codes.map(() => []);
    const columns = metadata.columns.map((c) => `e."${c.databaseName}"`).join(', ');
    const rows: Array<Record<string, unknown> & { region_key: string }> = await context.dataSource.query(
      `SELECT * FROM (
         SELECT ${columns}, r.code AS region_key,
                row_number() OVER (PARTITION BY r.code ORDER BY e."${options.orderBy}", e."${metadata.primaryColumns[0]!.databaseName}") AS region_rank
         FROM "${metadata.schema}"."${metadata.tableName}" e
         JOIN unnest($1::text[]) AS r(code) ON e.region_code LIKE r.code || '%'
         WHERE e.region_code LIKE ANY($2::text[])
       ) ranked
       WHERE region_rank <= $3`,
      [codes, patterns, options.first],
    );
    const byRegion = new Map<string, T[]>();
    for (const row of rows) {
      const record = repository.create();
      for (const column of metadata.columns) (record as Record<string, unknown>)[column.propertyName] = row[column.databaseName];
      const list = byRegion.get(row.region_key);
      if (list) list.push(record);
      else byRegion.set(row.region_key, [record]);
    }
    return codes.map((c) => byRegion.get(c) ?? []);
  }).load(regionCode);
}

/** A region code prefix argument of a list: 2–12 digits (so it can never widen a LIKE). */
export const regionPrefix = regionPrefixInput;

/** Records of a regional entity whose region starts with a prefix, with the caller's scope applied in the same SQL. */
export function scopedInRegion<T extends ObjectLiteral>(
  context: SubgraphContext,
  entity: EntityTarget<T>,
  alias: string,
  regionCode: string,
): SelectQueryBuilder<T> {
  return scopedQuery(context.dataSource, entity, alias, context.identity).andWhere(`${alias}.region_code LIKE :regionPrefix`, {
    regionPrefix: `${regionPrefix(regionCode)}%`,
  });
}

/**
 * A regional record by id for one request, scoped, one SQL statement per batch; also what
 * `__resolveReference` uses. Malformed ids resolve to null instead of failing the batch's uuid cast.
 */
export function loadScopedById<T extends ObjectLiteral & { id: string }>(
  context: SubgraphContext,
  entity: EntityTarget<T>,
  id: string,
): Promise<T | null> {
  const metadata = context.dataSource.getMetadata(entity);
  return loaderOf<string, T | null>(context, `by-id:${metadata.tableName}`, async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await scopedQuery(context.dataSource, entity, 'e', context.identity).andWhere('e.id IN (:...ids)', { ids: valid }).getMany()
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((key) => byId.get(key) ?? null);
  }).load(id);
}

export interface ChildrenOptions<T extends ObjectLiteral> {
  /** Column holding the parent's key (database name), e.g. `case_id`. */
  parentColumn: string;
  /** The parent's key of a row, to group the batch's rows. */
  parentOf: (row: T) => string;
  /** ORDER BY terms over the alias `c`, e.g. `['c.sequence']`. */
  orderBy: string[];
  /** Narrows the query further (a year, a status); part of the loader's identity via `variant`. */
  refine?: (query: SelectQueryBuilder<T>) => SelectQueryBuilder<T>;
  variant?: string;
}

/**
 * The rows of a regional entity that hang off a batch of parents (a case's events, a grid's staff),
 * scoped, in one SQL statement per batch. Parent keys are UUIDs; a malformed one has no children.
 */
export function loadScopedChildren<T extends ObjectLiteral>(
  context: SubgraphContext,
  entity: EntityTarget<T>,
  parentId: string,
  options: ChildrenOptions<T>,
): Promise<T[]> {
  const table = context.dataSource.getMetadata(entity).tableName;
  return loaderOf<string, T[]>(context, `children:${table}:${options.parentColumn}:${options.variant ?? ''}`, async (parentIds) => {
    const valid = parentIds.filter(isUuid);
    if (valid.length === 0) return parentIds.map(() => []);
    let query = scopedQuery(context.dataSource, entity, 'c', context.identity).andWhere(`c.${options.parentColumn} IN (:...parentIds)`, {
      parentIds: valid,
    });
    if (options.refine) query = options.refine(query);
    const [first, ...rest] = options.orderBy;
    if (first) query.orderBy(first);
    for (const term of rest) query.addOrderBy(term);
    return groupByKey(parentIds, await query.getMany(), options.parentOf);
  }).load(parentId);
}
