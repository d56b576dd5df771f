import { RegionalRecord } from '@gg/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { GridStaff } from '../grid-staff/grid-staff.entity';
import { Grid } from '../grid/grid.entity';

/** A ten-household unit (十联户 / 联户) of a grid, with its household leader (联户长). */
@Entity('ten_household_unit')
@Index('ten_household_unit_region_idx', ['regionCode'])
@Index('ten_household_unit_grid_name_key', ['gridId', 'name'], { unique: true })
export class TenHouseholdUnit extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ten_household_unit_grid_idx')
  @Column({ name: 'grid_id', type: 'uuid' })
  gridId: string;

  @ManyToOne(() => Grid)
  @JoinColumn({ name: 'grid_id', foreignKeyConstraintName: 'ten_household_unit_grid_id_fkey' })
  grid?: Grid;

  @Column({ name: 'name', type: 'varchar', length: 100 })
  name: string;

  /** The household leader: a grid staff member with the HOUSEHOLD_LEADER role in the same grid. */
  @Column({ name: 'leader_staff_id', type: 'uuid', nullable: true })
  leaderStaffId: string | null;

  @ManyToOne(() => GridStaff)
  @JoinColumn({ name: 'leader_staff_id', foreignKeyConstraintName: 'ten_household_unit_leader_fkey' })
  leader?: GridStaff;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
