import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Region } from '../region/region.entity';
import { RegionalRecord } from '@gg/shared';
import type { PartyOrganisationKind, PartyOrganisationLevel } from './party-organisation.rules';

/** A Party organisation (党组织) at one level of the chain. */
@Entity('party_organisation')
@Index('party_organisation_region_idx', ['regionCode'])
export class PartyOrganisation extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 30 })
  level: PartyOrganisationLevel;

  @Column({ type: 'varchar', length: 20 })
  kind: PartyOrganisationKind;

  @Index('party_organisation_parent_idx')
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  // Relations only declare the foreign keys the migrations create; reads go through scoped queries.
  @ManyToOne(() => Region)
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'party_organisation_region_code_fkey' })
  region?: Region;

  @ManyToOne(() => PartyOrganisation, { nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'party_organisation_parent_id_fkey' })
  parent?: PartyOrganisation | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
