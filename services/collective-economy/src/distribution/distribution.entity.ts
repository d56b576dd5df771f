import { FEN_COLUMN, RegionalRecord } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DistributionStatus } from './distribution.lifecycle';

/** An organisation's annual distribution (年度分红) of one closed year. */
@Entity('distribution')
@Index('distribution_organisation_year_key', ['organisationId', 'year'], { unique: true })
@Check('distribution_four_eyes_check', '"approved_by" IS NULL OR "approved_by" <> "drafted_by"')
export class Distribution extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'year', type: 'integer' })
  year: number;

  /** The day whose share register decides who is paid (股权登记日). */
  @Column({ name: 'record_date', type: 'date' })
  recordDate: string;

  @Column({ name: 'status', type: 'varchar', length: 20 })
  status: DistributionStatus;

  @Column({ name: 'income_fen', type: 'bigint', transformer: FEN_COLUMN })
  incomeFen: bigint;

  @Column({ name: 'expense_fen', type: 'bigint', transformer: FEN_COLUMN })
  expenseFen: bigint;

  @Column({ name: 'community_share_bp', type: 'integer' })
  communityShareBp: number;

  @Column({ name: 'community_share_fen', type: 'bigint', transformer: FEN_COLUMN })
  communityShareFen: bigint;

  @Column({ name: 'shareholders_fen', type: 'bigint', transformer: FEN_COLUMN })
  shareholdersFen: bigint;

  @Column({ name: 'nothing_to_distribute', type: 'boolean' })
  nothingToDistribute: boolean;

  @Column({ name: 'drafted_by', type: 'varchar', length: 200 })
  draftedBy: string;

  @Column({ name: 'reviewed_by', type: 'varchar', length: 200, nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'approved_by', type: 'varchar', length: 200, nullable: true })
  approvedBy: string | null;

  @Column({ name: 'posted_entry_id', type: 'uuid', nullable: true })
  postedEntryId: string | null;

  /** When each step was taken; null before it, or for a step taken before the times were recorded. */
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'posted_at', type: 'timestamptz', nullable: true })
  postedAt: Date | null;

  @Column({ name: 'version', type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One shareholder's part of a distribution. */
@Entity('distribution_allocation')
@Index('distribution_allocation_key', ['distributionId', 'shareholderId'], { unique: true })
@Index('distribution_allocation_shareholder_idx', ['shareholderId'])
export class DistributionAllocation extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'distribution_id', type: 'uuid' })
  distributionId: string;

  @Column({ name: 'shareholder_id', type: 'uuid' })
  shareholderId: string;

  @Column({ name: 'shares', type: 'bigint', transformer: FEN_COLUMN })
  shares: bigint;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: FEN_COLUMN })
  amountFen: bigint;
}
