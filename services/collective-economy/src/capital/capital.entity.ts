import { FEN_COLUMN, RegionalRecord } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CapitalCategory, CapitalChangeKind, CapitalKind, PostingMode } from './capital.rules';

/**
 * One capital (三资) of a collective organisation: a fund, an asset or a resource. Never changed once
 * registered: what happens to it later is its history (`CapitalChange`), so its value on any past day
 * is reproducible.
 */
@Entity('capital')
@Index('capital_organisation_category_idx', ['organisationId', 'category'])
@Check('capital_depreciation_check', `("category" = 'ASSET') = ("useful_life_months" IS NOT NULL AND "residual_rate_bp" IS NOT NULL)`)
export class Capital extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'category', type: 'varchar', length: 10 })
  category: CapitalCategory;

  @Column({ name: 'kind', type: 'varchar', length: 20 })
  kind: CapitalKind;

  @Column({ name: 'name', type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'location', type: 'varchar', length: 200, nullable: true })
  location: string | null;

  /** YYYY-MM-DD: when it came to the organisation. */
  @Column({ name: 'acquired_on', type: 'date' })
  acquiredOn: string;

  /** Assets only: the county's useful life for the kind when the asset was registered. */
  @Column({ name: 'useful_life_months', type: 'integer', nullable: true })
  usefulLifeMonths: number | null;

  /** Assets only: the residual value rate in basis points, as the county set it then. */
  @Column({ name: 'residual_rate_bp', type: 'integer', nullable: true })
  residualRateBp: number | null;

  @Column({ name: 'registered_by', type: 'varchar', length: 200 })
  registeredBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One change of a capital's value on a day (acquired, increased, decreased, disposed of). Append-only. */
@Entity('capital_change')
@Index('capital_change_capital_day_idx', ['capitalId', 'effectiveOn'])
@Check('capital_change_amount_check', `"amount_fen" >= 0 AND ("kind" = 'DISPOSED') = ("amount_fen" = 0)`)
export class CapitalChange extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'capital_id', type: 'uuid' })
  capitalId: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'kind', type: 'varchar', length: 10 })
  kind: CapitalChangeKind;

  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: FEN_COLUMN })
  amountFen: bigint;

  @Column({ name: 'reason', type: 'varchar', length: 1000 })
  reason: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 200 })
  recordedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * One posting of a fixed asset to the ledger (its registration, a change, a month's depreciation, its
 * disposal): the entry and what it moved of the asset's cost and accumulated depreciation (signed), so
 * the sums are what the books hold for the asset. A month's depreciation is posted once per asset (the
 * unique index decides, as for rent). Append-only.
 */
@Entity('capital_posting')
@Index('capital_posting_capital_idx', ['capitalId'])
@Index('capital_posting_entry_key', ['entryId'], { unique: true })
@Index('capital_posting_month_key', ['capitalId', 'month'], { unique: true, where: '"month" IS NOT NULL' })
export class CapitalPosting extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'capital_id', type: 'uuid' })
  capitalId: string;

  @Column({ name: 'mode', type: 'varchar', length: 12 })
  mode: PostingMode;

  /** YYYY-MM: the month a monthly run posted (its depreciation); null for a registration, change or disposal. */
  @Column({ name: 'month', type: 'varchar', length: 7, nullable: true })
  month: string | null;

  @Column({ name: 'entry_id', type: 'uuid' })
  entryId: string;

  @Column({ name: 'cost_fen', type: 'bigint', transformer: FEN_COLUMN })
  costFen: bigint;

  @Column({ name: 'depreciation_fen', type: 'bigint', transformer: FEN_COLUMN })
  depreciationFen: bigint;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
