import { RegionalRecord } from '@gg/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One change of the ledger: who changed which fields of a household or member, when. Append-only in
 * the database (triggers refuse UPDATE, DELETE and TRUNCATE). Field names only, never values: the
 * history must not become a second copy of the personal information. `personal` marks changes of
 * personal fields (name, phone, address), the write side of the personal-data audit.
 */
@Entity('household_ledger_change')
@Index('household_ledger_change_household_idx', ['householdId', 'changedAt'])
@Index('household_ledger_change_region_idx', ['regionCode'])
export class HouseholdLedgerChange extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId: string | null;

  @Column({ name: 'grid_id', type: 'uuid' })
  gridId: string;

  @Column({ name: 'action', type: 'varchar', length: 30 })
  action: LedgerAction;

  @Column({ name: 'fields', type: 'text', array: true })
  fields: string[];

  @Column({ name: 'personal', type: 'boolean' })
  personal: boolean;

  @Column({ name: 'note', type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'changed_by', type: 'varchar', length: 200 })
  changedBy: string;

  @Column({ name: 'changed_by_name', type: 'varchar', length: 100 })
  changedByName: string;

  @Column({ name: 'operation_name', type: 'varchar', length: 200, nullable: true })
  operationName: string | null;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}

/** What a ledger change did. */
export const LEDGER_ACTIONS = ['HOUSEHOLD_UPDATED', 'MEMBER_UPDATED', 'MEMBER_LEFT', 'HOUSEHOLD_MOVED'] as const;
export type LedgerAction = (typeof LEDGER_ACTIONS)[number];
