import { RegionalRecord } from '@gg/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { BlackRule, Criterion, EvaluatorWeight, RedRule, ResidentsVoiceRule } from '../evaluation/evaluation-scheme.rules';

/**
 * A county's evaluation scheme (考评方案) for a year, one row per version; `region_code` is the county.
 * A version is frozen once anything is scored or evaluated under it (a database trigger then refuses
 * any change of the row): a change after that is a new version, so every score keeps the rules it had.
 */
@Entity('evaluation_scheme')
@Index('evaluation_scheme_version_key', ['regionCode', 'year', 'version'], { unique: true })
export class EvaluationScheme extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'year', type: 'int' })
  year: number;

  /** 1 for the first version of the county's year, then one more for each change after a freeze. */
  @Column({ name: 'version', type: 'int' })
  version: number;

  @Column({ name: 'criteria', type: 'jsonb' })
  criteria: Criterion[];

  @Column({ name: 'evaluators', type: 'jsonb' })
  evaluators: EvaluatorWeight[];

  @Column({ name: 'star_thresholds', type: 'jsonb' })
  starThresholds: [number, number, number, number];

  @Column({ name: 'red_rule', type: 'jsonb' })
  redRule: RedRule;

  @Column({ name: 'black_rule', type: 'jsonb' })
  blackRule: BlackRule;

  @Column({ name: 'residents_voice', type: 'jsonb' })
  residentsVoice: ResidentsVoiceRule;

  /** When the version was first used (a score recorded or an evaluation run under it); null while a draft. */
  @Column({ name: 'frozen_at', type: 'timestamptz', nullable: true })
  frozenAt: Date | null;

  @Column({ name: 'defined_by', type: 'varchar', length: 200 })
  definedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
