import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { RegionalRecord } from '@gg/shared';

/** A property service company (物业服务企业), registered in a county or below. */
@Entity('property_company')
@Index('property_company_region_idx', ['regionCode'])
// One company per credit code across the platform: the code identifies the legal person nationally.
@Index('property_company_credit_code_key', ['creditCode'], { unique: true })
export class PropertyCompany extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'name', type: 'varchar', length: 100 })
  name: string;

  /** Stored normalised (upper case), so the unique index compares like with like. */
  @Column({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode: string;

  @Column({ name: 'has_party_organisation', type: 'boolean', default: false })
  hasPartyOrganisation: boolean;

  @Column({ name: 'party_building_instructor', type: 'varchar', length: 50, nullable: true })
  partyBuildingInstructor: string | null;

  /** The company's own Party organisation (organisation service), checked against the PARTY_ORGANISATION references. */
  @Column({ name: 'party_organisation_id', type: 'uuid', nullable: true })
  partyOrganisationId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
