import { FEN_COLUMN, RegionalRecord } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A shareholder (股东) of a collective organisation: a resident who contributed capital. */
@Entity('shareholder')
@Index('shareholder_organisation_idx', ['organisationId'])
export class Shareholder extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  /** Personal: answered masked (张*). */
  @Column({ name: 'name', type: 'varchar', length: 50 })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export type ShareMovementKind = 'ISSUE' | 'TRANSFER_IN' | 'TRANSFER_OUT';

/** Shares gained (positive) or given up (negative) on a day; the register at a date is their sum. Append-only. */
@Entity('share_movement')
@Index('share_movement_organisation_day_idx', ['organisationId', 'effectiveOn'])
@Check('share_movement_shares_check', '"shares" <> 0')
export class ShareMovement extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'shareholder_id', type: 'uuid' })
  shareholderId: string;

  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;

  @Column({ name: 'shares', type: 'bigint', transformer: FEN_COLUMN })
  shares: bigint;

  /** The capital (股金) that moves with the shares, in fen. */
  @Column({ name: 'capital_fen', type: 'bigint', transformer: FEN_COLUMN })
  capitalFen: bigint;

  @Column({ name: 'kind', type: 'varchar', length: 20 })
  kind: ShareMovementKind;

  /** Both halves of a transfer share it. */
  @Column({ name: 'transfer_id', type: 'uuid', nullable: true })
  transferId: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 200 })
  recordedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
