import { RegionalRecord } from '@gg/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Grid } from './grid.entity';
import type { GridChange } from './grid.rules';

/**
 * One link of a grid's history: a grid retired by a merge or a split (predecessor) and a grid that
 * took its place (successor). A merge of n grids writes n links to one successor; a split of one
 * grid into n writes n links from one predecessor. Rows are never changed or deleted.
 */
@Entity('grid_lineage')
@Index('grid_lineage_pair_key', ['predecessorId', 'successorId'], { unique: true })
export class GridLineage extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'predecessor_id', type: 'uuid' })
  predecessorId: string;

  @ManyToOne(() => Grid)
  @JoinColumn({ name: 'predecessor_id', foreignKeyConstraintName: 'grid_lineage_predecessor_fkey' })
  predecessor?: Grid;

  @Index('grid_lineage_successor_idx')
  @Column({ name: 'successor_id', type: 'uuid' })
  successorId: string;

  @ManyToOne(() => Grid)
  @JoinColumn({ name: 'successor_id', foreignKeyConstraintName: 'grid_lineage_successor_fkey' })
  successor?: Grid;

  @Column({ name: 'change', type: 'varchar', length: 10 })
  change: GridChange;

  @Column({ name: 'reason', type: 'text' })
  reason: string;

  /** The subject of the administrator who made the change. */
  @Column({ name: 'changed_by', type: 'varchar', length: 200 })
  changedBy: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}
