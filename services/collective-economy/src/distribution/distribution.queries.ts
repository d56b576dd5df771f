import {
  formatMoney,
  loaderOf,
  loadScopedById,
  paginate,
  scopeCondition,
  type Connection,
  type ConnectionArgs,
  type SortKey,
  type SubgraphContext,
} from '@gg/shared';
import { CollectiveOrganisation } from '../collective-organisation/collective-organisation.entity';
import { Distribution, DistributionAllocation } from './distribution.entity';

/** A page of distributions (the type the generated resolver types map `DistributionConnection` to). */
export type DistributionPage = Connection<Distribution>;

/** Latest year first; one distribution per organisation and year, the id keeps the key unique across organisations. */
const LATEST_YEAR_FIRST: ReadonlyArray<SortKey<Distribution>> = [
  { column: 'd.year', direction: 'DESC', value: (d) => d.year },
  { column: 'd.id', direction: 'DESC', value: (d) => d.id },
];

export function loadDistribution(context: SubgraphContext, id: string): Promise<Distribution | null> {
  return loadScopedById(context, Distribution, id);
}

/** An organisation's distribution history, latest year first; null when the organisation is not visible. */
export async function listDistributions(
  context: SubgraphContext,
  organisationId: string,
  args: ConnectionArgs & { status?: string | null },
): Promise<DistributionPage | null> {
  if (!(await loadScopedById(context, CollectiveOrganisation, organisationId))) return null;
  const scope = scopeCondition(context.identity, 'd.region_code');
  const query = context.dataSource
    .getRepository(Distribution)
    .createQueryBuilder('d')
    .where('d.organisation_id = :organisationId', { organisationId })
    .andWhere(scope.sql, scope.params);
  if (args.status) query.andWhere('d.status = :status', { status: args.status });
  return paginate(query, args, LATEST_YEAR_FIRST);
}

/** One line of a shareholder's dividend statement: their part of a posted distribution. */
export interface DividendLine {
  distribution: Distribution;
  shares: bigint;
  amountFen: bigint;
}

/**
 * A shareholder's dividends (分红明细): their parts of the posted distributions, latest year first,
 * for a batch of shareholders in two statements (the parts, then their distributions by id). A
 * distribution not yet posted is not on a statement: nothing has been booked for it.
 */
export function dividendsOf(context: SubgraphContext, shareholderId: string): Promise<DividendLine[]> {
  return loaderOf<string, DividendLine[]>(context, 'dividends-of', async (ids) => {
    const scope = scopeCondition(context.identity, 'a.region_code');
    const rows = await context.dataSource
      .getRepository(DistributionAllocation)
      .createQueryBuilder('a')
      .innerJoin(Distribution, 'd', 'd.id = a.distribution_id')
      .select([
        'a.shareholder_id AS "shareholderId"',
        'a.shares::text AS shares',
        'a.amount_fen::text AS amount',
        'd.id AS "distributionId"',
      ])
      .where('a.shareholder_id IN (:...ids)', { ids: [...ids] })
      .andWhere("d.status = 'POSTED'")
      .andWhere(scope.sql, scope.params)
      .orderBy('d.year', 'DESC')
      .getRawMany<{ shareholderId: string; shares: string; amount: string; distributionId: string }>();
    const distributions = await Promise.all(rows.map((r) => loadDistribution(context, r.distributionId)));
    return ids.map((id) =>
      rows.flatMap((r, i) =>
        r.shareholderId === id && distributions[i]
          ? [{ distribution: distributions[i], shares: BigInt(r.shares), amountFen: BigInt(r.amount) }]
          : [],
      ),
    );
  }).load(shareholderId);
}

export function allocationsOf(context: SubgraphContext, distributionId: string): Promise<DistributionAllocation[]> {
  return context.dataSource.getRepository(DistributionAllocation).find({ where: { distributionId }, order: { shareholderId: 'ASC' } });
}

/** What a distribution does, in words: a loss year says so. */
export function summaryOf(d: Distribution): string {
  const net = d.incomeFen - d.expenseFen;
  if (d.nothingToDistribute) return `${d.year}: net income ${formatMoney(net)} yuan — no profit, nothing is distributed`;
  return `${d.year}: net income ${formatMoney(net)} yuan; ${formatMoney(d.communityShareFen)} to the community collective, ${formatMoney(d.shareholdersFen)} to shareholders`;
}
