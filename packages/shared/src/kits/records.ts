import { coversRegion, type Identity } from '../auth';
import { isUuid, notFound } from '../errors';
import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';

/**
 * A record a write names by id (a grid, a household, a case, a compound…), read in the
 * write's transaction. One that does not exist and one outside the caller's scope are the same
 * NOT_FOUND naming the field: a write must not confirm that a record of another county exists.
 */
export async function recordForWrite<T extends ObjectLiteral & { id: string; regionCode: string }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  options: { identity: Identity; field: string; label: string; lock?: boolean },
): Promise<T> {
  const found = isUuid(id)
    ? await manager.findOne(entity, {
        where: { id } as FindOptionsWhere<T>,
        ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      })
    : null;
  if (!found || !coversRegion(options.identity, found.regionCode)) throw notFound(`${options.label} ${id}`, options.field);
  return found;
}

/** Several records of one kind named by a list field (`input.gridIds`): each must exist in scope; NOT_FOUND names its index. */
export async function recordsForWrite<T extends ObjectLiteral & { id: string; regionCode: string }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  ids: readonly string[],
  options: { identity: Identity; field: string; label: string },
): Promise<T[]> {
  const records: T[] = [];
  for (const [i, id] of ids.entries())
    records.push(await recordForWrite(manager, entity, id, { ...options, field: `${options.field}.${i}` }));
  return records;
}
