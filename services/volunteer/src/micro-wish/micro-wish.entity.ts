import { RegionalRecord } from '@gg/shared';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Volunteer } from '../volunteer/volunteer.entity';
import type { ClaimantKind, WishAction, WishStatus } from './micro-wish.rules';

/**
 * A micro-wish (微心愿) on a community's wish wall (心愿墙). It holds no personal data: the wisher
 * and a person claiming are their logins' subjects; an agency or merchant claimant is named.
 */
@Entity('micro_wish')
@Index('micro_wish_region_status_idx', ['regionCode', 'status'])
@Index('micro_wish_idempotency_key', ['posterSubject', 'idempotencyKey'], { unique: true })
@Index('micro_wish_claim_expiry_idx', ['claimExpiresAt'], { where: `"status" = 'CLAIMED'` })
@Check('micro_wish_claimant_check', `("status" = 'ON_WALL') = ("claimant_kind" IS NULL)`)
export class MicroWish extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 12 })
  status: WishStatus;

  /** Who posted it (their login's subject): the wisher, or the household leader posting for them. */
  @Column({ name: 'poster_subject', type: 'varchar', length: 200 })
  posterSubject: string;

  /** True when a household leader (联户长) or gridworker posted it for a resident who cannot. */
  @Column({ name: 'on_behalf', type: 'boolean', default: false })
  onBehalf: boolean;

  @Column({ name: 'posted_at', type: 'timestamptz' })
  postedAt: Date;

  @Column({ name: 'claimant_kind', type: 'varchar', length: 20, nullable: true })
  claimantKind: ClaimantKind | null;

  /** The agency's or merchant's name; null for a person. */
  @Column({ name: 'claimant_name', type: 'varchar', length: 100, nullable: true })
  claimantName: string | null;

  @Column({ name: 'claimant_subject', type: 'varchar', length: 200, nullable: true })
  claimantSubject: string | null;

  /** The claimant's volunteer record, when a volunteer or Party member claimed with a login their record names. */
  @Column({ name: 'claimant_volunteer_id', type: 'uuid', nullable: true })
  claimantVolunteerId: string | null;

  @ManyToOne(() => Volunteer)
  @JoinColumn({ name: 'claimant_volunteer_id', foreignKeyConstraintName: 'micro_wish_claimant_volunteer_id_fkey' })
  claimantVolunteer?: Volunteer;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'claim_expires_at', type: 'timestamptz', nullable: true })
  claimExpiresAt: Date | null;

  @Column({ name: 'fulfilled_at', type: 'timestamptz', nullable: true })
  fulfilledAt: Date | null;

  /** What was done, as the claimant reports it (the evidence the wisher confirms). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  evidence: string | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  /** The key the poster's app generated for this wish; a retry with it returns this wish. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 100, nullable: true })
  idempotencyKey: string | null;
}

/** One step of a wish's life, numbered by the wish's version (append-only history). */
@Entity('micro_wish_step')
@Index('micro_wish_step_key', ['wishId', 'version'], { unique: true })
export class MicroWishStep extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'wish_id', type: 'uuid' })
  wishId: string;

  @ManyToOne(() => MicroWish)
  @JoinColumn({ name: 'wish_id', foreignKeyConstraintName: 'micro_wish_step_wish_id_fkey' })
  wish?: MicroWish;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 20 })
  action: WishAction | 'POST';

  @Column({ name: 'from_status', type: 'varchar', length: 12, nullable: true })
  fromStatus: WishStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 12 })
  toStatus: WishStatus;

  /** The person's subject, or `system:wish-claims` for the expiry job. */
  @Column({ name: 'actor_subject', type: 'varchar', length: 200 })
  actorSubject: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}
