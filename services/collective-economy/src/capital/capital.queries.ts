import { loaderOf, loadScopedById, scopeCondition, todayInChina, type SubgraphContext } from '@gg/shared';
import type { EntityManager } from 'typeorm';
import { CollectiveOrganisation } from '../collective-organisation/collective-organisation.entity';
import { Capital, CapitalChange } from './capital.entity';
import { bookValueAsOf, type BookValue, type CapitalCategory } from './capital.rules';

/** A capital's value at the end of a day, from its rows (the use case leases and statistics read through). */
export function capitalValueAsOf(
  capital: Capital,
  history: readonly Pick<CapitalChange, 'kind' | 'effectiveOn' | 'amountFen'>[],
  asOf: string,
): BookValue {
  const depreciation =
    capital.usefulLifeMonths === null || capital.residualRateBp === null
      ? null
      : { usefulLifeMonths: BigInt(capital.usefulLifeMonths), residualRateBp: BigInt(capital.residualRateBp) };
  return bookValueAsOf(capital.category, depreciation, history, asOf);
}

/** A capital's history in the order it happened (the write's transaction reads it under the capital's lock). */
export function historyOf(manager: EntityManager, capitalId: string): Promise<CapitalChange[]> {
  return manager.getRepository(CapitalChange).find({ where: { capitalId }, order: { effectiveOn: 'ASC', createdAt: 'ASC' } });
}

/** Capitals by id for one request, scoped, one statement per batch (also serves leases' `capital`). */
export function loadCapital(context: SubgraphContext, id: string): Promise<Capital | null> {
  return loadScopedById(context, Capital, id);
}

/** Capitals' histories, batched per request: one statement for every capital a response shows. */
export function loadHistory(context: SubgraphContext, capitalId: string): Promise<CapitalChange[]> {
  return loaderOf<string, CapitalChange[]>(context, 'capital-history', async (ids) => {
    const rows = await context.dataSource
      .getRepository(CapitalChange)
      .createQueryBuilder('c')
      .where('c.capital_id IN (:...ids)', { ids: [...ids] })
      .orderBy('c.effective_on', 'ASC')
      .addOrderBy('c.created_at', 'ASC')
      .getMany();
    return ids.map((id) => rows.filter((row) => row.capitalId === id));
  }).load(capitalId);
}

export interface RegisterLine {
  capital: Capital;
  value: BookValue;
}

export interface CapitalRegister {
  collectiveOrganisation: CollectiveOrganisation;
  category: CapitalCategory;
  asOf: string;
  lines: RegisterLine[];
}

/**
 * The register of one of an organisation's three capitals at the end of a day (三资台账): every
 * capital acquired by then and not disposed of, with its value then, by acquisition day then name.
 * Null when the organisation is not visible to the caller.
 */
export async function capitalRegister(
  context: SubgraphContext,
  organisationId: string,
  category: CapitalCategory,
  asOf: string | null | undefined,
): Promise<CapitalRegister | null> {
  const organisation = await loadScopedById(context, CollectiveOrganisation, organisationId);
  if (!organisation) return null;
  const day = asOf ?? todayInChina(new Date());
  const scope = scopeCondition(context.identity, 'k.region_code');
  const capitals = await context.dataSource
    .getRepository(Capital)
    .createQueryBuilder('k')
    .where('k.organisation_id = :organisationId AND k.category = :category AND k.acquired_on <= :day', {
      organisationId,
      category,
      day,
    })
    .andWhere(scope.sql, scope.params)
    .orderBy('k.acquired_on', 'ASC')
    .addOrderBy('k.name', 'ASC')
    .addOrderBy('k.id', 'ASC')
    .getMany();
  const histories = await Promise.all(capitals.map((c) => loadHistory(context, c.id)));
  const lines = capitals
    .map((capital, i) => ({ capital, value: capitalValueAsOf(capital, histories[i]!, day) }))
    .filter((line) => !line.value.disposed);
  return { collectiveOrganisation: organisation, category, asOf: day, lines };
}
