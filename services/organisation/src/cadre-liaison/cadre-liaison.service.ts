import {
  badInput,
  conflict,
  groupByKey,
  isUniqueViolation,
  loaderOf,
  notFound,
  requireRegionInScope,
  scopedQuery,
  type SubgraphContext,
  loadScopedById,
} from '@gg/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { countyOf } from '../party-chain/party-chain.rules';
import { Region } from '../region/region.entity';
import { tableOfEntity } from '../sql';
import { Cadre, CadreLiaisonActivity, CadreLiaisonLink, CadreLiaisonReport } from './cadre-liaison.entity';
import {
  cadreCompliant,
  LIAISON_LEVELS,
  linkCompliant,
  type LinkCompliance,
  type LiaisonLevel,
  type LinkCadreInput,
  type RecordLiaisonActivityInput,
  type RegisterCadreInput,
} from './cadre-liaison.rules';

// ─── Reads ────────────────────────────────────────────────────────────────────

export function loadCadre(context: SubgraphContext, id: string): Promise<Cadre | null> {
  return loadScopedById(context, Cadre, id);
}

function checkRegionCode(regionCode: string): void {
  if (!/^\d{2,12}$/.test(regionCode)) throw badInput('regionCode', 'a region code is 2–12 digits');
}

export function listCadres(context: SubgraphContext, regionCode: string, first: number): Promise<Cadre[]> {
  checkRegionCode(regionCode);
  return scopedQuery(context.dataSource, Cadre, 'c', context.identity)
    .andWhere('c.region_code LIKE :prefix', { prefix: `${regionCode}%` })
    .orderBy('c.name')
    .addOrderBy('c.id')
    .take(first)
    .getMany();
}

/** Links of cadres (street, community, grid order), batched, scoped by the linked unit's region. */
export function loadLinksOfCadre(context: SubgraphContext, cadreId: string): Promise<CadreLiaisonLink[]> {
  return loaderOf<string, CadreLiaisonLink[]>(context, 'cadre-links', async (ids) => {
    const rows = await scopedQuery(context.dataSource, CadreLiaisonLink, 'l', context.identity)
      .andWhere('l.cadre_id IN (:...ids)', { ids })
      .orderBy('array_position(CAST(:levels AS text[]), l.level)')
      .setParameter('levels', [...LIAISON_LEVELS])
      .getMany();
    return groupByKey(ids, rows, (r) => r.cadreId);
  }).load(cadreId);
}

/** Visits and problems solved of links in a year, by date, batched, scoped. */
export function loadActivitiesOfLink(context: SubgraphContext, linkId: string, year: number): Promise<CadreLiaisonActivity[]> {
  return loaderOf<string, CadreLiaisonActivity[]>(context, `cadre-link-activities:${year}`, async (ids) => {
    const rows = await scopedQuery(context.dataSource, CadreLiaisonActivity, 'a', context.identity)
      .andWhere('a.link_id IN (:...ids)', { ids })
      .andWhere('a.occurred_on >= :from AND a.occurred_on < :to', { from: `${year}-01-01`, to: `${year + 1}-01-01` })
      .orderBy('a.occurred_on')
      .addOrderBy('a.created_at')
      .getMany();
    return groupByKey(ids, rows, (r) => r.linkId);
  }).load(linkId);
}

/** The stored yearly report of cadres, batched, scoped. */
export function loadReportOfCadre(context: SubgraphContext, cadreId: string, year: number): Promise<CadreLiaisonReport | null> {
  return loaderOf<string, CadreLiaisonReport | null>(context, `cadre-report:${year}`, async (ids) => {
    const rows = await scopedQuery(context.dataSource, CadreLiaisonReport, 'r', context.identity)
      .andWhere('r.cadre_id IN (:...ids)', { ids })
      .andWhere('r.year = :year', { year })
      .getMany();
    return ids.map((id) => rows.find((r) => r.cadreId === id) ?? null);
  }).load(cadreId);
}

