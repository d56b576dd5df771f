import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Region } from '../region/region.entity';
import { RegionalRecord } from '@gg/shared';
import type { DemonstrationLevel, PartyOrganisationKind, PartyOrganisationLevel } from './party-organisation.rules';

/** A Party organisation (党组织) at one level of the chain. */
@Entity('party_organisation')
@Index('party_organisation_region_idx', ['regionCode'])
@Check(
  'party_organisation_temporary_check',
  `(("kind" = 'TEMPORARY') = ("activated_on" IS NOT NULL AND "activation_reason" IS NOT NULL)) AND ("dissolved_on" IS NULL OR ("kind" = 'TEMPORARY' AND "dissolved_on" >= "activated_on"))`,
)
// A street has one street working committee (街道党工委), whatever path the write took.
@Index('party_organisation_street_committee_key', ['regionCode'], { unique: true, where: `"level" = 'STREET_WORKING_COMMITTEE'` })
@Check('party_organisation_grid_check', `"grid_id" IS NULL OR "level" IN ('GRID_BRANCH', 'BUILDING_GROUP')`)
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

  /**
   * Materialised path: the ids from the top of the chain down to this organisation, each followed by
   * '/'. A subtree is `path LIKE '<path>%'`: one statement, no walk in code.
   */
  @Index('party_organisation_path_idx')
  @Column({ type: 'text' })
  path: string;

  /** The grid (grid subgraph) a grid branch or building group serves; checked for format only. */
  @Column({ name: 'grid_id', type: 'uuid', nullable: true })
  gridId: string | null;

  /** 平急转换: why and when a temporary branch was activated, and when it was dissolved. */
  @Column({ name: 'activation_reason', type: 'text', nullable: true })
  activationReason: string | null;

  @Column({ name: 'activated_on', type: 'date', nullable: true })
  activatedOn: string | null;

  @Column({ name: 'dissolved_on', type: 'date', nullable: true })
  dissolvedOn: string | null;

  @Column({ name: 'dissolution_note', type: 'text', nullable: true })
  dissolutionNote: string | null;

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

/** A household (grid subgraph) served by a central household (党员中心户); one central household per household. */
@Entity('central_household_link')
@Index('central_household_link_household_key', ['householdId'], { unique: true })
@Index('central_household_link_region_idx', ['regionCode'])
export class CentralHouseholdLink extends RegionalRecord {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => PartyOrganisation)
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'central_household_link_organisation_id_fkey' })
  organisation?: PartyOrganisation;

  @CreateDateColumn({ name: 'linked_at', type: 'timestamptz' })
  linkedAt: Date;
}

/** A branch's standardisation result for a year (标准化规范化) and the demonstration title it holds. */
@Entity('branch_assessment')
@Index('branch_assessment_organisation_year_key', ['organisationId', 'year'], { unique: true })
@Index('branch_assessment_region_idx', ['regionCode'])
@Check('branch_assessment_demonstration_check', `"demonstration_level" IS NULL OR "passed"`)
export class BranchAssessment extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => PartyOrganisation)
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'branch_assessment_organisation_id_fkey' })
  organisation?: PartyOrganisation;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'boolean' })
  passed: boolean;

  @Column({ name: 'demonstration_level', type: 'varchar', length: 20, nullable: true })
  demonstrationLevel: DemonstrationLevel | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'assessed_at', type: 'timestamptz' })
  assessedAt: Date;
}
