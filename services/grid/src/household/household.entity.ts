import { RegionalRecord, type Connection } from '@gg/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Grid } from '../grid/grid.entity';
import type { SpecialGroup } from './household.rules';

/**
 * A household (户) of the ledger (台账) a gridworker keeps for their grid. Its region is the grid's
 * community, copied on registration so the region scope applies to it in SQL like to every record.
 */
@Entity('household')
@Index('household_region_idx', ['regionCode'])
// Members copy the grid and region of their household; this key lets their foreign key cover all
// three, so the copies cannot drift from the household they belong to.
@Unique('household_id_grid_region_key', ['id', 'gridId', 'regionCode'])
export class Household extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('household_grid_idx')
  @Column({ name: 'grid_id', type: 'uuid' })
  gridId: string;

  // Relations only declare the foreign keys the migrations create; reads go through scoped queries.
  @ManyToOne(() => Grid)
  @JoinColumn({ name: 'grid_id', foreignKeyConstraintName: 'household_grid_id_fkey' })
  grid?: Grid;

  /** Personal information: shown masked unless revealed (and audited). */
  @Column({ name: 'address', type: 'text' })
  address: string;

  @Column({ name: 'special_groups', type: 'text', array: true })
  specialGroups: SpecialGroup[];

  /** The ten-household unit (十联户) the household belongs to; null when not yet grouped. */
  @Index('household_unit_idx')
  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  // Named, not imported: units are formed of households, so the unit folder imports this one.
  @ManyToOne('TenHouseholdUnit')
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'household_unit_id_fkey' })
  unit?: object;

  @Column({ name: 'last_visited_at', type: 'timestamptz', nullable: true })
  lastVisitedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A page of households (a `HouseholdConnection`). */
export type HouseholdPage = Connection<Household>;
