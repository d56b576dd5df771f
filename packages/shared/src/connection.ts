import { parse } from 'graphql';
import type { EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { scopePatterns } from './auth';
import { badInput } from './errors';
import { loaderOf, type SubgraphContext } from './subgraph';

/**
 * Relay-style connections: every list a client pages through takes `first`/`after` and answers
 * `edges { cursor node }`, `pageInfo { hasNextPage endCursor }` and `totalCount`. Cursors are opaque
 * (base64url of the row's sort key) and stable under inserts, because pages are cut by the sort key
 * (keyset pagination), never by an offset; the sort always ends with a unique key.
 */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

/** The SDL every subgraph with connections declares (shareable: each subgraph returns it). */
export const CONNECTION_TYPE_DEFS = parse(`
  "Where a page of a connection ends (Relay cursor connections)."
  type PageInfo @shareable {
    "True when there are more records after this page: ask again with \`after: endCursor\`."
    hasNextPage: Boolean!
    "The cursor of the last edge of this page (null when the page is empty)."
    endCursor: String
  }
`);

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Array<Edge<T>>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Resolved only when asked for (a count is a second statement). */
  totalCount: () => Promise<number>;
}

type KeyValue = string | number | boolean | Date;

/** One term of a connection's order: a SQL expression over the query's alias, its direction, and how to read it from a row. */
export interface SortKey<T> {
  column: string;
  direction: 'ASC' | 'DESC';
  value: (row: T) => KeyValue;
}

/**
 * A timestamp term of an order. Postgres keeps microseconds and a JavaScript Date milliseconds, so a
 * cursor taken from a Date would not match the row it came from: the term compares at milliseconds.
 */
export function timestampKey<T>(column: string, direction: 'ASC' | 'DESC', value: (row: T) => Date): SortKey<T> {
  return { column: `date_trunc('milliseconds', ${column})`, direction, value };
}

/** `first`: 1 to MAX_PAGE_SIZE (the default when absent). */
export function pageSizeOf(first: number | null | undefined, fallback = DEFAULT_PAGE_SIZE): number {
  const value = first ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE)
    throw badInput('first', `first must be between 1 and ${MAX_PAGE_SIZE}`);
  return value;
}

export function encodeCursor(values: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? { d: v.toISOString() } : v)))).toString('base64url');
}

/** The sort key a cursor holds; anything not made by `encodeCursor` for this order is BAD_USER_INPUT on `after`. */
export function decodeCursor(cursor: string, length: number): KeyValue[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === length) {
      return parsed.map((v: unknown) => {
        if (v && typeof v === 'object' && typeof (v as { d?: unknown }).d === 'string') {
          const date = new Date((v as { d: string }).d);
          if (Number.isNaN(date.getTime())) throw new Error('bad date');
          return date;
        }
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
        throw new Error('bad value');
      });
    }
  } catch {
    // falls through to the error below
  }
  throw badInput('after', 'after is not a cursor of this list; use an endCursor this list returned');
}

/** `(a, b) after (x, y)` for any mix of directions: a > x OR (a = x AND b > y), with < for DESC terms. */
function afterCondition<T>(order: readonly SortKey<T>[], prefix: string): { sql: string } {
  const terms = order.map((key, i) => {
    const equal = order.slice(0, i).map((k, j) => `${k.column} = :${prefix}${j}`);
    const beyond = `${key.column} ${key.direction === 'ASC' ? '>' : '<'} :${prefix}${i}`;
    return `(${[...equal, beyond].join(' AND ')})`;
  });
  return { sql: `(${terms.join(' OR ')})` };
}

function bind(values: readonly KeyValue[], prefix: string): Record<string, KeyValue> {
  return Object.fromEntries(values.map((v, i) => [`${prefix}${i}`, v])) as Record<string, KeyValue>;
}

function toConnection<T>(rows: T[], size: number, order: readonly SortKey<T>[], totalCount: () => Promise<number>): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ node, cursor: encodeCursor(order.map((k) => k.value(node))) }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

/**
 * One page of a query builder (already filtered and scoped) as a connection, in one statement; the
 * count is a second statement, run only when `totalCount` is selected.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  order: readonly SortKey<T>[],
): Promise<Connection<T>> {
  const size = pageSizeOf(args.first);
  const counted = query.clone();
  let totalCount: Promise<number> | undefined;
  const page = query.clone();
  if (args.after) {
    const condition = afterCondition(order, 'after');
    page.andWhere(condition.sql, bind(decodeCursor(args.after, order.length), 'after'));
  }
  page.orderBy(order[0]!.column, order[0]!.direction);
  for (const key of order.slice(1)) page.addOrderBy(key.column, key.direction);
  const rows = await page.take(size + 1).getMany();
  return toConnection(rows, size, order, () => (totalCount ??= counted.getCount()));
}

/** A connection over a list already in memory (small bounded lists that still page like the rest). */
export function connectionOf<T>(items: readonly T[], args: ConnectionArgs, order: readonly SortKey<T>[]): Connection<T> {
  const size = pageSizeOf(args.first);
  let start = 0;
  if (args.after) {
    const after = decodeCursor(args.after, order.length).map((v) => (v instanceof Date ? v.getTime() : v));
    const at = items.findIndex((item) =>
      order.every((k, i) => {
        const v = k.value(item);
        return (v instanceof Date ? v.getTime() : v) === after[i];
      }),
    );
    start = at + 1;
  }
  return toConnection(items.slice(start, start + size + 1), size, order, async () => items.length);
}

