import { RegionalRecord } from '@gg/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { VolunteerTeam } from '../volunteer-team/volunteer-team.entity';

/** How a volunteer came to the team. */
export type VolunteerSource = 'DOUBLE_REPORT';

/**
 * A volunteer (志愿者) of a team. So far only Party members reporting in (双报到) arrive, from the
 * organisation service's DoubleReportAssigned event: they keep their person in organisation (no
 * personal field is copied here), and the row lives in the team's region so the team's readers see it.
 */
@Entity('volunteer')
@Index('volunteer_team_member_key', ['teamId', 'partyMemberId'], { unique: true })
@Index('volunteer_region_idx', ['regionCode'])
export class Volunteer extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @ManyToOne(() => VolunteerTeam)
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'volunteer_team_id_fkey' })
  team?: VolunteerTeam;

  @Column({ name: 'party_member_id', type: 'uuid', nullable: true })
  partyMemberId: string | null;

  /** The member's grid from the double report (a GRID the grid service announced). */
  @Column({ name: 'grid_id', type: 'uuid', nullable: true })
  gridId: string | null;

  /** The double report that brought the member, so a replayed event is recognised. */
  @Column({ name: 'double_report_id', type: 'uuid', nullable: true })
  doubleReportId: string | null;

  @Column({ type: 'varchar', length: 20 })
  source: VolunteerSource;

  @Column({ name: 'joined_at', type: 'timestamptz' })
  joinedAt: Date;
}
