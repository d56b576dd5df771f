import { RegionalRecord } from '@gg/shared';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ServiceTaker } from '../service-taker/service-taker.entity';
import { TimeBankTransfer } from '../time-bank/time-bank.entity';
import type { OverdueStage, ServiceCategory, ServiceOrderHistoryAction, ServiceOrderState } from './service-order.rules';

/**
 * A service order (服务订单, 四单制): placed by a resident in their community, dispatched by community
 * staff to a taker, accepted or declined, done, rated. `version` is the optimistic lock every step
 * moves (of two racing accepts one wins); `state_since` is when the current state began, from which
 * the overdue job measures the county's limits.
 */
@Entity('service_order')
@Index('service_order_region_idx', ['regionCode', 'placedAt', 'id'])
@Index('service_order_taker_idx', ['takerId', 'state'])
@Index('service_order_orderer_idx', ['ordererSubject', 'placedAt'])
@Index('service_order_idempotency_key', ['ordererSubject', 'idempotencyKey'], { unique: true })
@Index('service_order_credit_transfer_key', ['creditTransferId'], { unique: true })
@Check('service_order_rating_check', '"rating" IS NULL OR "rating" BETWEEN 1 AND 5')
@Check('service_order_minutes_served_check', '"minutes_served" IS NULL OR "minutes_served" BETWEEN 1 AND 1440')
export class ServiceOrder extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  category: ServiceCategory;

  @Column({ type: 'varchar', length: 500 })
  description: string;

  @Column({ name: 'grid_id', type: 'uuid', nullable: true })
  gridId: string | null;

  @Column({ type: 'varchar', length: 20 })
  state: ServiceOrderState;

  @Column({ name: 'state_since', type: 'timestamptz' })
  stateSince: Date;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'orderer_subject', type: 'varchar', length: 200 })
  ordererSubject: string;

  @Column({ name: 'taker_id', type: 'uuid', nullable: true })
  takerId: string | null;

  @ManyToOne(() => ServiceTaker)
  @JoinColumn({ name: 'taker_id', foreignKeyConstraintName: 'service_order_taker_id_fkey' })
  taker?: ServiceTaker;

  @Column({ name: 'placed_at', type: 'timestamptz' })
  placedAt: Date;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @Column({ name: 'rated_at', type: 'timestamptz', nullable: true })
  ratedAt: Date | null;

  @Column({ type: 'smallint', nullable: true })
  rating: number | null;

  @Column({ name: 'rating_comment', type: 'varchar', length: 500, nullable: true })
  ratingComment: string | null;

  /** The minutes the taker served, stated when reporting the order done; null before. */
  @Column({ name: 'minutes_served', type: 'int', nullable: true })
  minutesServed: number | null;

  /** The time-bank credit of those minutes to the taker, posted when the resident rates (confirms) the order; null before. */
  @Column({ name: 'credit_transfer_id', type: 'uuid', nullable: true })
  creditTransferId: string | null;

  @ManyToOne(() => TimeBankTransfer)
  @JoinColumn({ name: 'credit_transfer_id', foreignKeyConstraintName: 'service_order_credit_transfer_id_fkey' })
  creditTransfer?: TimeBankTransfer;

  /** The key the orderer's app generated for this order; a retry with it returns this order. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 100, nullable: true })
  idempotencyKey: string | null;
}

/** One step of an order's history; `version` is the order's version after the step (1 for placing). */
@Entity('service_order_event')
@Index('service_order_event_order_key', ['orderId', 'version'], { unique: true })
export class ServiceOrderEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @ManyToOne(() => ServiceOrder)
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'service_order_event_order_id_fkey' })
  order?: ServiceOrder;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 20 })
  action: ServiceOrderHistoryAction;

  @Column({ name: 'from_state', type: 'varchar', length: 20, nullable: true })
  fromState: ServiceOrderState | null;

  @Column({ name: 'to_state', type: 'varchar', length: 20 })
  toState: ServiceOrderState;

  /** The taker the step concerns (dispatched to, accepted or declined by); null otherwise. */
  @Column({ name: 'taker_id', type: 'uuid', nullable: true })
  takerId: string | null;

  @Column({ name: 'actor_subject', type: 'varchar', length: 200 })
  actorSubject: string;

  /** A decline's reason, a dispatch's note. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}

/**
 * An order found past its county's limit by the overdue job: once per stage and per time the stage
 * began (unique), so a second run of the job, or a crashed one run again, flags nothing twice.
 */
@Entity('service_order_flag')
@Index('service_order_flag_key', ['orderId', 'stage', 'stageSince'], { unique: true })
@Index('service_order_flag_region_idx', ['regionCode'])
export class ServiceOrderFlag extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @ManyToOne(() => ServiceOrder)
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'service_order_flag_order_id_fkey' })
  order?: ServiceOrder;

  @Column({ type: 'varchar', length: 20 })
  stage: OverdueStage;

  @Column({ name: 'stage_since', type: 'timestamptz' })
  stageSince: Date;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'flagged_at', type: 'timestamptz' })
  flaggedAt: Date;
}
