import { stream as excelStream } from 'exceljs';
import type { Request, Response } from 'express';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { coversRegion, hasRole, type Identity, type Role } from '../auth';
import { paginate, MAX_PAGE_SIZE, type Connection, type SortKey } from '../connection';
import { ErrorCode } from '../errors';

/**
 * Downloads of a service's records as CSV (UTF-8 with a BOM, so Excel opens Chinese names) or XLSX
 * (exceljs' streaming writer): an export is columns and an async source of row batches; the file is
 * written batch by batch to the response, waiting whenever the client reads slower than we write, so a
 * large export never sits in memory whole. Reached through the gateway at
 * `GET /exports/<service>/<name>?…&format=csv|xlsx` with the caller's bearer token (the gateway forwards
 * it with the signed identity, as it does GraphQL requests); roles and region scope are checked here.
 */

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type Cell = string | number | boolean | null | undefined;

export interface ExportColumn<R> {
  /** The header cell (the front-ends' language: Chinese). */
  header: string;
  value: (row: R) => Cell;
  /** Column width in characters in XLSX. */
  width?: number;
}

/** Who downloads, and the service's data source. */
export interface ExportContext {
  identity: Identity;
  dataSource: DataSource;
}

export interface ExportDefinition<P extends z.ZodType = z.ZodType, R = never> {
  /** The URL segment: `/exports/<service>/<name>`. */
  name: string;
  /** The file name's first part and the sheet name, e.g. 物业企业. */
  title: string;
  /** The ASCII stem of the fallback file name, e.g. property-companies. */
  asciiTitle: string;
  roles: readonly Role[];
  /** The query string's parameters besides `format` (strings, as they come); a problem is a 400 naming the parameter. */
  params: P;
  /** The region the file is about: the caller's scopes must cover it (403 otherwise). May read the database (a draw's county). */
  regionOf(params: z.infer<P>, context: ExportContext): Promise<string | null>;
  /** The period in the file name (2026, 2026Q3, a day). */
  periodOf(params: z.infer<P>, now: Date): string;
  columns: ReadonlyArray<ExportColumn<R>>;
  /** The rows in batches, read lazily (e.g. `keysetBatches`): the next batch is asked for only when the last one is written. */
  rows(params: z.infer<P>, context: ExportContext): AsyncIterable<readonly R[]>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of exports holds definitions of any params and rows
export type AnyExport = ExportDefinition<any, any>;

export function defineExport<P extends z.ZodType, R>(definition: ExportDefinition<P, R>): ExportDefinition<P, R> {
  return definition;
}

// ─── Row sources ──────────────────────────────────────────────────────────────

/**
 * The rows of a query in batches of `batchSize`, read by keyset pagination (the same cursors as the
 * connections): one statement per batch, never the whole result at once.
 */
export async function* keysetBatches<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  order: readonly SortKey<T>[],
  batchSize = MAX_PAGE_SIZE,
): AsyncIterable<T[]> {
  let after: string | null = null;
  for (;;) {
    const page: Connection<T> = await paginate(query, { first: batchSize, after }, order);
    if (page.edges.length) yield page.edges.map((e) => e.node);
    if (!page.pageInfo.hasNextPage) return;
    after = page.pageInfo.endCursor;
  }
}

// ─── Writers ──────────────────────────────────────────────────────────────────

/** Waits until the client has taken what was written, when the response's buffer is full; fails when the client went away. */
async function drained(out: Writable): Promise<void> {
  if (out.destroyed) throw new Error('The client went away');
  if (!out.writableNeedDrain) return;
  await new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      out.off('drain', done);
      out.off('close', gone);
    };
    const done = () => (cleanup(), resolve());
    const gone = () => (cleanup(), reject(new Error('The client went away')));
    out.on('drain', done);
    out.on('close', gone);
  });
}

