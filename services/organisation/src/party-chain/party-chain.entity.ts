import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ChainLink, PartyOrganisationKind } from './party-chain.rules';
import { Region } from '../region/region.entity';

/**
 * A county's Party chain configuration: which levels it uses and which parent level each may have.
 * Keyed by the county's code, stored as `region_code` so region scopes apply to it like to any record.
 */
@Entity('party_chain_configuration')
export class PartyChainConfiguration {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 6 })
  countyCode: string;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'party_chain_configuration_region_code_fkey' })
  county?: Region;

  /** In chain order, top to bottom. */
  @Column({ type: 'jsonb' })
  links: ChainLink[];

  @Column({ name: 'loose_kinds', type: 'text', array: true })
  looseKinds: PartyOrganisationKind[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Subject of the administrator who last changed it ('migration' for the configurations shipped). */
  @Column({ name: 'updated_by', type: 'varchar', length: 200 })
  updatedBy: string;
}
