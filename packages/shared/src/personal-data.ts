import { Column, Entity, Index, PrimaryGeneratedColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { forbidden } from './errors';
import { scopedQuery, tableOf, schemaOf } from './database';
import { loaderOf, type SubgraphContext } from './subgraph';
import { residentIdProblem } from './pii';
import { parseEnv } from './env';

/**
 * The audit log of whole (unmasked) reads of personal information (PIPL). Append-only: no code path
 * updates or deletes it, and database triggers refuse UPDATE, DELETE and TRUNCATE, so records are
 * kept at least the 180 days required (in fact for good; archiving is an export, never a delete).
 */
@Entity('personal_data_access')
@Index('personal_data_access_region_time_idx', ['regionCode', 'accessedAt'])
export class PersonalDataAccess {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'accessed_at', type: 'timestamptz', default: () => 'now()' })
  accessedAt: Date;

  /** Who read it: the token's subject. */
  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ name: 'subject_name', type: 'varchar', length: 100 })
  subjectName: string;

  /** The caller's roles at the time. */
  @Column({ type: 'text', array: true })
  roles: string[];

  /** Region of the record read (audit records are scoped like the records they describe). */
  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  regionCode: string;

  @Column({ name: 'record_type', type: 'varchar', length: 50 })
  recordType: string;

  @Column({ name: 'record_id', type: 'varchar', length: 64 })
  recordId: string;

  @Column({ type: 'varchar', length: 50 })
  field: string;

  @Column({ name: 'operation_name', type: 'varchar', length: 200, nullable: true })
  operationName: string | null;

  @Column({ type: 'varchar', length: 10 })
  outcome: 'SUCCESS' | 'FAILURE';

  @Column({ type: 'text', nullable: true })
  reason: string | null;
}

/** Creates the audit table and the triggers that make it append-only; part of every service's migrations. */
export class CreatePersonalDataAccess1763800000050 implements MigrationInterface {
  name = 'CreatePersonalDataAccess1763800000050';
  async up(runner: QueryRunner): Promise<void> {
    const t = tableOf(runner, 'personal_data_access');
    const fn = `"${schemaOf(runner.connection)}"."personal_data_access_append_only"`;
    await runner.query(`CREATE TABLE ${t} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "accessed_at" timestamptz NOT NULL DEFAULT now(),
      "subject" varchar(200) NOT NULL,
      "subject_name" varchar(100) NOT NULL,
      "roles" text[] NOT NULL,
      "region_code" varchar(12) NOT NULL,
      "record_type" varchar(50) NOT NULL,
      "record_id" varchar(64) NOT NULL,
      "field" varchar(50) NOT NULL,
      "operation_name" varchar(200),
      "outcome" varchar(10) NOT NULL,
      "reason" text
    )`);
    await runner.query(`CREATE INDEX "personal_data_access_region_time_idx" ON ${t} ("region_code", "accessed_at")`);
    await runner.query(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'personal_data_access is append-only: % refused', TG_OP;
      END
    $$`);
    await runner.query(
      `CREATE TRIGGER "personal_data_access_no_change" BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
    );
    await runner.query(
      `CREATE TRIGGER "personal_data_access_no_truncate" BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'personal_data_access')}`);
    await runner.query(`DROP FUNCTION "${schemaOf(runner.connection)}"."personal_data_access_append_only"()`);
  }
}

/** The personal record a field belongs to. */
export interface PersonalRecord {
  recordType: string;
  recordId: string;
  regionCode: string;
}

type AccessEntry = Omit<PersonalDataAccess, 'id' | 'accessedAt'>;

/** Appends audit records, batched per request: one INSERT however many fields a response reveals. */
function appendAccess(context: SubgraphContext, entry: AccessEntry): Promise<void> {
  return loaderOf<AccessEntry, void>(
    context,
    'personal-data-access',
    async (entries) => {
      await context.dataSource.getRepository(PersonalDataAccess).insert([...entries]);
      return entries.map(() => undefined);
    },
    { cache: false },
  ).load(entry);
}

export interface RevealOptions {
  /** The caller asked for the whole value (`reveal: true`). */
  reveal: boolean;
  /** Why the caller may see it whole, or undefined when they may not (see each service's rules). */
  allowed: boolean;
  mask: (value: string) => string;
}

/**
 * A personal field as the caller may see it: masked unless they ask for it whole and their role
 * and scope allow it. Every whole read is audited before the value leaves the service; a refused
 * one is audited as FAILURE and answered FORBIDDEN.
 */
export async function personalValue(
  context: SubgraphContext,
  record: PersonalRecord,
  field: string,
  value: string | null,
  options: RevealOptions,
): Promise<string | null> {
  if (value === null) return null;
  if (!options.reveal) return options.mask(value);
  const entry: AccessEntry = {
    subject: context.identity.subject,
    subjectName: context.identity.name,
    roles: context.identity.roles,
    regionCode: record.regionCode,
    recordType: record.recordType,
    recordId: record.recordId,
    field,
    operationName: context.operationName ?? null,
    outcome: options.allowed ? 'SUCCESS' : 'FAILURE',
    reason: options.allowed ? null : 'role or scope does not allow the whole value',
  };
  await appendAccess(context, entry);
  if (!options.allowed) throw forbidden(`You may not see ${record.recordType}.${field} whole; it stays masked`);
  return value;
}

/** Audit records in the caller's scope, newest first (for AUDITOR). */
export function listPersonalDataAccesses(
  context: SubgraphContext,
  filter: { regionCode: string; since?: Date; until?: Date; first: number },
): Promise<PersonalDataAccess[]> {
  const query = scopedQuery(context.dataSource, PersonalDataAccess, 'a', context.identity)
    .andWhere('a.region_code LIKE :prefix', { prefix: `${filter.regionCode}%` })
    .orderBy('a.accessed_at', 'DESC')
    .take(filter.first);
  if (filter.since) query.andWhere('a.accessed_at >= :since', { since: filter.since });
  if (filter.until) query.andWhere('a.accessed_at < :until', { until: filter.until });
  return query.getMany();
}

/** True when a value anywhere inside holds a valid resident ID number (refused in job payloads and logs). */
export function containsResidentId(value: unknown): boolean {
  if (typeof value === 'string') {
    return /\d{17}[\dXx]/.test(value) && (value.match(/\d{17}[\dXx]/g) ?? []).some((m) => residentIdProblem(m) === undefined);
  }
  if (Array.isArray(value)) return value.some(containsResidentId);
  if (value && typeof value === 'object') return Object.values(value).some(containsResidentId);
  return false;
}

let keys: { encryption: string; hash: string } | undefined;

/** The keys for encrypting personal identifiers and hashing them for look-up, parsed once from the environment. */
export function personalDataKeys(): { encryption: string; hash: string } {
  if (!keys) {
    const env = parseEnv({});
    keys = { encryption: env.PII_ENCRYPTION_KEY, hash: env.PII_HASH_KEY };
  }
  return keys;
}
