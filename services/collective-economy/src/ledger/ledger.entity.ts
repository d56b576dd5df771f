import { FEN_COLUMN, RegionalRecord } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CollectiveOrganisation } from '../collective-organisation/collective-organisation.entity';
import type { LedgerAccount } from './ledger.rules';

/** A ledger entry (记账凭证): balanced lines on one day; never changed, corrected by a reversing entry. */
@Entity('ledger_entry')
@Index('ledger_entry_organisation_day_idx', ['organisationId', 'postedOn'])
@Index('ledger_entry_reverses_key', ['reversesEntryId'], { unique: true })
@Check('ledger_entry_reversal_reason_check', '("reverses_entry_id" IS NULL) = ("reason" IS NULL)')
export class LedgerEntry extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => CollectiveOrganisation, { nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'ledger_entry_organisation_fk' })
  organisation?: CollectiveOrganisation;

  /** YYYY-MM-DD: the accounting day. */
  @Column({ name: 'posted_on', type: 'date' })
  postedOn: string;

  @Column({ name: 'description', type: 'varchar', length: 200 })
  description: string;

  @Column({ name: 'reverses_entry_id', type: 'uuid', nullable: true })
  reversesEntryId: string | null;

  @Column({ name: 'reason', type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'posted_by', type: 'varchar', length: 200 })
  postedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One line of an entry: a debit or a credit of one account, in fen. */
@Entity('ledger_line')
@Index('ledger_line_entry_position_key', ['entryId', 'position'], { unique: true })
@Check('ledger_line_amount_check', '"debit_fen" >= 0 AND "credit_fen" >= 0 AND ("debit_fen" = 0) <> ("credit_fen" = 0)')
export class LedgerLine {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'entry_id', type: 'uuid' })
  entryId: string;

  @Column({ name: 'position', type: 'integer' })
  position: number;

  @Column({ name: 'account', type: 'varchar', length: 40 })
  account: LedgerAccount;

  @Column({ name: 'debit_fen', type: 'bigint', transformer: FEN_COLUMN })
  debitFen: bigint;

  @Column({ name: 'credit_fen', type: 'bigint', transformer: FEN_COLUMN })
  creditFen: bigint;
}

/** A closed month ("2025-03") or year ("2025") of an organisation's books: nothing more is posted into it. */
@Entity('ledger_period_close')
@Index('ledger_period_close_key', ['organisationId', 'period'], { unique: true })
export class LedgerPeriodClose extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'period', type: 'varchar', length: 7 })
  period: string;

  @Column({ name: 'closed_by', type: 'varchar', length: 200 })
  closedBy: string;

  @CreateDateColumn({ name: 'closed_at', type: 'timestamptz' })
  closedAt: Date;
}
