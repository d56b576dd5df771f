import { RegionalRecord } from '@gg/shared';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Volunteer } from '../volunteer/volunteer.entity';
import type { ServiceTakerKind } from './service-taker.rules';

/**
 * A person enrolled to take service orders in a community (接单人). It holds no personal field: a Party
 * member or volunteer is their `Volunteer` record, a household leader their household (grid service),
 * and the account subject is how the graph knows them when they accept, decline or finish an order.
 */
@Entity('service_taker')
@Index('service_taker_volunteer_key', ['volunteerId'], { unique: true, where: '"volunteer_id" IS NOT NULL' })
@Index('service_taker_household_key', ['householdId'], { unique: true, where: '"household_id" IS NOT NULL' })
@Index('service_taker_region_idx', ['regionCode'])
@Index('service_taker_account_idx', ['accountSubject'])
@Check('service_taker_one_source_check', '("volunteer_id" IS NULL) <> ("household_id" IS NULL)')
export class ServiceTaker extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  kind: ServiceTakerKind;

  @Column({ name: 'volunteer_id', type: 'uuid', nullable: true })
  volunteerId: string | null;

  @ManyToOne(() => Volunteer)
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'service_taker_volunteer_id_fkey' })
  volunteer?: Volunteer;

  /** A household leader's own household (a HOUSEHOLD reference). */
  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  /** The grid the taker lives or serves in: the volunteer's double-report grid, or the household's grid. */
  @Column({ name: 'grid_id', type: 'uuid', nullable: true })
  gridId: string | null;

  /** The subject of the taker's own account (token), which alone may accept the orders dispatched to them. */
  @Column({ name: 'account_subject', type: 'varchar', length: 200 })
  accountSubject: string;

  /** What the taker can do, beyond their team's skills (e.g. 水电维修, 助老陪护). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  skills: string[];

  @Column({ name: 'enrolled_by', type: 'varchar', length: 200 })
  enrolledBy: string;

  @Column({ name: 'enrolled_at', type: 'timestamptz' })
  enrolledAt: Date;
}
