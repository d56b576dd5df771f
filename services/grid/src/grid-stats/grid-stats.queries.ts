import { loaderOf, scopePatterns, tableOf, type SubgraphContext } from '@gg/shared';
import { whistleStatusSql } from '../case/case.filters';
import { HANDLED_STATUSES, OPEN_STATUSES } from '../case/case.rules';

export interface GridStats {
  regionCode: string;
  grids: number;
  gridsByKind: Array<{ kind: string; count: number }>;
  gridsByLevel: Array<{ level: number; count: number }>;
  tenHouseholdUnits: number;
  staff: number;
  staffByRole: Array<{ role: string; employment: string | null; post: string | null; count: number }>;
  households: number;
  specialGroups: Array<{ group: string; households: number }>;
  casesCollected: number;
  casesHandled: number;
  handledRate: number | null;
  casesOpen: number;
  casesOverdue: number;
  casesRejected: number;
  casesBySeverity: Array<{ severity: string; collected: number; handled: number }>;
  casesByHandlingLevel: Array<{ level: string; collected: number; open: number }>;
  medianHandlingHours: number | null;
  averageRating: number | null;
  whistlesBlown: number;
  whistlesAnsweredInTime: number;
  whistlesAnsweredLate: number;
  whistlesOverdue: number;
  whistlesWithdrawn: number;
}

interface StatsRow {
  region_code: string;
  grids_by_kind: Array<{ kind: string; count: number }>;
  grids_by_level: Array<{ level: number; count: number }>;
  units: number;
  staff_by_role: Array<{ role: string; employment: string | null; post: string | null; count: number }>;
  households: number;
  special_groups: Array<{ group: string; households: number }>;
  cases: {
    collected: number;
    handled: number;
    open: number;
    overdue: number;
    rejected: number;
    median_hours: number | null;
    average_rating: number | null;
  };
  cases_by_severity: Array<{ severity: string; collected: number; handled: number }>;
  cases_by_level: Array<{ level: string; collected: number; open: number }>;
  whistles: { blown: number; in_time: number; late: number; overdue: number; withdrawn: number };
}

/**
 * The grid figures of each region's subtree for a dashboard, for a batch of regions in ONE
 * statement, every table filtered by the caller's scopes in the same SQL (a region outside them
 * counts nothing). Active grids only: grids retired by a merge or split live on in their successors.
 */
