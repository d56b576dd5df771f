import { RegionalRecord } from '@gg/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CompoundScoreExplanation, MissingInput } from '../evaluation/compound-score.rules';
import type { ManagementMode } from '../residential-compound/residential-compound.rules';

export type EvaluationRunStatus = 'PENDING' | 'RUNNING' | 'COMPLETED';

/** Scores are kept as numeric(5,2) and read as numbers. */
const SCORE = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One quarterly evaluation of a county (`region_code`): one row per county and quarter (a unique
 * index), so a second request, a re-delivered job or a resumed one all find the same run.
 */
@Entity('quarterly_evaluation_run')
@Index('quarterly_evaluation_run_key', ['regionCode', 'quarter'], { unique: true })
export class QuarterlyEvaluationRun extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** YYYYQn. */
  @Column({ name: 'quarter', type: 'varchar', length: 6 })
  quarter: string;

  @Column({ name: 'status', type: 'varchar', length: 12 })
  status: EvaluationRunStatus;

  /** The scheme version the run used (frozen by it); null until it starts. */
  @Column({ name: 'scheme_id', type: 'uuid', nullable: true })
  schemeId: string | null;

  /** `schedule` for the scheduled run, else the administrator's subject. */
  @Column({ name: 'requested_by', type: 'varchar', length: 200 })
  requestedBy: string;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** How many times a worker took the run up (more than one: it resumed after a crash). */
  @Column({ name: 'attempts', type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'compounds', type: 'int', nullable: true })
  compounds: number | null;

  @Column({ name: 'compounds_scored', type: 'int', nullable: true })
  compoundsScored: number | null;

  @Column({ name: 'companies', type: 'int', nullable: true })
  companies: number | null;
}

/** A compound's score of a quarter with its explanation; written once per run (unique), never changed. */
@Entity('compound_quarter_score')
@Index('compound_quarter_score_key', ['runId', 'compoundId'], { unique: true })
@Index('compound_quarter_score_compound_idx', ['compoundId', 'quarter'])
export class CompoundQuarterScore extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId: string;

  @Column({ name: 'compound_id', type: 'uuid' })
  compoundId: string;

  @Column({ name: 'quarter', type: 'varchar', length: 6 })
  quarter: string;

  /** Who managed the compound on the quarter's last day: the quarter is credited to them. */
  @Column({ name: 'management_mode', type: 'varchar', length: 30 })
  managementMode: ManagementMode;

  @Column({ name: 'company_id', type: 'uuid', nullable: true })
  companyId: string | null;

  @Column({ name: 'score', type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: SCORE })
  score: number | null;

  @Column({ name: 'explanation', type: 'jsonb' })
  explanation: CompoundScoreExplanation;

  @Column({ name: 'missing', type: 'jsonb' })
  missing: MissingInput[];

  @CreateDateColumn({ name: 'computed_at', type: 'timestamptz' })
  computedAt: Date;
}

/** A company's score of a quarter: the mean of its compounds'; written once per run, never changed. */
@Entity('company_quarter_score')
@Index('company_quarter_score_key', ['runId', 'companyId'], { unique: true })
@Index('company_quarter_score_company_idx', ['companyId', 'quarter'])
export class CompanyQuarterScore extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'quarter', type: 'varchar', length: 6 })
  quarter: string;

  @Column({ name: 'score', type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: SCORE })
  score: number | null;

  @Column({ name: 'compounds', type: 'jsonb' })
  compounds: Array<{ compoundId: string; score: number | null }>;

  @Column({ name: 'missing_compounds', type: 'jsonb' })
  missingCompounds: string[];

  @Column({ name: 'arithmetic', type: 'text' })
  arithmetic: string;

  @CreateDateColumn({ name: 'computed_at', type: 'timestamptz' })
  computedAt: Date;
}
