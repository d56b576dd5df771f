import { FEN_COLUMN, RegionalRecord } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A shareholder (股东) of a collective organisation: a resident who contributed capital. Name and
 * phone are personal information, shown masked unless revealed; the resident ID number is kept as
 * the grid keeps household members' (AES-256-GCM and a keyed look-up hash). Shareholders registered
 * before they were persons hold a name only until staff complete them.
 */
@Entity('shareholder')
@Index('shareholder_organisation_idx', ['organisationId'])
// One person is one shareholder of an organisation.
@Index('shareholder_resident_id_key', ['organisationId', 'residentIdHash'], { unique: true, where: '"resident_id_hash" IS NOT NULL' })
// One resident account sees one record of an organisation; led by the subject, which finds a resident's own records.
@Index('shareholder_account_key', ['accountSubject', 'organisationId'], { unique: true, where: '"account_subject" IS NOT NULL' })
@Check('shareholder_resident_id_check', '("resident_id_cipher" IS NULL) = ("resident_id_hash" IS NULL)')
export class Shareholder extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  /** Personal: answered masked (张*). */
  @Column({ name: 'name', type: 'varchar', length: 50 })
  name: string;

  /** Personal: answered masked. */
  @Column({ name: 'phone', type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  /** The upper-case number as `protectResidentId` keeps it; null for a shareholder registered before it was asked. */
  @Column({ name: 'resident_id_cipher', type: 'text', nullable: true })
  residentIdCipher: string | null;

  /** Its keyed look-up hash (64 hex characters). */
  @Column({ name: 'resident_id_hash', type: 'varchar', length: 64, nullable: true })
  residentIdHash: string | null;

  /** The resident's account (the subject of their token) that sees this record as its own; null when not linked. */
  @Column({ name: 'account_subject', type: 'varchar', length: 200, nullable: true })
  accountSubject: string | null;

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
