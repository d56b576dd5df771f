import { loaderOf, scopePatterns, tableOf, todayInChina, type SubgraphContext } from '@gg/shared';
import { capitalValueAsOf } from '../capital/capital.queries';
import type { Capital } from '../capital/capital.entity';
import { CAPITAL_KINDS, categoryOf, type CapitalCategory, type CapitalChangeKind, type CapitalKind } from '../capital/capital.rules';
import { communityShareOf } from '../distribution/distribution.rules';

export interface CollectiveStats {
  year: number;
  organisations: number;
  shareholders: number;
  capitalsByKind: Array<{ kind: CapitalKind; category: CapitalCategory; count: number; bookValue: bigint }>;
  totalBookValue: bigint;
  annualIncome: bigint;
  netIncome: bigint;
  communityShare: bigint;
  organisationsMeetingTarget: number;
  overdueRentCharges: number;
  overdueRent: bigint;
}

interface OrganisationRow {
  region: string;
  target: string;
  /** The year's rate: the latest setting from that year or before, else the organisation's own (as a draft takes it). */
  share_bp: number;
  /** The community share of the year's distribution, once drafted (a closed year's figure, as posted). */
  distributed: string | null;
  income: string;
  expense: string;
}

interface CapitalRow {
  region: string;
  kind: CapitalKind;
  category: Capital['category'];
  useful_life_months: number | null;
  residual_rate_bp: number | null;
  history: Array<{ kind: CapitalChangeKind; effectiveOn: string; amountFen: string }>;
}

/**
 * The collective economy figures of each region's subtree for a year, for a batch of regions: one
 * statement per figure (organisations with their year's ledger sums, shareholders, capitals with
 * their histories, overdue rent), each with the caller's scope in its SQL. Income comes from the
 * ledger; book values from the capitals' histories by the same rule as their registers.
 */