/** The compliance report of a year for cadres under a region, non-compliant first, scoped. */
export function listCadreLiaisonReport(
  context: SubgraphContext,
  regionCode: string,
  year: number,
  first: number,
): Promise<CadreLiaisonReport[]> {
  checkRegionCode(regionCode);
  return scopedQuery(context.dataSource, CadreLiaisonReport, 'r', context.identity)
    .andWhere('r.region_code LIKE :prefix', { prefix: `${regionCode}%` })
    .andWhere('r.year = :year', { year })
    .orderBy('r.compliant')
    .addOrderBy('r.cadre_id')
    .take(first)
    .getMany();
}

// ─── Writes ───────────────────────────────────────────────────────────────────

async function regionForWrite(
  manager: EntityManager,
  context: SubgraphContext,
  code: string,
  field: string,
  action: string,
): Promise<Region> {
  requireRegionInScope(context.identity, code, action);
  const region = await manager.findOneBy(Region, { code });
  if (!region) throw badInput(field, `Region ${code} does not exist`);
  return region;
}

/** Registers a leading cadre of a county, street or community in the caller's scope. */
export async function registerCadre(context: SubgraphContext, input: RegisterCadreInput): Promise<Cadre> {
  return context.dataSource.transaction(async (manager) => {
    await regionForWrite(manager, context, input.regionCode, 'input.regionCode', 'register cadres');
    return manager.save(manager.create(Cadre, { name: input.name, post: input.post, regionCode: input.regionCode }));
  });
}

/**
 * Links a cadre to a unit of their county: one street, one community and one grid (a second link of
 * the same level is a CONFLICT). A grid is linked with its community; its id is checked for format only.
 */
export async function linkCadre(context: SubgraphContext, input: LinkCadreInput): Promise<CadreLiaisonLink> {
  try {
    return await context.dataSource.transaction(async (manager) => {
      const cadre = await manager.findOneBy(Cadre, { id: input.cadreId });
      if (!cadre) throw notFound(`Cadre ${input.cadreId}`, 'input.cadreId');
      requireRegionInScope(context.identity, cadre.regionCode, 'link this cadre');
      await regionForWrite(manager, context, input.regionCode, 'input.regionCode', 'link a unit');
      if (countyOf(input.regionCode) !== countyOf(cadre.regionCode))
        throw badInput('input.regionCode', 'a cadre links units of their own county');
      return manager.save(
        manager.create(CadreLiaisonLink, {
          cadreId: cadre.id,
          level: input.level,
          regionCode: input.regionCode,
          gridId: input.gridId?.toLowerCase() ?? null,
        }),
      );
    });
  } catch (error) {
    if (isUniqueViolation(error) && (error as { constraint?: string }).constraint === 'cadre_liaison_link_cadre_level_key') {
      throw conflict(`The cadre already links a ${input.level.toLowerCase()}: 1 street, 1 community and 1 grid each`, 'input.level');
    }
    throw error;
  }
}

/** Records a visit to a linked unit or a problem the cadre helped solve there. */
export async function recordLiaisonActivity(context: SubgraphContext, input: RecordLiaisonActivityInput): Promise<CadreLiaisonActivity> {
  return context.dataSource.transaction(async (manager) => {
    const link = await manager.findOneBy(CadreLiaisonLink, { id: input.linkId });
    if (!link) throw notFound(`Liaison link ${input.linkId}`, 'input.linkId');
    requireRegionInScope(context.identity, link.regionCode, 'record liaison work');
    return manager.save(
      manager.create(CadreLiaisonActivity, {
        linkId: link.id,
        regionCode: link.regionCode,
        kind: input.kind,
        occurredOn: input.occurredOn,
        note: input.note,
      }),
    );
  });
}

export interface ReportCompilation {
  year: number;
  cadres: number;
  compliant: number;
  /** Report rows written or changed by this run: 0 when run again on unchanged records. */
  changed: number;
}

/**
 * Compiles the compliance report of a year for every cadre whose region starts with `regionPrefix`
 * ('' for all), in one transaction: counts per link in one statement, the rule applied in code
 * (`cadreCompliant`), and one upsert that leaves rows alone when nothing changed, so running it
 * twice for a year changes nothing.
 */