/**
 * A cell as CSV (RFC 4180): quoted when it holds a quote, comma or line break. A text starting with
 * = + - @ or a tab is prefixed with ' so a spreadsheet does not run it as a formula (CSV injection).
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function writeCsv<R>(
  out: Writable,
  columns: ReadonlyArray<ExportColumn<R>>,
  batches: AsyncIterable<readonly R[]>,
): Promise<void> {
  const line = (cells: Cell[]) => `${cells.map(csvCell).join(',')}\r\n`;
  out.write(`\uFEFF${line(columns.map((c) => c.header))}`);
  for await (const batch of batches) {
    out.write(batch.map((row) => line(columns.map((c) => c.value(row)))).join(''));
    await drained(out);
  }
  out.end();
  await once(out, 'finish');
}

export async function writeXlsx<R>(
  out: Writable,
  sheetName: string,
  columns: ReadonlyArray<ExportColumn<R>>,
  batches: AsyncIterable<readonly R[]>,
): Promise<void> {
  // Inline strings, no styles: each row is written and forgotten as soon as it is committed.
  const workbook = new excelStream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 16 }));
  for await (const batch of batches) {
    for (const row of batch) sheet.addRow(columns.map((c) => c.value(row) ?? null)).commit();
    await drained(out);
  }
  sheet.commit();
  await workbook.commit();
}

// ─── HTTP ─────────────────────────────────────────────────────────────────────

/** `attachment` with the UTF-8 file name (RFC 6266/5987) and an ASCII fallback for old clients. */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encoded}`;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function refuse(res: Response, status: number, code: ErrorCode | 'BAD_REQUEST', message: string, field?: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...(field ? { field } : {}) } }] });
}

/**
 * The handler of `GET /exports/:name` on a subgraph (the identity already verified from the gateway's
 * header): the export's roles, its parameters, the region against the caller's scopes, then the file.
 */
export function exportHandler(exports: readonly AnyExport[], dataSource: DataSource) {
  const byName = new Map(exports.map((e) => [e.name, e]));
  return async (req: Request, res: Response): Promise<void> => {
    const identity = res.locals.identity as Identity;
    const definition = byName.get(String(req.params.name));
    if (!definition) return refuse(res, 404, ErrorCode.NOT_FOUND, `No export named ${String(req.params.name)}`);
    if (!hasRole(identity, ...definition.roles))
      return refuse(res, 403, ErrorCode.FORBIDDEN, `Only ${definition.roles.join(', ')} may download ${definition.name}`);
    const { format: rawFormat, ...rest } = req.query as Record<string, unknown>;
    const format = z.enum(EXPORT_FORMATS).default('csv').safeParse(rawFormat);
    if (!format.success) return refuse(res, 400, ErrorCode.BAD_USER_INPUT, 'format is csv or xlsx', 'format');
    const parsed = definition.params.safeParse(rest);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.');
      return refuse(res, 400, ErrorCode.BAD_USER_INPUT, `${field}: ${issue.message}`, field);
    }
    const context: ExportContext = { identity, dataSource };
    const region = await definition.regionOf(parsed.data, context);
    // A region outside the caller's scope and a record that does not exist answer alike: nothing is confirmed.
    if (!region || !coversRegion(identity, region))
      return refuse(res, 403, ErrorCode.FORBIDDEN, `You may not download ${definition.name} of ${region ?? 'this record'}`);
    const period = definition.periodOf(parsed.data, new Date());
    const fileName = `${definition.title}_${region}_${period}.${format.data}`;
    res.status(200);
    res.setHeader('content-type', CONTENT_TYPES[format.data]);
    res.setHeader('content-disposition', contentDisposition(fileName, `${definition.asciiTitle}_${region}_${period}.${format.data}`));
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    const batches = definition.rows(parsed.data, context);
    try {
      if (format.data === 'csv') await writeCsv(res, definition.columns, batches);
      else await writeXlsx(res, definition.title, definition.columns, batches);
    } catch (error) {
      // The status is sent: cut the download short, so a client never takes a partial file for a whole one.
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  };
}