export interface SubtreeConnectionOptions {
  /** The column the records are ordered by within a region (database name); ties broken by the primary key. */
  orderBy: string;
  args: ConnectionArgs;
}

/**
 * A connection of a regional entity in each region's subtree, for a batch of regions in one SQL
 * statement with the caller's scope in the same statement (the fields subgraphs add to `Region`).
 * The region test is a range on the code (`code >= r AND code < r || ':'`), which a btree can use.
 */
export function loadSubtreeConnection<T extends ObjectLiteral>(
  context: SubgraphContext,
  entity: EntityTarget<T>,
  regionCode: string,
  options: SubtreeConnectionOptions,
): Promise<Connection<T>> {
  const size = pageSizeOf(options.args.first);
  const repository = context.dataSource.getRepository(entity);
  const metadata = repository.metadata;
  const orderColumn = metadata.findColumnsWithPropertyPath(
    metadata.columns.find((c) => c.databaseName === options.orderBy)?.propertyName ?? '',
  )[0];
  const key = metadata.primaryColumns[0]!;
  if (!orderColumn) throw new Error(`${metadata.tableName} has no column ${options.orderBy}`);
  const isTimestamp = String(orderColumn.type).startsWith('timestamp');
  const orderSql = isTimestamp ? `date_trunc('milliseconds', e."${orderColumn.databaseName}")` : `e."${orderColumn.databaseName}"`;
  const order: Array<SortKey<T>> = [
    { column: orderSql, direction: 'ASC', value: (row) => row[orderColumn.propertyName] as KeyValue },
    { column: `e."${key.databaseName}"`, direction: 'ASC', value: (row) => row[key.propertyName] as KeyValue },
  ];
  const after = options.args.after ? decodeCursor(options.args.after, 2) : null;
  const name = `subtree-connection:${metadata.tableName}:${options.orderBy}:${size}:${options.args.after ?? ''}`;
  return loaderOf<string, Connection<T>>(context, name, async (codes) => {
    const patterns = scopePatterns(context.identity);
    const counts = new Map<string, number>();
    const countOf = (code: string) => async () => {
      if (!counts.size) {
        const rows: Array<{ region_key: string; count: number }> = await context.dataSource.query(
          `SELECT r.code AS region_key, count(e.*)::int AS count FROM unnest($1::text[]) AS r(code)
           LEFT JOIN "${metadata.schema}"."${metadata.tableName}" e ON e.region_code >= r.code AND e.region_code < r.code || ':' AND e.region_code LIKE ANY($2::text[])
           GROUP BY r.code`,
          [codes, patterns],
        );
        for (const row of rows) counts.set(row.region_key, row.count);
      }
      return counts.get(code) ?? 0;
    };
    if (patterns.length === 0) return codes.map((code) => toConnection<T>([], size, order, countOf(code)));
    const columns = metadata.columns.map((c) => `e."${c.databaseName}"`).join(', ');
    const afterSql = after ? `AND (${orderSql} > $4 OR (${orderSql} = $4 AND e."${key.databaseName}" > $5))` : '';
    const rows: Array<Record<string, unknown> & { region_key: string }> = await context.dataSource.query(
      `SELECT * FROM (
         SELECT ${columns}, r.code AS region_key,
                row_number() OVER (PARTITION BY r.code ORDER BY ${orderSql}, e."${key.databaseName}") AS region_rank
         FROM "${metadata.schema}"."${metadata.tableName}" e
         JOIN unnest($1::text[]) AS r(code) ON e.region_code >= r.code AND e.region_code < r.code || ':'
         WHERE e.region_code LIKE ANY($2::text[]) ${afterSql}
       ) ranked
       WHERE region_rank <= $3
       ORDER BY region_rank`,
      after ? [codes, patterns, size + 1, after[0], after[1]] : [codes, patterns, size + 1],
    );
    const byRegion = new Map<string, T[]>();
    for (const row of rows) {
      const record = repository.create();
      for (const column of metadata.columns) (record as Record<string, unknown>)[column.propertyName] = row[column.databaseName];
      const list = byRegion.get(row.region_key);
      if (list) list.push(record);
      else byRegion.set(row.region_key, [record]);
    }
    return codes.map((code) => toConnection(byRegion.get(code) ?? [], size, order, countOf(code)));
  }).load(regionCode);
}
