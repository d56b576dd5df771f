import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { RegionLevel } from '@gg/shared';

/** A region of the administrative tree (行政区划), keyed by its prefix code. */
@Entity('region')
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  level: RegionLevel;

  @Index('region_parent_code_idx')
  @Column({ name: 'parent_code', type: 'varchar', length: 12, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => Region, { nullable: true })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'region_parent_code_fkey' })
  parent?: Region | null;
}
