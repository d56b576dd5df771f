import { RegionalRecord } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PropertyCompany } from '../property-company/property-company.entity';
import type { CrossAppointmentKind } from './cross-appointment.rules';

/**
 * A "two-way entry, cross appointment" (双向进入、交叉任职) link between a company and a Party member:
 * a community committee member as the company's property service adviser, or a Party member of the
 * company as a part-time member of the community Party organisation. `region_code` is the company's.
 */
@Entity('cross_appointment')
@Index('cross_appointment_company_idx', ['companyId', 'since'])
@Index('cross_appointment_open_key', ['companyId', 'partyMemberId', 'kind'], { unique: true, where: '"until" IS NULL' })
@Check('cross_appointment_kind_check', `"kind" IN ('COMMUNITY_PROPERTY_ADVISER', 'PART_TIME_COMMUNITY_PARTY_MEMBER')`)
@Check('cross_appointment_until_check', `"until" IS NULL OR "until" >= "since"`)
export class CrossAppointment extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @ManyToOne(() => PropertyCompany)
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'cross_appointment_company_id_fkey' })
  company?: PropertyCompany;

  @Column({ name: 'kind', type: 'varchar', length: 40 })
  kind: CrossAppointmentKind;

  /** The Party member (organisation service), checked against the PARTY_MEMBER references. */
  @Column({ name: 'party_member_id', type: 'uuid' })
  partyMemberId: string;

  @Column({ name: 'since', type: 'date' })
  since: string;

  /** The last day of the appointment; null while it holds. */
  @Column({ name: 'until', type: 'date', nullable: true })
  until: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 200 })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
