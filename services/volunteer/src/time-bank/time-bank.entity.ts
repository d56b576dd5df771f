import { RegionalRecord } from '@gg/shared';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { TimeBankHolderKind, TimeBankTransferKind } from './time-bank.rules';

/**
 * A time-bank account (时间银行账户): a Party member's, a registered volunteer's, a household leader's
 * (by their household), or a community's own account from which service
 * hours are issued and into which spent hours return. It holds no balance column: the balance is
 * the sum of its entries, so it cannot drift from them.
 */
@Entity('time_bank_account')
@Index('time_bank_account_holder_key', ['holderKind', 'holderKey'], { unique: true })
@Index('time_bank_account_region_idx', ['regionCode'])
export class TimeBankAccount extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'holder_kind', type: 'varchar', length: 20 })
  holderKind: TimeBankHolderKind;

  /** The Party member's id, the volunteer's id, the household's id, or the community's code for a community account. */
  @Column({ name: 'holder_key', type: 'varchar', length: 64 })
  holderKey: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;
}

/** One posting (记账凭证): a credit, a debit or a reversal; its entries sum to zero. */
@Entity('time_bank_transfer')
@Index('time_bank_transfer_reverses_key', ['reversesId'], { unique: true })
@Index('time_bank_transfer_source_key', ['sourceKey'], { unique: true })
export class TimeBankTransfer extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  kind: TimeBankTransferKind;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  /** The transfer this one reverses; unique, so a transfer is reversed at most once. */
  @Column({ name: 'reverses_id', type: 'uuid', nullable: true })
  reversesId: string | null;

  @ManyToOne(() => TimeBankTransfer)
  @JoinColumn({ name: 'reverses_id', foreignKeyConstraintName: 'time_bank_transfer_reverses_id_fkey' })
  reverses?: TimeBankTransfer;

  /**
   * What the transfer is for when another aggregate posts it (`activity-sign-up:<id>`): unique, so
   * the same service is never credited twice, whoever retries.
   */
  @Column({ name: 'source_key', type: 'varchar', length: 100, nullable: true })
  sourceKey: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 200 })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}

/** One side of a transfer on one account, in whole minutes: positive credits, negative debits. */
@Entity('time_bank_entry')
@Index('time_bank_entry_account_idx', ['accountId', 'recordedAt', 'id'])
@Index('time_bank_entry_transfer_idx', ['transferId'])
@Check('time_bank_entry_minutes_check', '"minutes" <> 0')
export class TimeBankEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'transfer_id', type: 'uuid' })
  transferId: string;

  @ManyToOne(() => TimeBankTransfer)
  @JoinColumn({ name: 'transfer_id', foreignKeyConstraintName: 'time_bank_entry_transfer_id_fkey' })
  transfer?: TimeBankTransfer;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => TimeBankAccount)
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'time_bank_entry_account_id_fkey' })
  account?: TimeBankAccount;

  @Column({ type: 'int' })
  minutes: number;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
