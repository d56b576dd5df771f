import { RegionalRecord, type Connection } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { DedicatedGridType, GridKind, GridLevel, GridStatus } from './grid.rules';

/**
 * A grid (网格) in a community. Its region is a community of the organisation subgraph, referred to
 * by code only: no service reads another's tables, so there is no foreign key.
 */
@Entity('grid')
@Index('grid_region_idx', ['regionCode'])
// The unified code (统一赋码) is assigned by the county, so it is unique per county, not nationally.
@Index('grid_county_code_key', ['countyCode', 'code'], { unique: true })
@Check('grid_dedicated_type_check', `("kind" = 'DEDICATED') = ("dedicated_type" IS NOT NULL)`)
@Check('grid_level_check', `"level" BETWEEN 1 AND 4`)
// A grid retired by a merge or a split keeps its row (history); only active grids have no retirement date.
@Check('grid_status_check', `("status" = 'ACTIVE') = ("retired_at" IS NULL)`)
export class Grid extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Derived from the region code on write; stored so the unique index can cover it. */
  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  @Column({ name: 'code', type: 'varchar', length: 32 })
  code: string;

  @Column({ name: 'name', type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'kind', type: 'varchar', length: 20 })
  kind: GridKind;

  @Column({ name: 'dedicated_type', type: 'varchar', length: 30, nullable: true })
  dedicatedType: DedicatedGridType | null;

  @Column({ name: 'households', type: 'integer', nullable: true })
  households: number | null;

  @Column({ name: 'service_radius_minutes', type: 'smallint', nullable: true })
  serviceRadiusMinutes: number | null;

  /** 1 = big (大网格) … 4 = micro (微网格) in Tongzi; Jianhu uses 1–3 (street, community, unit). */
  @Column({ name: 'level', type: 'smallint' })
  level: GridLevel;

  @Index('grid_parent_idx')
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Grid)
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'grid_parent_id_fkey' })
  parent?: Grid;

  @Column({ name: 'status', type: 'varchar', length: 10 })
  status: GridStatus;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A page of grids (a `GridConnection`). */
export type GridPage = Connection<Grid>;
