import {
  loadScopedById,
  paginate,
  regionSubtreeCondition,
  timestampKey,
  type Connection,
  type ConnectionArgs,
  type SubgraphContext,
} from '@gg/shared';
import { ServiceTaker } from './service-taker.entity';

/** A page of takers (the type the generated resolver types map `ServiceTakerConnection` to). */
export type ServiceTakerPage = Connection<ServiceTaker>;

/** A taker by id, scoped, batched (null outside the caller's scope). */
export function loadServiceTaker(context: SubgraphContext, id: string): Promise<ServiceTaker | null> {
  return loadScopedById(context, ServiceTaker, id);
}

/** The takers the caller may see under a region prefix, in the order they were enrolled, then by id. */
export function listServiceTakers(context: SubgraphContext, regionCode: string, args: ConnectionArgs): Promise<ServiceTakerPage> {
  const region = regionSubtreeCondition('t.region_code', regionCode, context.identity);
  const query = context.dataSource.getRepository(ServiceTaker).createQueryBuilder('t').where(region.sql, region.params);
  return paginate(query, args, [
    timestampKey<ServiceTaker>('t.enrolled_at', 'ASC', (t) => t.enrolledAt),
    { column: 't.id', direction: 'ASC', value: (t) => t.id },
  ]);
}
