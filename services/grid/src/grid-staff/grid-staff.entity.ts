import { RegionalRecord } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Grid } from '../grid/grid.entity';
import type { GridStaffRole, GridworkerEmployment, GridworkerPost, RecruitedFrom } from './grid-staff.rules';

/**
 * A person serving a grid in one role (网格员, 楼栋长, 联户长, …). Name and phone are personal
 * information, masked like the household ledger.
 */
@Entity('grid_staff')
@Index('grid_staff_region_idx', ['regionCode'])
// Only gridworkers are full- or part-time (专职/兼职); every gridworker is one or the other.
@Check('grid_staff_employment_check', `("role" = 'GRIDWORKER') = ("employment" IS NOT NULL)`)
export class GridStaff extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('grid_staff_grid_idx')
  @Column({ name: 'grid_id', type: 'uuid' })
  gridId: string;

  @ManyToOne(() => Grid)
  @JoinColumn({ name: 'grid_id', foreignKeyConstraintName: 'grid_staff_grid_id_fkey' })
  grid?: Grid;

  @Column({ name: 'name', type: 'varchar', length: 50 })
  name: string;

  @Column({ name: 'phone', type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ name: 'role', type: 'varchar', length: 20 })
  role: GridStaffRole;

  @Column({ name: 'employment', type: 'varchar', length: 10, nullable: true })
  employment: GridworkerEmployment | null;

  /** Jianhu's A and B posts (A岗/B岗): the gridworker in charge and the one standing in. */
  @Column({ name: 'post', type: 'varchar', length: 1, nullable: true })
  post: GridworkerPost | null;

  /** Part-time gridworkers recruited from couriers and delivery riders (Jianhu, Sheyang). */
  @Column({ name: 'recruited_from', type: 'varchar', length: 20, nullable: true })
  recruitedFrom: RecruitedFrom | null;

  /** The subject of the person's account, when they have one: links cases assigned to them. */
  @Column({ name: 'subject', type: 'varchar', length: 200, nullable: true })
  subject: string | null;

  @CreateDateColumn({ name: 'appointed_at', type: 'timestamptz' })
  appointedAt: Date;

  /** When the appointment ended (the person left the post); null while serving. */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
