import { RegionalRecord } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PropertyCompany } from '../property-company/property-company.entity';
import type { FindingResult, Inspector } from './random-inspection.rules';

/**
 * A random inspection draw (双随机一公开) of a county: the seed, the candidate lists in canonical order and
 * the picks, all recorded, so anyone can redo the draw and get the same companies and inspectors.
 * `region_code` is the county's code. Never changed after the draw except for its publication.
 */
@Entity('random_inspection_draw')
@Index('random_inspection_draw_region_idx', ['regionCode', 'drawnAt'])
export class RandomInspectionDraw extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'title', type: 'varchar', length: 100 })
  title: string;

  @Column({ name: 'seed', type: 'varchar', length: 100 })
  seed: string;

  @Column({ name: 'candidate_company_ids', type: 'jsonb' })
  candidateCompanyIds: string[];

  @Column({ name: 'candidate_inspectors', type: 'jsonb' })
  candidateInspectors: Inspector[];

  @Column({ name: 'drawn_company_ids', type: 'jsonb' })
  drawnCompanyIds: string[];

  @Column({ name: 'drawn_inspectors', type: 'jsonb' })
  drawnInspectors: Inspector[];

  @Column({ name: 'drawn_by', type: 'varchar', length: 200 })
  drawnBy: string;

  @CreateDateColumn({ name: 'drawn_at', type: 'timestamptz' })
  drawnAt: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'version', type: 'int', default: 1 })
  version: number;
}

/** What the inspection of one drawn company found; one per company and draw. `region_code` is the company's. */
@Entity('random_inspection_finding')
@Index('random_inspection_finding_draw_company_key', ['drawId', 'companyId'], { unique: true })
@Index('random_inspection_finding_company_idx', ['companyId', 'inspectedOn'])
@Check('random_inspection_finding_result_check', `"result" IN ('NO_PROBLEM', 'RECTIFICATION_REQUIRED', 'SERIOUS_VIOLATION')`)
export class RandomInspectionFinding extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'draw_id', type: 'uuid' })
  drawId: string;

  @ManyToOne(() => RandomInspectionDraw)
  @JoinColumn({ name: 'draw_id', foreignKeyConstraintName: 'random_inspection_finding_draw_id_fkey' })
  draw?: RandomInspectionDraw;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @ManyToOne(() => PropertyCompany)
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'random_inspection_finding_company_id_fkey' })
  company?: PropertyCompany;

  @Column({ name: 'inspected_on', type: 'date' })
  inspectedOn: string;

  @Column({ name: 'result', type: 'varchar', length: 30 })
  result: FindingResult;

  @Column({ name: 'note', type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 200 })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
