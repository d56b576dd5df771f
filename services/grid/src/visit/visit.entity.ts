import { RegionalRecord } from '@gg/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { GridCase } from '../case/case.entity';
import { Grid } from '../grid/grid.entity';
import { Household } from '../household/household.entity';

/**
 * A gridworker's visit to a household (敲门行动). The grid is the household's grid at the time of
 * the visit, kept as it was when the household later moves with a merge or split.
 */
@Entity('visit')
@Index('visit_household_idx', ['householdId', 'visitedAt'])
export class Visit extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'grid_id', type: 'uuid' })
  gridId: string;

  @ManyToOne(() => Grid)
  @JoinColumn({ name: 'grid_id', foreignKeyConstraintName: 'visit_grid_id_fkey' })
  grid?: Grid;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => Household)
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'visit_household_id_fkey' })
  household?: Household;

  @Column({ name: 'visitor_subject', type: 'varchar', length: 200 })
  visitorSubject: string;

  @Column({ name: 'visitor_name', type: 'varchar', length: 50 })
  visitorName: string;

  @Column({ name: 'visited_at', type: 'timestamptz' })
  visitedAt: Date;

  /** What the gridworker found; may hold personal information, so staff only. */
  @Column({ name: 'note', type: 'text' })
  note: string;

  /** The case raised from the visit, if any. */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @ManyToOne(() => GridCase)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'visit_case_id_fkey' })
  gridCase?: GridCase;
}
