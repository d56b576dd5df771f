import {
  Column,
  Entity,
  Index,
  PrimaryColumn,
  type DataSource,
  type EntityManager,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { coversRegion, type Identity } from './auth';
import { tableOf } from './database';
import type { ServiceName } from './env';
import { badInput, isUuid, notFound } from './errors';
import {
  CollectiveOrganisationCreated,
  DepartmentCreated,
  DoubleReportAssigned,
  GridCreated,
  GridRetired,
  HouseholdMoved,
  HouseholdRegistered,
  PartyMemberRegistered,
  PartyOrganisationCreated,
  PartyOrganisationDissolved,
  PropertyCompanyRegistered,
  RegionAdded,
  ResidentialCompoundRegistered,
  VolunteerTeamCreated,
} from './events';
import { consumeEvent, type EventConsumer, type EventDelivery, type EventSubscriber } from './event-subscriber';

/**
 * What one service may store of another's records: an id (or a region code) it has seen announced by
 * an event. Writes check ids and codes against this table, so nothing unknown is ever stored; the
 * table is fed by events and rebuilt by replaying the owner's outbox (`rebuildReferences`).
 */
export const REFERENCE_KINDS = {
  REGION: { owner: 'organisation', label: 'region' },
  PARTY_ORGANISATION: { owner: 'organisation', label: 'Party organisation' },
  PARTY_MEMBER: { owner: 'organisation', label: 'Party member' },
  DEPARTMENT: { owner: 'organisation', label: 'department' },
  /** A Party member reporting in (双报到) to a community: keyed by the member, in the community, under the grid assigned. */
  REPORTING_IN_MEMBER: { owner: 'organisation', label: 'reporting-in Party member' },
  GRID: { owner: 'grid', label: 'grid' },
  HOUSEHOLD: { owner: 'grid', label: 'household' },
  VOLUNTEER_TEAM: { owner: 'volunteer', label: 'volunteer team' },
  PROPERTY_COMPANY: { owner: 'property', label: 'property company' },
  COMPOUND: { owner: 'property', label: 'residential compound' },
  COLLECTIVE_ORGANISATION: { owner: 'collective-economy', label: 'collective organisation' },
} as const satisfies Record<string, { owner: ServiceName; label: string }>;

export type ReferenceKind = keyof typeof REFERENCE_KINDS;

@Entity('reference')
@Index('reference_parent_idx', ['kind', 'parentKey'])
export class Reference {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  kind: ReferenceKind;

  /** The record's id, or the region's code. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  /** The region the record belongs to (scope checks on references use it). */
  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  regionCode: string;

  /** A record it hangs off (a household's grid, a region's parent), when it has one. */
  @Column({ name: 'parent_key', type: 'varchar', length: 64, nullable: true })
  parentKey: string | null;

  /** RETIRED when the owner retired it (a merged grid, a dissolved branch); kept so old links still resolve. */
  @Column({ type: 'varchar', length: 10, default: 'ACTIVE' })
  status: 'ACTIVE' | 'RETIRED';

  /** Where a retired record's work went (a merged grid's successor). */
  @Column({ name: 'successor_keys', type: 'text', array: true, default: () => "'{}'" })
  successorKeys: string[];

  /** The outbox position of the event that last changed the row: an older replayed event never overwrites a newer one. */
  @Column({ type: 'bigint' })
  position: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

/** Creates the reference table; part of every service's migrations. */
export class CreateReference1764400000100 implements MigrationInterface {
  name = 'CreateReference1764400000100';
  async up(runner: QueryRunner): Promise<void> {
    const t = tableOf(runner, 'reference');
    await runner.query(`CREATE TABLE ${t} (
      "kind" varchar(40) NOT NULL,
      "key" varchar(64) NOT NULL,
      "region_code" varchar(12) NOT NULL,
      "parent_key" varchar(64),
      "status" varchar(10) NOT NULL DEFAULT 'ACTIVE',
      "successor_keys" text array NOT NULL DEFAULT '{}',
      "position" bigint NOT NULL,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_reference" PRIMARY KEY ("kind", "key")
    )`);
    await runner.query(`CREATE INDEX "reference_parent_idx" ON ${t} ("kind", "parent_key")`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'reference')}`);
  }
}

interface ReferenceChange {
  kind: ReferenceKind;
  key: string;
  regionCode: string;
  parentKey?: string | null;
  status?: 'ACTIVE' | 'RETIRED';
  successorKeys?: string[];
}

/** Upserts a reference unless a newer event already wrote it (replays are harmless). */
async function upsertReference(delivery: EventDelivery, change: ReferenceChange): Promise<void> {
  await delivery.manager.query(
    `INSERT INTO ${tableOf(delivery.manager.connection, 'reference')} AS r (kind, key, region_code, parent_key, status, successor_keys, position)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (kind, key) DO UPDATE SET region_code = EXCLUDED.region_code,
       parent_key = COALESCE(EXCLUDED.parent_key, r.parent_key), status = EXCLUDED.status,
       successor_keys = EXCLUDED.successor_keys, position = EXCLUDED.position, updated_at = now()
     WHERE r.position < EXCLUDED.position`,
    [
      change.kind,
      change.key,
      change.regionCode,
      change.parentKey ?? null,
      change.status ?? 'ACTIVE',
      change.successorKeys ?? [],
      delivery.position,
    ],
  );
}

/** The consumers that keep one kind of reference current. */
const CONSUMERS: Record<ReferenceKind, EventConsumer[]> = {
  REGION: [
    consumeEvent(RegionAdded, (p, d) => upsertReference(d, { kind: 'REGION', key: p.code, regionCode: p.code, parentKey: p.parentCode })),
  ],
  PARTY_ORGANISATION: [
    consumeEvent(PartyOrganisationCreated, (p, d) =>
      upsertReference(d, { kind: 'PARTY_ORGANISATION', key: p.id, regionCode: p.regionCode }),
    ),
    consumeEvent(PartyOrganisationDissolved, (p, d) =>
      upsertReference(d, { kind: 'PARTY_ORGANISATION', key: p.id, regionCode: p.regionCode, status: 'RETIRED' }),
    ),
  ],
  PARTY_MEMBER: [
    consumeEvent(PartyMemberRegistered, (p, d) =>
      upsertReference(d, { kind: 'PARTY_MEMBER', key: p.id, regionCode: p.regionCode, parentKey: p.organisationId }),
    ),
  ],
  REPORTING_IN_MEMBER: [
    consumeEvent(DoubleReportAssigned, (p, d) =>
      upsertReference(d, { kind: 'REPORTING_IN_MEMBER', key: p.memberId, regionCode: p.regionCode, parentKey: p.gridId }),
    ),
  ],
  DEPARTMENT: [consumeEvent(DepartmentCreated, (p, d) => upsertReference(d, { kind: 'DEPARTMENT', key: p.id, regionCode: p.regionCode }))],
  GRID: [
    consumeEvent(GridCreated, (p, d) => upsertReference(d, { kind: 'GRID', key: p.id, regionCode: p.regionCode })),
    consumeEvent(GridRetired, (p, d) =>
      upsertReference(d, { kind: 'GRID', key: p.id, regionCode: p.regionCode, status: 'RETIRED', successorKeys: p.successorIds }),
    ),
  ],
  HOUSEHOLD: [
    consumeEvent(HouseholdRegistered, (p, d) =>
      upsertReference(d, { kind: 'HOUSEHOLD', key: p.id, regionCode: p.regionCode, parentKey: p.gridId }),
    ),
    consumeEvent(HouseholdMoved, (p, d) =>
      upsertReference(d, { kind: 'HOUSEHOLD', key: p.id, regionCode: p.regionCode, parentKey: p.gridId }),
    ),
  ],
  VOLUNTEER_TEAM: [
    consumeEvent(VolunteerTeamCreated, (p, d) => upsertReference(d, { kind: 'VOLUNTEER_TEAM', key: p.id, regionCode: p.regionCode })),
  ],
  PROPERTY_COMPANY: [
    consumeEvent(PropertyCompanyRegistered, (p, d) =>
      upsertReference(d, { kind: 'PROPERTY_COMPANY', key: p.id, regionCode: p.regionCode }),
    ),
  ],
  COMPOUND: [
    consumeEvent(ResidentialCompoundRegistered, (p, d) =>
      upsertReference(d, { kind: 'COMPOUND', key: p.id, regionCode: p.regionCode, parentKey: p.gridId }),
    ),
  ],
  COLLECTIVE_ORGANISATION: [
    consumeEvent(CollectiveOrganisationCreated, (p, d) =>
      upsertReference(d, { kind: 'COLLECTIVE_ORGANISATION', key: p.id, regionCode: p.regionCode }),
    ),
  ],
};

/** The event consumers that feed the given kinds of reference. */
export function referenceConsumers(kinds: readonly ReferenceKind[]): EventConsumer[] {
  return [...new Set(kinds)].flatMap((kind) => CONSUMERS[kind]);
}

export interface ReferenceCheck {
  /** The input field that holds the id or code, named in the error. */
  field: string;
  /** When given, a record outside the caller's scope is NOT_FOUND (it must not even be confirmed to exist). */
  identity?: Identity;
  /** A retired record (a merged grid) is refused unless the field may point at history. */
  allowRetired?: boolean;
}

/**
 * Checks at write time that another service's record exists (as far as its events have told this
 * service), is in the caller's scope and is not retired. Refuses with BAD_USER_INPUT or NOT_FOUND
 * naming the field, so an unknown id is never stored.
 */
export async function requireReference(
  source: DataSource | EntityManager,
  kind: ReferenceKind,
  key: string,
  check: ReferenceCheck,
): Promise<Reference> {
  const { label } = REFERENCE_KINDS[kind];
  if (kind === 'REGION' ? !/^\d{2,12}$/.test(key) : !isUuid(key)) {
    throw badInput(
      check.field,
      kind === 'REGION' ? `${check.field} must be a region code of 2–12 digits` : `${check.field} is not a ${label} id`,
    );
  }
  const row = await source.getRepository(Reference).findOneBy({ kind, key });
  if (!row) throw badInput(check.field, `${check.field}: no ${label} ${key} is known`);
  if (check.identity && !coversRegion(check.identity, row.regionCode))
    throw notFound(`${label[0]!.toUpperCase()}${label.slice(1)} ${key}`, check.field);
  if (row.status === 'RETIRED' && !check.allowRetired) {
    const successors = row.successorKeys.length ? ` (its work went to ${row.successorKeys.join(', ')})` : '';
    throw badInput(check.field, `${check.field}: ${label} ${key} was retired${successors}`);
  }
  return row;
}

/** Checks several references of one kind at once (e.g. households to link); same rules as `requireReference`. */
export async function requireReferences(
  source: DataSource | EntityManager,
  kind: ReferenceKind,
  keys: readonly string[],
  check: ReferenceCheck,
): Promise<Reference[]> {
  const rows: Reference[] = [];
  for (const [i, key] of keys.entries()) rows.push(await requireReference(source, kind, key, { ...check, field: `${check.field}.${i}` }));
  return rows;
}

/**
 * Rebuilds this service's references owned by `producer` from the producer's outbox: the rows are
 * cleared and every event replayed, in one go (a new service, a lost queue, a suspected drift).
 */
export async function rebuildReferences(subscriber: EventSubscriber, producer: ServiceName): Promise<void> {
  const kinds = (Object.keys(REFERENCE_KINDS) as ReferenceKind[]).filter((k) => REFERENCE_KINDS[k].owner === producer);
  await subscriber.rebuildFrom(producer, async (manager) => {
    await manager.query(`DELETE FROM ${tableOf(manager.connection, 'reference')} WHERE kind = ANY($1)`, [kinds]);
  });
}