export async function compileCadreLiaisonReport(dataSource: DataSource, year: number, regionPrefix = ''): Promise<ReportCompilation> {
  return dataSource.transaction(async (manager) => {
    const cadreTable = tableOfEntity(manager.getRepository(Cadre));
    const rows: Array<{
      cadre_id: string;
      region_code: string;
      level: LiaisonLevel | null;
      link_region: string | null;
      grid_id: string | null;
      visits: number;
      solved: number;
    }> = await manager.query(
      `SELECT c.id AS cadre_id, c.region_code, l.level, l.region_code AS link_region, l.grid_id,
                count(a.id) FILTER (WHERE a.kind = 'VISIT')::int AS visits,
                count(a.id) FILTER (WHERE a.kind = 'PROBLEM_SOLVED')::int AS solved
         FROM ${cadreTable} c
         LEFT JOIN ${tableOfEntity(manager.getRepository(CadreLiaisonLink))} l ON l.cadre_id = c.id
         LEFT JOIN ${tableOfEntity(manager.getRepository(CadreLiaisonActivity))} a
           ON a.link_id = l.id AND a.occurred_on >= make_date($1, 1, 1) AND a.occurred_on < make_date($1 + 1, 1, 1)
         WHERE c.region_code LIKE $2
         GROUP BY c.id, c.region_code, l.id, l.level, l.region_code, l.grid_id`,
      [year, `${regionPrefix}%`],
    );
    const byCadre = new Map<string, { regionCode: string; links: LinkCompliance[] }>();
    for (const row of rows) {
      const entry = byCadre.get(row.cadre_id) ?? { regionCode: row.region_code, links: [] };
      byCadre.set(row.cadre_id, entry);
      if (row.level) {
        entry.links.push({
          level: row.level,
          regionCode: row.link_region!,
          gridId: row.grid_id,
          visits: row.visits,
          problemsSolved: row.solved,
          compliant: linkCompliant(row.visits, row.solved),
        });
      }
    }
    const reports = [...byCadre.entries()].map(([cadreId, entry]) => {
      const links = entry.links.sort((a, b) => LIAISON_LEVELS.indexOf(a.level) - LIAISON_LEVELS.indexOf(b.level));
      return { cadreId, regionCode: entry.regionCode, links, compliant: cadreCompliant(links) };
    });
    let changed = 0;
    if (reports.length > 0) {
      const written: unknown[] = await manager.query(
        `INSERT INTO ${tableOfEntity(manager.getRepository(CadreLiaisonReport))} AS r (cadre_id, region_code, year, compliant, links)
         SELECT x.cadre_id::uuid, x.region_code, $1, x.compliant, x.links::jsonb
         FROM unnest($2::text[], $3::text[], $4::boolean[], $5::text[]) AS x(cadre_id, region_code, compliant, links)
         ON CONFLICT (cadre_id, year) DO UPDATE
           SET compliant = EXCLUDED.compliant, links = EXCLUDED.links, region_code = EXCLUDED.region_code, compiled_at = now()
           WHERE (r.compliant, r.links, r.region_code) IS DISTINCT FROM (EXCLUDED.compliant, EXCLUDED.links, EXCLUDED.region_code)
         RETURNING r.id`,
        [
          year,
          reports.map((r) => r.cadreId),
          reports.map((r) => r.regionCode),
          reports.map((r) => r.compliant),
          reports.map((r) => JSON.stringify(r.links)),
        ],
      );
      changed = written.length;
    }
    return { year, cadres: reports.length, compliant: reports.filter((r) => r.compliant).length, changed };
  });
}

/** Compiles the report for the cadres under a region of the caller's scope (a county re-running after late entries). */
export async function compileCadreLiaisonReportFor(context: SubgraphContext, regionCode: string, year: number): Promise<ReportCompilation> {
  if (!/^\d{6}$|^\d{9}$|^\d{12}$/.test(regionCode))
    throw badInput('regionCode', 'a region code of a county, street or community: 6, 9 or 12 digits');
  requireRegionInScope(context.identity, regionCode, 'compile the cadre-liaison report');
  return compileCadreLiaisonReport(context.dataSource, year, regionCode);
}