export function loadGridStats(context: SubgraphContext, regionCode: string, now: Date): Promise<GridStats> {
  return loaderOf<string, GridStats>(context, 'grid-stats', async (codes) => {
    const patterns = scopePatterns(context.identity);
    const t = (name: string) => tableOf(context.dataSource, name);
    // $1 regions, $2 scope patterns, $3 now, $4 open statuses, $5 handled statuses.
    // The region test is a range on the code (what regionSubtreeSql writes), which a btree can use.
    const inSubtree = (alias: string) =>
      `${alias}.region_code >= r.code AND ${alias}.region_code < r.code || ':' AND ${alias}.region_code LIKE ANY($2::text[])`;
    const rows: StatsRow[] = await context.dataSource.query(
      `SELECT r.code AS region_code,
        (SELECT COALESCE(json_agg(json_build_object('kind', x.kind, 'count', x.n) ORDER BY x.kind), '[]'::json)
           FROM (SELECT g.kind, count(*)::int AS n FROM ${t('grid')} g WHERE g.status = 'ACTIVE' AND ${inSubtree('g')} GROUP BY g.kind) x) AS grids_by_kind,
        (SELECT COALESCE(json_agg(json_build_object('level', x.level, 'count', x.n) ORDER BY x.level), '[]'::json)
           FROM (SELECT g.level, count(*)::int AS n FROM ${t('grid')} g WHERE g.status = 'ACTIVE' AND ${inSubtree('g')} GROUP BY g.level) x) AS grids_by_level,
        (SELECT count(*)::int FROM ${t('ten_household_unit')} u WHERE ${inSubtree('u')}) AS units,
        (SELECT COALESCE(json_agg(json_build_object('role', x.role, 'employment', x.employment, 'post', x.post, 'count', x.n)
                                  ORDER BY x.role, x.employment, x.post), '[]'::json)
           FROM (SELECT s.role, s.employment, s.post, count(*)::int AS n FROM ${t('grid_staff')} s WHERE ${inSubtree('s')} AND s.ended_at IS NULL
                 GROUP BY s.role, s.employment, s.post) x) AS staff_by_role,
        (SELECT count(*)::int FROM ${t('household')} h WHERE ${inSubtree('h')}) AS households,
        (SELECT COALESCE(json_agg(json_build_object('group', x.grp, 'households', x.n) ORDER BY x.grp), '[]'::json)
           FROM (SELECT sg.grp, count(*)::int AS n FROM ${t('household')} h CROSS JOIN LATERAL unnest(h.special_groups) AS sg(grp)
                 WHERE ${inSubtree('h')} GROUP BY sg.grp) x) AS special_groups,
        (SELECT json_build_object(
                  'collected', count(*)::int,
                  'handled', (count(*) FILTER (WHERE c.status = ANY($5::text[])))::int,
                  'open', (count(*) FILTER (WHERE c.status = ANY($4::text[])))::int,
                  'overdue', (count(*) FILTER (WHERE c.status = ANY($4::text[]) AND c.deadline_at < $3::timestamptz))::int,
                  'rejected', (count(*) FILTER (WHERE c.status = 'REJECTED'))::int,
                  'median_hours', percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.resolved_at - c.reported_at) / 3600)
                                    FILTER (WHERE c.status = ANY($5::text[]) AND c.resolved_at IS NOT NULL),
                  'average_rating', avg(c.rating))
           FROM ${t('grid_case')} c WHERE ${inSubtree('c')}) AS cases,
        (SELECT COALESCE(json_agg(json_build_object('severity', x.severity, 'collected', x.collected, 'handled', x.handled) ORDER BY x.severity), '[]'::json)
           FROM (SELECT c.severity, count(*)::int AS collected, (count(*) FILTER (WHERE c.status = ANY($5::text[])))::int AS handled
                 FROM ${t('grid_case')} c WHERE ${inSubtree('c')} GROUP BY c.severity) x) AS cases_by_severity,
        (SELECT COALESCE(json_agg(json_build_object('level', x.level, 'collected', x.collected, 'open', x.open) ORDER BY x.level), '[]'::json)
           FROM (SELECT c.handling_level AS level, count(*)::int AS collected, (count(*) FILTER (WHERE c.status = ANY($4::text[])))::int AS open
                 FROM ${t('grid_case')} c WHERE ${inSubtree('c')} GROUP BY c.handling_level) x) AS cases_by_level,
        (SELECT json_build_object(
                  'blown', count(*)::int,
                  'in_time', (count(*) FILTER (WHERE w.answered_at <= w.answer_by))::int,
                  'late', (count(*) FILTER (WHERE w.answered_at > w.answer_by))::int,
                  'overdue', (count(*) FILTER (WHERE ${whistleStatusSql('OVERDUE', 'w', '$3::timestamptz')}))::int,
                  'withdrawn', (count(*) FILTER (WHERE ${whistleStatusSql('WITHDRAWN', 'w', '$3::timestamptz')}))::int)
           FROM ${t('case_whistle')} w WHERE ${inSubtree('w')}) AS whistles
       FROM unnest($1::text[]) AS r(code)`,
      [codes, patterns.length ? patterns : ['-'], now, [...OPEN_STATUSES], [...HANDLED_STATUSES]],
    );
    const byCode = new Map(rows.map((row) => [row.region_code, row]));
    return codes.map((code) => toStats(code, byCode.get(code)!));
  }).load(regionCode);
}

const LEVEL_ORDER = ['UNIT', 'GRID', 'COMMUNITY', 'STREET', 'DEPARTMENT'];
const SEVERITY_ORDER = ['SMALL', 'BIG', 'HARD', 'URGENT'];

function toStats(regionCode: string, row: StatsRow): GridStats {
  const parse = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
  const cases = parse(row.cases);
  const gridsByKind = parse(row.grids_by_kind);
  const staffByRole = parse(row.staff_by_role);
  const collected = Number(cases.collected);
  const handled = Number(cases.handled);
  return {
    regionCode,
    grids: gridsByKind.reduce((sum, k) => sum + k.count, 0),
    gridsByKind,
    gridsByLevel: parse(row.grids_by_level),
    tenHouseholdUnits: Number(row.units),
    staff: staffByRole.reduce((sum, s) => sum + s.count, 0),
    staffByRole,
    households: Number(row.households),
    specialGroups: parse(row.special_groups),
    casesCollected: collected,
    casesHandled: handled,
    // Four decimals: 4,646 / 4,695 = 0.9896.
    handledRate: collected ? Math.round((handled / collected) * 10_000) / 10_000 : null,
    casesOpen: Number(cases.open),
    casesOverdue: Number(cases.overdue),
    casesRejected: Number(cases.rejected),
    casesBySeverity: parse(row.cases_by_severity).sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)),
    casesByHandlingLevel: parse(row.cases_by_level).sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level)),
    medianHandlingHours: cases.median_hours === null ? null : Math.round(Number(cases.median_hours) * 100) / 100,
    averageRating: cases.average_rating === null ? null : Math.round(Number(cases.average_rating) * 100) / 100,
    ...whistleFigures(parse(row.whistles)),
  };
}

/**
 * 吹哨报到 figures: whistles blown, answered within their limit, answered after it, unanswered past it
 * now (OVERDUE), and withdrawn with their case before their limit (`whistleStatus`).
 */
function whistleFigures(whistles: StatsRow['whistles']) {
  return {
    whistlesBlown: Number(whistles.blown),
    whistlesAnsweredInTime: Number(whistles.in_time),
    whistlesAnsweredLate: Number(whistles.late),
    whistlesOverdue: Number(whistles.overdue),
    whistlesWithdrawn: Number(whistles.withdrawn),
  };
}
