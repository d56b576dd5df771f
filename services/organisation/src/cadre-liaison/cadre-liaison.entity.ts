import { RegionalRecord } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { LiaisonActivityKind, LiaisonLevel, LinkCompliance } from './cadre-liaison.rules';

/** A leading cadre (领导干部) who links units (联系包保). Region: the cadre's own unit (usually the county). */
@Entity('cadre')
@Index('cadre_region_idx', ['regionCode'])
export class Cadre extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 100 })
  post: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One unit a cadre links: a street, a community or a grid (its community as region). */
@Entity('cadre_liaison_link')
@Index('cadre_liaison_link_cadre_level_key', ['cadreId', 'level'], { unique: true })
@Index('cadre_liaison_link_region_idx', ['regionCode'])
@Check('cadre_liaison_link_grid_check', `("level" = 'GRID') = ("grid_id" IS NOT NULL)`)
export class CadreLiaisonLink extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cadre_id', type: 'uuid' })
  cadreId: string;

  @ManyToOne(() => Cadre)
  @JoinColumn({ name: 'cadre_id', foreignKeyConstraintName: 'cadre_liaison_link_cadre_id_fkey' })
  cadre?: Cadre;

  @Column({ type: 'varchar', length: 20 })
  level: LiaisonLevel;

  @Column({ name: 'grid_id', type: 'uuid', nullable: true })
  gridId: string | null;

  @CreateDateColumn({ name: 'linked_at', type: 'timestamptz' })
  linkedAt: Date;
}

/** A visit to a linked unit, or a real problem the cadre helped solve there. */
@Entity('cadre_liaison_activity')
@Index('cadre_liaison_activity_link_idx', ['linkId', 'occurredOn'])
export class CadreLiaisonActivity extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'link_id', type: 'uuid' })
  linkId: string;

  @ManyToOne(() => CadreLiaisonLink)
  @JoinColumn({ name: 'link_id', foreignKeyConstraintName: 'cadre_liaison_activity_link_id_fkey' })
  link?: CadreLiaisonLink;

  @Column({ type: 'varchar', length: 20 })
  kind: LiaisonActivityKind;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: string;

  @Column({ type: 'text' })
  note: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A cadre's compliance for a year, written by the yearly job (one row per cadre and year). */
@Entity('cadre_liaison_report')
@Index('cadre_liaison_report_cadre_year_key', ['cadreId', 'year'], { unique: true })
@Index('cadre_liaison_report_region_idx', ['regionCode', 'year'])
export class CadreLiaisonReport extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cadre_id', type: 'uuid' })
  cadreId: string;

  @ManyToOne(() => Cadre)
  @JoinColumn({ name: 'cadre_id', foreignKeyConstraintName: 'cadre_liaison_report_cadre_id_fkey' })
  cadre?: Cadre;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'boolean' })
  compliant: boolean;

  /** Per linked unit, in STREET, COMMUNITY, GRID order. */
  @Column({ type: 'jsonb' })
  links: LinkCompliance[];

  @CreateDateColumn({ name: 'compiled_at', type: 'timestamptz' })
  compiledAt: Date;
}