export function loadCollectiveStats(context: SubgraphContext, regionCode: string, year: number, now: Date): Promise<CollectiveStats> {
  return loaderOf<string, CollectiveStats>(context, `collective-stats-${year}`, async (codes) => {
    const t = (name: string) => tableOf(context.dataSource, name);
    const today = todayInChina(now);
    // $1 regions, $2 scope patterns. The region test is a range on the code, which a btree can use.
    const inSubtree = (alias: string) =>
      `${alias}.region_code >= r.code AND ${alias}.region_code < r.code || ':' AND ${alias}.region_code LIKE ANY($2::text[])`;
    const params = [codes, scopePatterns(context.identity)];
    const organisations: OrganisationRow[] = await context.dataSource.query(
      `SELECT r.code AS region, o.annual_income_target_fen::text AS target,
         COALESCE((SELECT s.basis_points FROM ${t('community_share_rate')} s WHERE s.organisation_id = o.id AND s.from_year <= $5
                   ORDER BY s.from_year DESC, s.set_at DESC, s.id DESC LIMIT 1), o.community_share_bp) AS share_bp,
         (SELECT d.community_share_fen::text FROM ${t('distribution')} d WHERE d.organisation_id = o.id AND d.year = $5) AS distributed,
         COALESCE(x.income, 0)::text AS income, COALESCE(x.expense, 0)::text AS expense
       FROM unnest($1::text[]) AS r(code)
       JOIN ${t('collective_organisation')} o ON ${inSubtree('o')}
       LEFT JOIN LATERAL (
         SELECT sum(l.credit_fen - l.debit_fen) FILTER (WHERE l.account LIKE 'INCOME\\_%') AS income,
                sum(l.debit_fen - l.credit_fen) FILTER (WHERE l.account LIKE 'EXPENSE\\_%') AS expense
         FROM ${t('ledger_entry')} e JOIN ${t('ledger_line')} l ON l.entry_id = e.id
         WHERE e.organisation_id = o.id AND e.posted_on BETWEEN $3::date AND $4::date
       ) x ON TRUE`,
      [...params, `${year}-01-01`, `${year}-12-31`, year],
    );
    const shareholders: Array<{ region: string; count: number }> = await context.dataSource.query(
      `SELECT r.code AS region, count(*)::int AS count
       FROM unnest($1::text[]) AS r(code)
       JOIN (SELECT m.shareholder_id, m.region_code FROM ${t('share_movement')} m WHERE m.effective_on <= $3::date
             GROUP BY m.shareholder_id, m.region_code HAVING sum(m.shares) > 0) s ON ${inSubtree('s')}
       GROUP BY r.code`,
      [...params, today],
    );
    const capitals: CapitalRow[] = await context.dataSource.query(
      `SELECT r.code AS region, k.kind, k.category, k.useful_life_months, k.residual_rate_bp,
         json_agg(json_build_object('kind', c.kind, 'effectiveOn', c.effective_on, 'amountFen', c.amount_fen::text)
                  ORDER BY c.effective_on, c.created_at) AS history
       FROM unnest($1::text[]) AS r(code)
       JOIN ${t('capital')} k ON ${inSubtree('k')} AND k.acquired_on <= $3::date
       JOIN ${t('capital_change')} c ON c.capital_id = k.id
       GROUP BY r.code, k.id`,
      [...params, today],
    );
    const overdue: Array<{ region: string; count: number; outstanding: string }> = await context.dataSource.query(
      `SELECT r.code AS region, count(*)::int AS count, sum(c.amount_fen - c.paid_fen - c.reduced_fen)::text AS outstanding
       FROM unnest($1::text[]) AS r(code)
       JOIN ${t('rent_charge')} c ON ${inSubtree('c')} AND c.paid_fen + c.reduced_fen < c.amount_fen AND c.due_on < $3::date
       GROUP BY r.code`,
      [...params, today],
    );
    return codes.map((code) => {
      const orgs = organisations.filter((o) => o.region === code);
      const byKind = new Map<CapitalKind, { count: number; bookValue: bigint }>();
      for (const row of capitals.filter((c) => c.region === code)) {
        const value = capitalValueAsOf(
          { category: row.category, usefulLifeMonths: row.useful_life_months, residualRateBp: row.residual_rate_bp } as Capital,
          row.history.map((h) => ({ kind: h.kind, effectiveOn: h.effectiveOn, amountFen: BigInt(h.amountFen) })),
          today,
        );
        if (value.disposed) continue;
        const current = byKind.get(row.kind) ?? { count: 0, bookValue: 0n };
        byKind.set(row.kind, { count: current.count + 1, bookValue: current.bookValue + value.bookValueFen });
      }
      const capitalsByKind = CAPITAL_KINDS.map((kind) => ({
        kind,
        category: categoryOf(kind),
        count: byKind.get(kind)?.count ?? 0,
        bookValue: byKind.get(kind)?.bookValue ?? 0n,
      }));
      const net = (o: OrganisationRow) => BigInt(o.income) - BigInt(o.expense);
      const late = overdue.find((o) => o.region === code);
      return {
        year,
        organisations: orgs.length,
        shareholders: shareholders.find((s) => s.region === code)?.count ?? 0,
        capitalsByKind,
        totalBookValue: capitalsByKind.reduce((sum, k) => sum + k.bookValue, 0n),
        annualIncome: orgs.reduce((sum, o) => sum + BigInt(o.income), 0n),
        netIncome: orgs.reduce((sum, o) => sum + net(o), 0n),
        // A drafted year's own figure (all of it when no shareholder is on the register); else the year's rate.
        communityShare: orgs.reduce(
          (sum, o) => sum + (o.distributed !== null ? BigInt(o.distributed) : communityShareOf(net(o), BigInt(o.share_bp))),
          0n,
        ),
        organisationsMeetingTarget: orgs.filter((o) => BigInt(o.income) >= BigInt(o.target)).length,
        overdueRentCharges: late?.count ?? 0,
        overdueRent: late ? BigInt(late.outstanding) : 0n,
      };
    });
  }).load(regionCode);
}

/** The income of a year of organisations, from their ledgers, batched per request (one statement). */
export function loadAnnualIncome(context: SubgraphContext, organisationId: string, year: number): Promise<bigint> {
  return loaderOf<string, bigint>(context, `annual-income-${year}`, async (ids) => {
    const t = (name: string) => tableOf(context.dataSource, name);
    const rows: Array<{ id: string; income: string }> = await context.dataSource.query(
      `SELECT e.organisation_id AS id, sum(l.credit_fen - l.debit_fen)::text AS income
       FROM ${t('ledger_entry')} e JOIN ${t('ledger_line')} l ON l.entry_id = e.id
       WHERE e.organisation_id = ANY($1::uuid[]) AND e.posted_on BETWEEN $2::date AND $3::date AND l.account LIKE 'INCOME%'
         AND e.region_code LIKE ANY($4::text[])
       GROUP BY e.organisation_id`,
      [ids, `${year}-01-01`, `${year}-12-31`, scopePatterns(context.identity)],
    );
    return ids.map((id) => BigInt(rows.find((r) => r.id === id)?.income ?? '0'));
  }).load(organisationId);
}
