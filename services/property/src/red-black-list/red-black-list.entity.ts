import { RegionalRecord } from '@gg/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { QuarterScheme } from '../evaluation/scheme-version.rules';

const SCORE = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * A county's half-yearly red-and-black list (红黑榜), one row per version. Published lists are never
 * changed (database triggers); a correction is a new version naming the one it replaces (each version
 * replaced at most once, a unique index), and every version stays readable.
 */
@Entity('red_black_list')
@Index('red_black_list_version_key', ['regionCode', 'half', 'version'], { unique: true })
@Index('red_black_list_replaces_key', ['replacesId'], { unique: true })
export class RedBlackList extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** YYYYH1 or YYYYH2. */
  @Column({ name: 'half', type: 'varchar', length: 6 })
  half: string;

  @Column({ name: 'version', type: 'int' })
  version: number;

  @Column({ name: 'replaces_id', type: 'uuid', nullable: true })
  replacesId: string | null;

  /** Why a correction was made; null for the first version. */
  @Column({ name: 'reason', type: 'text', nullable: true })
  reason: string | null;

  /** The scheme version whose bars were used (see schemeOfQuarters). */
  @Column({ name: 'scheme_id', type: 'uuid' })
  schemeId: string;

  /** The version each quarter of the half was scored under; null for a list published before it was recorded. */
  @Column({ name: 'quarter_schemes', type: 'jsonb', nullable: true })
  quarterSchemes: QuarterScheme[] | null;

  /** Which version gave the bars and why, in words (a difference between the quarters flagged); null as above. */
  @Column({ name: 'scheme_explanation', type: 'text', nullable: true })
  schemeExplanation: string | null;

  /** The rule applied, in words, with the scheme's bars. */
  @Column({ name: 'rule', type: 'text' })
  rule: string;

  @Column({ name: 'published_by', type: 'varchar', length: 200 })
  publishedBy: string;

  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;
}

/** A company on a list version, RED or BLACK, with its score and the reason; never changed. */
@Entity('red_black_entry')
@Index('red_black_entry_key', ['listId', 'companyId'], { unique: true })
export class RedBlackEntry extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'list_id', type: 'uuid' })
  listId: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'kind', type: 'varchar', length: 5 })
  kind: 'RED' | 'BLACK';

  @Column({ name: 'rank', type: 'int', nullable: true })
  rank: number | null;

  @Column({ name: 'score', type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: SCORE })
  score: number | null;

  @Column({ name: 'reason', type: 'text' })
  reason: string;
}

/** A serious violation (严重违规) recorded against a company: it puts the company on the half's black list. */
@Entity('serious_violation')
@Index('serious_violation_company_idx', ['companyId', 'occurredOn'])
@Index('serious_violation_finding_key', ['inspectionFindingId'], { unique: true })
export class SeriousViolation extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: string;

  @Column({ name: 'description', type: 'text' })
  description: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 200 })
  recordedBy: string;

  /** The random inspection finding (双随机) that found it; null when recorded directly. */
  @Column({ name: 'inspection_finding_id', type: 'uuid', nullable: true })
  inspectionFindingId: string | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
