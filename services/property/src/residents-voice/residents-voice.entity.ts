import { RegionalRecord } from '@gg/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A case residents filed on a compound through the grid (the grid's `CaseReported` and `CaseResolved`
 * events): the residents' voice in the compound's property score. Keyed by the case id, so a
 * redelivered event changes nothing.
 */
@Entity('compound_complaint')
@Index('compound_complaint_compound_idx', ['compoundId', 'reportedAt'])
export class CompoundComplaint extends RegionalRecord {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'compound_id', type: 'uuid' })
  compoundId: string;

  @Column({ name: 'category', type: 'varchar', length: 50 })
  category: string;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt: Date;

  @Column({ name: 'deadline_at', type: 'timestamptz' })
  deadlineAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'in_time', type: 'boolean', nullable: true })
  inTime: boolean | null;
}
