import { RegionalRecord } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { PropertyCompany } from '../property-company/property-company.entity';
import { ResidentialCompound } from '../residential-compound/residential-compound.entity';
import type { DisputeCategory, DisputeOutcome, DisputeStatus, MediatorKind } from './property-dispute.rules';

/**
 * A property dispute (物业纠纷) on a compound, mediated by the "3+X" bodies. `region_code` is the
 * compound's community; `company_id` the company managing the compound on the day it was filed, so the
 * dispute stays in that company's record even after the management changes.
 */
@Entity('property_dispute')
@Index('property_dispute_region_idx', ['regionCode', 'filedOn'])
@Index('property_dispute_company_idx', ['companyId', 'status'])
@Index('property_dispute_compound_idx', ['compoundId'])
@Check('property_dispute_status_check', `"status" IN ('FILED', 'MEDIATING', 'CLOSED')`)
@Check('property_dispute_closed_check', `("status" = 'CLOSED') = ("outcome" IS NOT NULL AND "closed_on" IS NOT NULL)`)
export class PropertyDispute extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'compound_id', type: 'uuid' })
  compoundId: string;

  @ManyToOne(() => ResidentialCompound)
  @JoinColumn({ name: 'compound_id', foreignKeyConstraintName: 'property_dispute_compound_id_fkey' })
  compound?: ResidentialCompound;

  @Column({ name: 'company_id', type: 'uuid', nullable: true })
  companyId: string | null;

  @ManyToOne(() => PropertyCompany)
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'property_dispute_company_id_fkey' })
  company?: PropertyCompany;

  @Column({ name: 'category', type: 'varchar', length: 30 })
  category: DisputeCategory;

  @Column({ name: 'summary', type: 'text' })
  summary: string;

  @Column({ name: 'filed_on', type: 'date' })
  filedOn: string;

  @Column({ name: 'status', type: 'varchar', length: 20 })
  status: DisputeStatus;

  @Column({ name: 'outcome', type: 'varchar', length: 30, nullable: true })
  outcome: DisputeOutcome | null;

  @Column({ name: 'outcome_note', type: 'text', nullable: true })
  outcomeNote: string | null;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn: string | null;

  @Column({ name: 'filed_by', type: 'varchar', length: 200 })
  filedBy: string;

  @Column({ name: 'version', type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A body taking part in a dispute's mediation, in the order given. */
@Entity('property_dispute_mediator')
export class PropertyDisputeMediator {
  @PrimaryColumn({ name: 'dispute_id', type: 'uuid' })
  disputeId: string;

  @ManyToOne(() => PropertyDispute)
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'property_dispute_mediator_dispute_id_fkey' })
  dispute?: PropertyDispute;

  @PrimaryColumn({ name: 'position', type: 'int' })
  position: number;

  @Column({ name: 'kind', type: 'varchar', length: 30 })
  kind: MediatorKind;

  /** The body's name (e.g. 钟山区人民法院); required for OTHER. */
  @Column({ name: 'body', type: 'varchar', length: 100, nullable: true })
  body: string | null;
}

/** One step of a dispute's lifecycle, numbered by the dispute's version: who moved it where, when. */
@Entity('property_dispute_step')
export class PropertyDisputeStep {
  @PrimaryColumn({ name: 'dispute_id', type: 'uuid' })
  disputeId: string;

  @ManyToOne(() => PropertyDispute)
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'property_dispute_step_dispute_id_fkey' })
  dispute?: PropertyDispute;

  @PrimaryColumn({ name: 'sequence', type: 'int' })
  sequence: number;

  @Column({ name: 'status', type: 'varchar', length: 20 })
  status: DisputeStatus;

  @Column({ name: 'recorded_by', type: 'varchar', length: 200 })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
