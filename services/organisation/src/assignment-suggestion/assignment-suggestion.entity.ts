import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What a volunteer team (volunteer subgraph) does, as its VolunteerTeamProfiled events said: the
 * category and skill tags a double report's assignment is matched against. Fed by events only; a team
 * announced before it had a profile has no row and is suggested by where it is alone.
 */
@Entity('volunteer_team_profile')
@Index('volunteer_team_profile_region_idx', ['regionCode'])
export class VolunteerTeamProfile {
  @PrimaryColumn({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  regionCode: string;

  @Column({ type: 'varchar', length: 30 })
  category: string;

  @Column({ type: 'text', array: true })
  skills: string[];

  /** The outbox position of the event that wrote the row: a replayed older event never overwrites a newer one. */
  @Column({ type: 'bigint' })
  position: string;
}
