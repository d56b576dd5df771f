import { RegionalRecord } from '@gg/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { VolunteerTeamCategory } from './volunteer-team.rules';

/**
 * A volunteer service team (志愿服务队) owned by a community or street. The unique index leads with
 * the region code, so it also serves the region-prefix reads; no separate region index is kept.
 */
@Entity('volunteer_team')
@Index('volunteer_team_region_name_key', ['regionCode', 'name'], { unique: true })
export class VolunteerTeam extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'name', type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'category', type: 'varchar', length: 20 })
  category: VolunteerTeamCategory;

  @Column({ name: 'skills', type: 'text', array: true, default: () => "'{}'" })
  skills: string[];

  @Column({ name: 'description', type: 'varchar', length: 500, nullable: true })
  description: string | null;

  /** The Party organisation that owns the team (a PARTY_ORGANISATION announced by organisation); null when the community itself does. */
  @Column({ name: 'owner_organisation_id', type: 'uuid', nullable: true })
  ownerOrganisationId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
