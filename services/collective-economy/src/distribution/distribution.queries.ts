import { formatMoney, loadScopedById, scopeCondition, type SubgraphContext } from '@gg/shared';
import { CollectiveOrganisation } from '../collective-organisation/collective-organisation.entity';
import { Distribution, DistributionAllocation } from './distribution.entity';

export function loadDistribution(context: SubgraphContext, id: string): Promise<Distribution | null> {
  return loadScopedById(context, Distribution, id);
}

export async function listDistributions(context: SubgraphContext, organisationId: string): Promise<Distribution[] | null> {
  if (!(await loadScopedById(context, CollectiveOrganisation, organisationId))) return null;
  const scope = scopeCondition(context.identity, 'd.region_code');
  return context.dataSource
    .getRepository(Distribution)
    .createQueryBuilder('d')
    .where('d.organisation_id = :organisationId', { organisationId })
    .andWhere(scope.sql, scope.params)
    .orderBy('d.year', 'DESC')
    .getMany();
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
