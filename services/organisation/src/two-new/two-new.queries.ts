import {
  paginate,
  regionPrefixInput,
  regionSubtreeCondition,
  type Connection,
  type ConnectionArgs,
  type SubgraphContext,
} from '@gg/shared';
import { TwoNewEntity } from './two-new.entity';

export type TwoNewEntityConnection = Connection<TwoNewEntity>;

/** A page of the two-new organisations registered under a region, by name then id, scoped. */
export function twoNewEntitiesConnection(
  context: SubgraphContext,
  args: ConnectionArgs & { regionCode: string },
): Promise<TwoNewEntityConnection> {
  const inRegion = regionSubtreeCondition('t.region_code', regionPrefixInput(args.regionCode), context.identity);
  const query = context.dataSource.getRepository(TwoNewEntity).createQueryBuilder('t').where(inRegion.sql, inRegion.params);
  return paginate(query, args, [
    { column: 't.name', direction: 'ASC', value: (t) => t.name },
    { column: 't.id', direction: 'ASC', value: (t) => t.id },
  ]);
}
