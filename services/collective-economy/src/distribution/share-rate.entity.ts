import { RegionalRecord } from '@gg/shared';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CollectiveOrganisation } from '../collective-organisation/collective-organisation.entity';

/**
 * A community share rate an organisation set from a year on (append-only: a later setting for the
 * same year supersedes, the earlier stays as history). A year with no setting at or before it uses
 * the organisation's own rate (20% unless changed).
 */
@Entity('community_share_rate')
@Index('community_share_rate_organisation_idx', ['organisationId', 'fromYear'])
@Check('community_share_rate_basis_points_check', '"basis_points" BETWEEN 0 AND 10000')
export class CommunityShareRate extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => CollectiveOrganisation, { nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'community_share_rate_organisation_fk' })
  organisation?: CollectiveOrganisation;

  /** The first year the rate applies to. */
  @Column({ name: 'from_year', type: 'integer' })
  fromYear: number;

  /** 2000 = 20%. */
  @Column({ name: 'basis_points', type: 'integer' })
  basisPoints: number;

  @Column({ name: 'set_by', type: 'varchar', length: 200 })
  setBy: string;

  @Column({ name: 'set_at', type: 'timestamptz', default: () => 'now()' })
  setAt: Date;
}
