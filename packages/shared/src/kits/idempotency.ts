import type { EntityManager } from 'typeorm';
import { conflict, isUniqueViolation } from '../errors';

/** How a command finds what an idempotency key already made, and tells a retry from another request. */
export interface IdempotentCreate<T extends { id: string }> {
  /** The key the client sent, if any (`input.idempotencyKey`). */
  key: string | null | undefined;
  /** What the caller already made with this key (looked up by the caller and the key). */
  find: (key: string) => Promise<T | null>;
  /** True when the request says what the first one said: then it is a retry. */
  sameAs: (first: T) => boolean;
  /** The record's name in the CONFLICT message ("report", "wish", "order"). */
  what: string;
}

/**
 * Makes a record once per idempotency key, as payment APIs do: a retry with the key (an app on a poor
 * connection) returns the first record; two retries racing each other are decided by the table's
 * unique index on (caller, key); the key sent with a different request is a CONFLICT naming
 * `input.idempotencyKey`, so a client reusing keys by mistake learns it instead of losing a record.
 * `create` checks and writes; it runs in a savepoint, so when a racing retry wins the key the
 * transaction stays usable to return the winner.
 */
export async function createIdempotently<T extends { id: string }>(
  manager: EntityManager,
  spec: IdempotentCreate<T>,
  create: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const firstOrConflict = (first: T): T => {
    if (spec.sameAs(first)) return first;
    throw conflict(
      `The idempotency key ${spec.key} was already used for a different ${spec.what} (${first.id}); use a new key for a new ${spec.what}`,
      'input.idempotencyKey',
    );
  };
  const first = spec.key ? await spec.find(spec.key) : null;
  if (first) return firstOrConflict(first);
  try {
    return await manager.transaction(create);
  } catch (error) {
    const winner = isUniqueViolation(error) && spec.key ? await spec.find(spec.key) : null;
    if (!winner) throw error;
    return firstOrConflict(winner);
  }
}
