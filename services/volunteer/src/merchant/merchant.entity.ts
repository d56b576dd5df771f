import { RegionalRecord } from '@gg/shared';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimeBankAccount, TimeBankTransfer } from '../time-bank/time-bank.entity';

/** A shop taking part in the rewards (红城星店) in its community; its account verifies redemption codes. */
@Entity('merchant')
@Index('merchant_region_name_key', ['regionCode', 'name'], { unique: true })
export class Merchant extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The subject of the shop's account: the one token that may verify its redemption codes. */
  @Column({ name: 'account_subject', type: 'varchar', length: 200 })
  accountSubject: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}

/** A reward a shop offers for time-bank hours; the stock never goes below zero (a CHECK, and the decrement's condition). */
@Entity('merchant_reward')
@Index('merchant_reward_merchant_name_key', ['merchantId', 'name'], { unique: true })
@Check('merchant_reward_stock_check', '"stock" >= 0')
@Check('merchant_reward_price_check', '"price_minutes" > 0')
export class MerchantReward extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'merchant_id', type: 'uuid' })
  merchantId: string;

  @ManyToOne(() => Merchant)
  @JoinColumn({ name: 'merchant_id', foreignKeyConstraintName: 'merchant_reward_merchant_id_fkey' })
  merchant?: Merchant;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'price_minutes', type: 'int' })
  priceMinutes: number;

  @Column({ type: 'int' })
  stock: number;

  @Column({ name: 'offered_at', type: 'timestamptz' })
  offeredAt: Date;
}

/**
 * A reward redeemed with time-bank hours: its debit transfer, and when the shop verified the code
 * (once), or when it was cancelled before that (its debit then reversed, its unit back in stock).
 */
@Entity('reward_redemption')
@Index('reward_redemption_transfer_key', ['transferId'], { unique: true })
@Index('reward_redemption_region_idx', ['regionCode'])
@Index('reward_redemption_merchant_idx', ['merchantId', 'redeemedAt'])
@Check('reward_redemption_used_or_cancelled_check', '"used_at" IS NULL OR "cancelled_at" IS NULL')
export class RewardRedemption extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'reward_id', type: 'uuid' })
  rewardId: string;

  @ManyToOne(() => MerchantReward)
  @JoinColumn({ name: 'reward_id', foreignKeyConstraintName: 'reward_redemption_reward_id_fkey' })
  reward?: MerchantReward;

  @Column({ name: 'merchant_id', type: 'uuid' })
  merchantId: string;

  @ManyToOne(() => Merchant)
  @JoinColumn({ name: 'merchant_id', foreignKeyConstraintName: 'reward_redemption_merchant_id_fkey' })
  merchant?: Merchant;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => TimeBankAccount)
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'reward_redemption_account_id_fkey' })
  account?: TimeBankAccount;

  @Column({ name: 'transfer_id', type: 'uuid' })
  transferId: string;

  @ManyToOne(() => TimeBankTransfer)
  @JoinColumn({ name: 'transfer_id', foreignKeyConstraintName: 'reward_redemption_transfer_id_fkey' })
  transfer?: TimeBankTransfer;

  @Column({ name: 'price_minutes', type: 'int' })
  priceMinutes: number;

  @Column({ name: 'redeemed_by', type: 'varchar', length: 200 })
  redeemedBy: string;

  @Column({ name: 'redeemed_at', type: 'timestamptz' })
  redeemedAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ name: 'used_by', type: 'varchar', length: 200, nullable: true })
  usedBy: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancelled_by', type: 'varchar', length: 200, nullable: true })
  cancelledBy: string | null;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 200, nullable: true })
  cancelReason: string | null;

  /** The reversal of the debit that gave the hours back; null unless cancelled. */
  @Column({ name: 'reversal_transfer_id', type: 'uuid', nullable: true })
  reversalTransferId: string | null;

  @ManyToOne(() => TimeBankTransfer)
  @JoinColumn({ name: 'reversal_transfer_id', foreignKeyConstraintName: 'reward_redemption_reversal_transfer_id_fkey' })
  reversalTransfer?: TimeBankTransfer;
}
