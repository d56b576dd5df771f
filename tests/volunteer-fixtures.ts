import {
  appendToOutbox,
  DoubleReportAssigned,
  eventMessage,
  GridCreated,
  HouseholdRegistered,
  PartyMemberRegistered,
  tableOf,
  type Role,
} from '@gg/shared';
import { randomUUID } from 'node:crypto';
import type { RunningPlatform } from '../scripts/platform';
import { catchUpEvents, gql, seedCommunity, tokenFor } from './helpers';
import { randomResidentId } from './matrix/grid';

/**
 * A street of its own for the volunteer flows (service orders, merchant rewards), with what the other
 * services would have announced: grids and households (grid's outbox), Party members and their double
 * reports to a team (organisation's outbox), so the volunteer service knows them as references and
 * volunteers.
 */
export interface VolunteerWorld {
  platform: RunningPlatform;
  county: string;
  street: string;
  community: string;
  /** A token for a role in the world's community (or the given regions), with a subject. */
  token(role: Role, subject: string, regions?: string[]): Promise<string>;
  /** Runs an operation; throws on errors. */
  must<T = Record<string, unknown>>(token: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  /** A grid of the community, announced by the grid service. */
  grid(regionCode?: string): Promise<string>;
  /** A household of a grid, announced by the grid service. */
  household(gridId: string, regionCode?: string): Promise<string>;
  /** A Party member reporting in to a grid and assigned to a team: returns the member and the volunteer. */
  partyVolunteer(teamId: string, gridId: string): Promise<{ partyMemberId: string; volunteerId: string }>;
  /** A volunteer team of the community with skills. */
  team(name: string, skills: string[]): Promise<string>;
  /** A volunteer registered directly (not a Party member), with their login subject, skills, availability and teams. */
  registeredVolunteer(input: {
    accountSubject: string;
    gridId?: string;
    skills?: string[];
    availability?: string[];
    teamIds?: string[];
  }): Promise<string>;
}

export async function volunteerWorld(platform: RunningPlatform, county: string, name: string): Promise<VolunteerWorld> {
  const { street, community } = await seedCommunity(platform, county, name);
  const admin = await tokenFor({ sub: 'county-admin', roles: ['COUNTY_ADMIN'], regions: [county] });
  const announce = async (service: 'grid' | 'organisation', messages: Parameters<typeof appendToOutbox>[1]) => {
    await platform.dataSources[service]!.transaction((m) => appendToOutbox(m, messages));
    await catchUpEvents(platform);
  };
  const world: VolunteerWorld = {
    platform,
    county,
    street,
    community,
    token: (role, subject, regions = [community]) => tokenFor({ sub: subject, name: subject, roles: [role], regions }),
    async must(token, query, variables = {}) {
      const result = await gql<never>(platform, token, query, variables);
      if (result.errors) throw new Error(`${query}: ${JSON.stringify(result.errors)}`);
      return result.data!;
    },
    async grid(regionCode = community) {
      const id = randomUUID();
      await announce('grid', [eventMessage(GridCreated, { id, regionCode })]);
      return id;
    },
    async household(gridId, regionCode = community) {
      const id = randomUUID();
      await announce('grid', [eventMessage(HouseholdRegistered, { id, regionCode, gridId })]);
      return id;
    },
    async team(teamName, skills) {
      const data = await world.must<{ createVolunteerTeam: { id: string } }>(
        admin,
        'mutation ($i: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $i) { id } }',
        { i: { name: teamName, category: 'OTHER', regionCode: community, skills } },
      );
      return data.createVolunteerTeam.id;
    },
    async partyVolunteer(teamId, gridId) {
      const partyMemberId = randomUUID();
      await announce('organisation', [
        eventMessage(PartyMemberRegistered, { id: partyMemberId, regionCode: community, organisationId: randomUUID() }),
        eventMessage(DoubleReportAssigned, {
          doubleReportId: randomUUID(),
          memberId: partyMemberId,
          regionCode: community,
          gridId,
          volunteerTeamId: teamId,
        }),
      ]);
      const data = await world.must<{ teamVolunteers: { edges: Array<{ node: { id: string; partyMemberId: string } }> } }>(
        admin,
        'query ($t: ID!) { teamVolunteers(teamId: $t, first: 500) { edges { node { id partyMemberId } } } }',
        { t: teamId },
      );
      const volunteer = data.teamVolunteers.edges.find((e) => e.node.partyMemberId === partyMemberId)!;
      return { partyMemberId, volunteerId: volunteer.node.id };
    },
    async registeredVolunteer({ accountSubject, gridId, skills = [], availability = [], teamIds = [] }) {
      const data = await world.must<{ registerVolunteer: { id: string } }>(
        admin,
        'mutation ($i: RegisterVolunteerInput!) { registerVolunteer(input: $i) { id } }',
        {
          i: {
            regionCode: community,
            name: '李志愿',
            residentId: randomResidentId(county),
            accountSubject,
            homeGridId: gridId,
            skills,
            availability,
          },
        },
      );
      const volunteerId = data.registerVolunteer.id;
      for (const teamId of teamIds)
        await world.must(admin, 'mutation ($i: AddVolunteerToTeamInput!) { addVolunteerToTeam(input: $i) { id } }', {
          i: { teamId, volunteerId },
        });
      return volunteerId;
    },
  };
  return world;
}

export const ENROL =
  'mutation ($i: EnrolServiceTakerInput!) { enrolServiceTaker(input: $i) { id kind gridId accountSubject region { code } } }';

/**
 * Fires requests while the test holds a row of the volunteer schema (`SELECT … FOR UPDATE`), and lets
 * go once every one of them waits behind it: all have read the row before any can write, so a
 * missing check on write (a version, a condition) would let each of them through.
 */
export async function whileRowHeld<T>(
  platform: RunningPlatform,
  table: string,
  id: string,
  requests: Array<() => Promise<T>>,
): Promise<T[]> {
  // On another service's pool: the requests must not wait for a connection the test holds.
  const holder = platform.dataSources.organisation!.createQueryRunner();
  await holder.connect();
  try {
    await holder.startTransaction();
    await holder.query(`SELECT id FROM ${tableOf(platform.dataSources.volunteer!, table)} WHERE id = $1 FOR UPDATE`, [id]);
    const [{ pid }] = (await holder.query('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
    const pending = Promise.all(requests.map((send) => send()));
    for (;;) {
      const [{ waiting }] = (await platform.dataSources.organisation!.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> $1 AND cardinality(pg_blocking_pids(pid)) > 0 AND query LIKE $2`,
        [pid, `%${table}%`],
      )) as [{ waiting: number }];
      if (waiting >= requests.length) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await holder.commitTransaction();
    return await pending;
  } finally {
    await holder.release();
  }
}
