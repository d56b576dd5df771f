import { RegionalRecord } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Household } from './household.entity';
import type { Employment, HouseholdRelation, MemberStatus } from './household.rules';

/**
 * A member of a household. Name and phone are personal information, shown masked unless revealed;
 * the resident ID number (身份证号) is never stored in clear: AES-256-GCM for reading it back, and a
 * keyed hash for finding a person by number and keeping one person in one household.
 */
@Entity('household_member')
@Index('household_member_household_idx', ['householdId'])
// One person is in one household: a resident ID number is registered once in the whole ledger.
@Index('household_member_resident_id_hash_key', ['residentIdHash'], { unique: true })
// The rules ask for exactly one head (户主) per household; the database keeps it to at most one.
@Index('household_member_head_key', ['householdId'], { unique: true, where: `"relation" = 'HEAD'` })
// A member who left has the day they left; a present one has none.
@Check('household_member_status_check', `("status" = 'PRESENT') = ("left_on" IS NULL) AND "status" IN ('PRESENT', 'MOVED_OUT', 'DECEASED')`)
export class HouseholdMember extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  /** The household's grid, copied so that reads filter members by grid in SQL without a join. */
  @Column({ name: 'grid_id', type: 'uuid' })
  gridId: string;

  // One foreign key over the household and its copied grid and region (see Household); it follows
  // the household when a merge or split moves it to another grid.
  @ManyToOne(() => Household, { onUpdate: 'CASCADE' })
  @JoinColumn([
    { name: 'household_id', referencedColumnName: 'id', foreignKeyConstraintName: 'household_member_household_fkey' },
    { name: 'grid_id', referencedColumnName: 'gridId', foreignKeyConstraintName: 'household_member_household_fkey' },
    { name: 'region_code', referencedColumnName: 'regionCode', foreignKeyConstraintName: 'household_member_household_fkey' },
  ])
  household?: Household;

  @Column({ name: 'name', type: 'varchar', length: 50 })
  name: string;

  @Column({ name: 'phone', type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  /** The upper-case number as `protectResidentId` keeps it (AES-256-GCM). */
  @Column({ name: 'resident_id_cipher', type: 'text' })
  residentIdCipher: string;

  /** Its keyed look-up hash from `protectResidentId`: 64 hex characters. */
  @Column({ name: 'resident_id_hash', type: 'varchar', length: 64 })
  residentIdHash: string;

  @Column({ name: 'relation', type: 'varchar', length: 20 })
  relation: HouseholdRelation;

  /** Employment (就业) as the gridworker last recorded it; null when not recorded. */
  @Column({ name: 'employment', type: 'varchar', length: 20, nullable: true })
  employment: Employment | null;

  /** PRESENT, or MOVED_OUT / DECEASED from `leftOn`: the row stays on the ledger (history, cases). */
  @Column({ name: 'status', type: 'varchar', length: 12, default: 'PRESENT' })
  status: MemberStatus;

  /** The day the member moved out or died (a calendar day); null while present. */
  @Column({ name: 'left_on', type: 'date', nullable: true })
  leftOn: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
