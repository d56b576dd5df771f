import {
  loaderOf,
  loadScopedById,
  paginate,
  regionSubtreeCondition,
  type Connection,
  type ConnectionArgs,
  type SubgraphContext,
} from '@gg/shared';
import { Merchant, MerchantReward } from './merchant.entity';

/** A page of merchants (the type the generated resolver types map `MerchantConnection` to). */
export type MerchantPage = Connection<Merchant>;

export function listMerchants(context: SubgraphContext, regionCode: string, args: ConnectionArgs): Promise<MerchantPage> {
  const region = regionSubtreeCondition('m.region_code', regionCode, context.identity);
  const query = context.dataSource.getRepository(Merchant).createQueryBuilder('m').where(region.sql, region.params);
  return paginate(query, args, [
    { column: 'm.name', direction: 'ASC', value: (m) => m.name },
    { column: 'm.id', direction: 'ASC', value: (m) => m.id },
  ]);
}

export function loadMerchant(context: SubgraphContext, id: string): Promise<Merchant | null> {
  return loadScopedById(context, Merchant, id);
}

export function loadReward(context: SubgraphContext, id: string): Promise<MerchantReward | null> {
  return loadScopedById(context, MerchantReward, id);
}

/** A shop's rewards by name, for a batch of shops in one statement (a shop offers a handful). */
export function merchantRewards(context: SubgraphContext, merchant: Merchant): Promise<MerchantReward[]> {
  return loaderOf<string, MerchantReward[]>(context, 'merchant-rewards', async (ids) => {
    const rows = await context.dataSource
      .getRepository(MerchantReward)
      .createQueryBuilder('r')
      .where('r.merchant_id IN (:...ids)', { ids })
      .orderBy('r.name')
      .addOrderBy('r.id')
      .getMany();
    return ids.map((id) => rows.filter((r) => r.merchantId === id));
  }).load(merchant.id);
}
