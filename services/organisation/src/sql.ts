import { DomainError, ErrorCode, type SubgraphContext } from '@gg/shared';
import type { EntityManager, ObjectLiteral, Repository } from 'typeorm';

/** Entities from raw rows of a hand-written statement that selected every column of the table. */
export function hydrate<T extends ObjectLiteral>(repository: Repository<T>, rows: Array<Record<string, unknown>>): T[] {
  return rows.map((row) => {
    const record = repository.create();
    for (const column of repository.metadata.columns) (record as Record<string, unknown>)[column.propertyName] = row[column.databaseName];
    return record;
  });
}

/** `alias."column", …` for every column of an entity, for hand-written statements. */
export function columnsOf<T extends ObjectLiteral>(repository: Repository<T>, alias: string): string {
  return repository.metadata.columns.map((c) => `${alias}."${c.databaseName}"`).join(', ');
}

/** The schema-qualified table of an entity, for hand-written statements. */
export function tableOfEntity<T extends ObjectLiteral>(repository: Repository<T>): string {
  return `"${repository.metadata.schema}"."${repository.metadata.tableName}"`;
}

/**
 * Serialises writes that depend on a county's chain configuration (creating, moving, reconfiguring):
 * a transaction-scoped advisory lock per county, so a create cannot slip past a configuration
 * change that is checking the existing organisations.
 */
export async function lockCounty(manager: EntityManager, countyCode: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`party-chain:${countyCode}`]);
}

/** A BAD_USER_INPUT that also names the domain rule broken, in `extensions.rule`. */
export function ruleBroken(field: string, rule: string, message: string): DomainError {
  const error = new DomainError(ErrorCode.BAD_USER_INPUT, `${rule}: ${message}`, field);
  (error.extensions as Record<string, unknown>).rule = rule;
  return error;
}

/** LIKE patterns of the caller's scopes (digits only, checked when the token was parsed). */
export function scopesOf(context: SubgraphContext): string[] {
  return context.identity.regionScopes.map((s) => `${s}%`);
}

/** A DataLoader key for an organisation's subtree: its id and materialised path (both needed by the batch). */
export function subtreeKey(organisation: { id: string; path: string }): string {
  return `${organisation.id} ${organisation.path}`;
}

export function fromSubtreeKey(key: string): { id: string; path: string } {
  const [id, path] = key.split(' ') as [string, string];
  return { id, path };
}
