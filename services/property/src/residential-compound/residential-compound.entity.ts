import { RegionalRecord } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { PropertyCompany } from '../property-company/property-company.entity';

const MODES = `'PROFESSIONAL', 'COMMUNITY_MANAGED', 'OWNER_SELF_MANAGED', 'STATE_OWNED_FALLBACK'`;
import type { ManagementMode, OwnersCommitteeRole } from './residential-compound.rules';

/** A residential compound (小区) in a community and one of its grids, managed in one of four modes. */
@Entity('residential_compound')
@Index('residential_compound_region_idx', ['regionCode'])
@Index('residential_compound_company_idx', ['companyId'])
@Check('residential_compound_mode_check', `"management_mode" IN (${MODES})`)
@Check('residential_compound_company_check', `("management_mode" = 'PROFESSIONAL') = ("company_id" IS NOT NULL)`)
export class ResidentialCompound extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'name', type: 'varchar', length: 100 })
  name: string;

  /** The grid (owned by the grid service) the compound lies in; checked against its references when written. */
  @Column({ name: 'grid_id', type: 'uuid' })
  gridId: string;

  /** The current mode; the periods (`CompoundManagementPeriod`) keep every earlier one. */
  @Column({ name: 'management_mode', type: 'varchar', length: 30 })
  managementMode: ManagementMode;

  /** The managing company, set exactly when the mode is PROFESSIONAL. */
  @Column({ name: 'company_id', type: 'uuid', nullable: true })
  companyId: string | null;

  @ManyToOne(() => PropertyCompany)
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'residential_compound_company_id_fkey' })
  company?: PropertyCompany;

  /** Since when the current management holds (a calendar day, China time). */
  @Column({ name: 'managed_since', type: 'date' })
  managedSince: string;

  @Column({ name: 'version', type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * Who managed a compound from one day until another (open-ended for the current one): a past period
 * is scored against who managed it then. Rows are only ever added, and the open one closed.
 */
@Entity('compound_management_period')
@Index('compound_management_period_compound_idx', ['compoundId', 'sequence'], { unique: true })
// At most one open period per compound: the current management.
@Index('compound_management_period_open_key', ['compoundId'], { unique: true, where: '"until" IS NULL' })
@Check('compound_management_period_mode_check', `"management_mode" IN (${MODES})`)
@Check('compound_management_period_until_check', `"until" IS NULL OR "until" >= "since"`)
export class CompoundManagementPeriod {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'compound_id', type: 'uuid' })
  compoundId: string;

  @ManyToOne(() => ResidentialCompound)
  @JoinColumn({ name: 'compound_id', foreignKeyConstraintName: 'compound_management_period_compound_id_fkey' })
  compound?: ResidentialCompound;

  /** 1 for the first management, then the compound's version that began this period. */
  @Column({ name: 'sequence', type: 'int' })
  sequence: number;

  @Column({ name: 'management_mode', type: 'varchar', length: 30 })
  managementMode: ManagementMode;

  @Column({ name: 'company_id', type: 'uuid', nullable: true })
  companyId: string | null;

  @ManyToOne(() => PropertyCompany)
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'compound_management_period_company_id_fkey' })
  company?: PropertyCompany;

  @Column({ name: 'since', type: 'date' })
  since: string;

  /** The day the next management began; null while this one holds. */
  @Column({ name: 'until', type: 'date', nullable: true })
  until: string | null;

  /** The subject of whoever recorded the change. */
  @Column({ name: 'recorded_by', type: 'varchar', length: 200 })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}

/** An owners' committee (业主委员会) elected for a term; a new election adds one, earlier ones are kept. */
@Entity('owners_committee')
@Index('owners_committee_compound_idx', ['compoundId', 'termStart'])
@Check('owners_committee_term_check', `"term_end" > "term_start"`)
export class OwnersCommittee {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'compound_id', type: 'uuid' })
  compoundId: string;

  @ManyToOne(() => ResidentialCompound)
  @JoinColumn({ name: 'compound_id', foreignKeyConstraintName: 'owners_committee_compound_id_fkey' })
  compound?: ResidentialCompound;

  @Column({ name: 'term_start', type: 'date' })
  termStart: string;

  @Column({ name: 'term_end', type: 'date' })
  termEnd: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 200 })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}

/** A member of an owners' committee, in the order given at the election. */
@Entity('owners_committee_member')
@Check('owners_committee_member_role_check', `"role" IN ('DIRECTOR', 'DEPUTY_DIRECTOR', 'MEMBER')`)
export class OwnersCommitteeMember {
  @PrimaryColumn({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @ManyToOne(() => OwnersCommittee)
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'owners_committee_member_committee_id_fkey' })
  committee?: OwnersCommittee;

  @PrimaryColumn({ name: 'position', type: 'int' })
  position: number;

  @Column({ name: 'name', type: 'varchar', length: 50 })
  name: string;

  @Column({ name: 'role', type: 'varchar', length: 20 })
  role: OwnersCommitteeRole;
}
