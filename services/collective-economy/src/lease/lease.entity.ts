import { FEN_COLUMN, RegionalRecord } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TenantKind } from './lease.rules';

/** A lease of a capital (a shopfront, land, a pond) to a tenant: its term, monthly rent and due day; changed only to end it early. */
@Entity('lease')
@Index('lease_organisation_idx', ['organisationId'])
@Index('lease_capital_idx', ['capitalId'])
@Check('lease_term_check', '"ends_on" >= "starts_on"')
@Check('lease_rent_check', '"monthly_rent_fen" > 0')
@Check('lease_due_day_check', '"due_day" BETWEEN 1 AND 28')
@Check(
  'lease_termination_check',
  '("terminated_on" IS NULL) = ("termination_reason" IS NULL) AND ("terminated_on" IS NULL OR "terminated_on" BETWEEN "starts_on" AND "ends_on")',
)
export class Lease extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'capital_id', type: 'uuid' })
  capitalId: string;

  @Column({ name: 'tenant_kind', type: 'varchar', length: 20 })
  tenantKind: TenantKind;

  /** Personal when the tenant is a person: answered masked, whole only when allowed and audited. */
  @Column({ name: 'tenant_name', type: 'varchar', length: 100 })
  tenantName: string;

  /** Personal: answered masked, whole only when allowed and audited. */
  @Column({ name: 'tenant_phone', type: 'varchar', length: 20, nullable: true })
  tenantPhone: string | null;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  @Column({ name: 'monthly_rent_fen', type: 'bigint', transformer: FEN_COLUMN })
  monthlyRentFen: bigint;

  @Column({ name: 'due_day', type: 'integer' })
  dueDay: number;

  /** The last day of a lease ended early (提前解约); null while it runs its term. */
  @Column({ name: 'terminated_on', type: 'date', nullable: true })
  terminatedOn: string | null;

  @Column({ name: 'termination_reason', type: 'varchar', length: 1000, nullable: true })
  terminationReason: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * One month's rent of a lease (租金应收), raised once: the unique (lease, month) index decides, so a
 * rerun of the monthly job, or two at once, raise it once. Its amount stays as raised; `paid_fen` grows
 * with payments and `reduced_fen` with reductions (租金减免), together never past the amount (a CHECK,
 * besides the commands' own refusals).
 */
@Entity('rent_charge')
@Index('rent_charge_lease_month_key', ['leaseId', 'month'], { unique: true })
@Index('rent_charge_organisation_due_idx', ['organisationId', 'dueOn'])
@Check('rent_charge_paid_check', '"paid_fen" >= 0 AND "reduced_fen" >= 0 AND "paid_fen" + "reduced_fen" <= "amount_fen"')
@Check('rent_charge_amount_check', '"amount_fen" > 0')
export class RentCharge extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'lease_id', type: 'uuid' })
  leaseId: string;

  /** YYYY-MM. */
  @Column({ name: 'month', type: 'varchar', length: 7 })
  month: string;

  @Column({ name: 'raised_on', type: 'date' })
  raisedOn: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: FEN_COLUMN })
  amountFen: bigint;

  @Column({ name: 'paid_fen', type: 'bigint', transformer: FEN_COLUMN })
  paidFen: bigint;

  /** Taken off by reductions (rent relief), the sum of its `rent_reduction` rows. */
  @Column({ name: 'reduced_fen', type: 'bigint', transformer: FEN_COLUMN })
  reducedFen: bigint;

  /** The ledger entry that raised it (rent receivable / leasing income), posted in the same transaction. */
  @Column({ name: 'entry_id', type: 'uuid' })
  entryId: string;

  /** The day the overdue sweep first found it unpaid after its due day; stays as history once paid. */
  @Column({ name: 'overdue_since', type: 'date', nullable: true })
  overdueSince: string | null;

  @Column({ name: 'settled_on', type: 'date', nullable: true })
  settledOn: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A payment of (part of) a rent charge, posted to the ledger (cash / rent receivable). Append-only. */
@Entity('rent_payment')
@Index('rent_payment_charge_idx', ['chargeId'])
@Check('rent_payment_amount_check', '"amount_fen" > 0')
export class RentPayment extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'charge_id', type: 'uuid' })
  chargeId: string;

  @Column({ name: 'paid_on', type: 'date' })
  paidOn: string;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: FEN_COLUMN })
  amountFen: bigint;

  @Column({ name: 'entry_id', type: 'uuid' })
  entryId: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 200 })
  recordedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A reduction or waiver of (part of) a rent charge (租金减免), with its reason, posted to the ledger as an
 * adjusting entry (leasing income / rent receivable) in an open period. Append-only: the charge's
 * amount as raised and every reduction stay as history.
 */
@Entity('rent_reduction')
@Index('rent_reduction_charge_idx', ['chargeId'])
@Index('rent_reduction_entry_key', ['entryId'], { unique: true })
@Check('rent_reduction_amount_check', '"amount_fen" > 0')
export class RentReduction extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'charge_id', type: 'uuid' })
  chargeId: string;

  /** The accounting day of the reduction, in an open period. */
  @Column({ name: 'reduced_on', type: 'date' })
  reducedOn: string;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: FEN_COLUMN })
  amountFen: bigint;

  @Column({ name: 'reason', type: 'varchar', length: 1000 })
  reason: string;

  @Column({ name: 'entry_id', type: 'uuid' })
  entryId: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 200 })
  recordedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
