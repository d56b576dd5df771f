import {
  loadScopedById,
  paginate,
  regionSubtreeCondition,
  scopedQuery,
  timestampKey,
  type Connection,
  type ConnectionArgs,
  type SubgraphContext,
} from '@gg/shared';
import { MicroWish, MicroWishStep } from './micro-wish.entity';
import type { WishStatus } from './micro-wish.rules';

export type MicroWishPage = Connection<MicroWish>;

export function loadMicroWish(context: SubgraphContext, id: string): Promise<MicroWish | null> {
  return loadScopedById(context, MicroWish, id);
}

/** A page of the wishes the caller may see under a region prefix, newest first, optionally of some statuses. */
export function listMicroWishes(
  context: SubgraphContext,
  filter: { regionCode: string; statuses?: readonly WishStatus[] | null },
  args: ConnectionArgs,
): Promise<MicroWishPage> {
  const region = regionSubtreeCondition('w.region_code', filter.regionCode, context.identity);
  const query = context.dataSource.getRepository(MicroWish).createQueryBuilder('w').where(region.sql, region.params);
  if (filter.statuses?.length) query.andWhere('w.status IN (:...statuses)', { statuses: [...filter.statuses] });
  return paginate(query, args, [
    timestampKey<MicroWish>('w.posted_at', 'DESC', (w) => w.postedAt),
    { column: 'w.id', direction: 'ASC', value: (w) => w.id },
  ]);
}

/** A wish's history, in order (the caller sees the wish, and the steps share its region). */
export function wishSteps(context: SubgraphContext, wishId: string): Promise<MicroWishStep[]> {
  return context.dataSource.getRepository(MicroWishStep).find({ where: { wishId }, order: { version: 'ASC' } });
}

/** The wishes the caller posted or holds a claim on (standing or completed), newest first, within their scope. */
export function myMicroWishes(context: SubgraphContext, args: ConnectionArgs): Promise<MicroWishPage> {
  const query = scopedQuery(context.dataSource, MicroWish, 'w', context.identity).andWhere(
    '(w.poster_subject = :subject OR w.claimant_subject = :subject)',
    { subject: context.identity.subject },
  );
  return paginate(query, args, [
    timestampKey<MicroWish>('w.posted_at', 'DESC', (w) => w.postedAt),
    { column: 'w.id', direction: 'ASC', value: (w) => w.id },
  ]);
}
