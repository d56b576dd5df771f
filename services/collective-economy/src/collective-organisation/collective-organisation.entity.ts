import { FEN_COLUMN, RegionalRecord } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CollectiveBusinessLine } from './collective-organisation.rules';

/** A community collective economy organisation (社区集体经济组织). */
@Entity('collective_organisation')
// Leads with region_code, so it also serves the scoped prefix reads by region.
@Index('collective_organisation_region_name_key', ['regionCode', 'name'], { unique: true })
@Check('collective_organisation_capital_check', '"registered_capital_fen" >= 0')
@Check('collective_organisation_share_rate_check', '"community_share_bp" BETWEEN 0 AND 10000')
@Check('collective_organisation_income_target_check', '"annual_income_target_fen" >= 0')
export class CollectiveOrganisation extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'name', type: 'varchar', length: 100 })
  name: string;

  /** YYYY-MM-DD: a calendar day, not an instant. */
  @Column({ name: 'founded_on', type: 'date' })
  foundedOn: string;

  @Column({ name: 'business_lines', type: 'text', array: true })
  businessLines: CollectiveBusinessLine[];

  /** Integer fen; the driver returns bigint as a string, which is how the API carries it too. */
  @Column({ name: 'registered_capital_fen', type: 'bigint' })
  registeredCapitalFen: string;

  /** The community collective's share of net income in basis points (2000 = 20%, Tianzhu's rule). */
  @Column({ name: 'community_share_bp', type: 'integer', default: 2000 })
  communityShareBp: number;

  /** The Party member who founded it as the community's Party secretary (a PARTY_MEMBER reference), when recorded. */
  @Column({ name: 'founding_party_secretary_id', type: 'uuid', nullable: true })
  foundingPartySecretaryId: string | null;

  /** The income it aims at each year, in fen (≥ 50,000 yuan reached by Tianzhu's Xingfu and Huimin communities). */
  @Column({ name: 'annual_income_target_fen', type: 'bigint', transformer: FEN_COLUMN, default: 5000000 })
  annualIncomeTargetFen: bigint;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
