import { RegionalRecord } from '@gg/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PartyOrganisation } from '../party-organisation/party-organisation.entity';
import type { TwoNewEntityKind } from './two-new.rules';

/**
 * A registered non-public enterprise or social organisation (两新组织). Coverage (覆盖率) is the share of
 * registered ones with a Party organisation.
 */
@Entity('two_new_entity')
@Index('two_new_entity_region_idx', ['regionCode'])
export class TwoNewEntity extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 30 })
  kind: TwoNewEntityKind;

  @Column({ name: 'party_organisation_id', type: 'uuid', nullable: true })
  partyOrganisationId: string | null;

  @ManyToOne(() => PartyOrganisation, { nullable: true })
  @JoinColumn({ name: 'party_organisation_id', foreignKeyConstraintName: 'two_new_entity_party_organisation_id_fkey' })
  partyOrganisation?: PartyOrganisation | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
