import { randomInt, randomUUID } from 'node:crypto';
import { residentIdCheckCharacter } from '@gg/shared';
import { claimTestStreet, type TestSubgraph } from '@gg/shared/src/testing';

/** A street with one community under a county, seeded for one test file. */
export async function seedStreet(sg: TestSubgraph, county: string): Promise<{ street: string; community: string; community2: string }> {
  const { street, communities } = await claimTestStreet(sg.dataSource, county, [{ name: '测试社区' }, { name: '测试二社区' }]);
  return { street, community: communities[0]!, community2: communities[1]! };
}

export function randomResidentId(county: string): string {
  const first17 = `${county}1988${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

export { randomUUID as uuid } from 'node:crypto';

/**
 * Announces another service's record as its owner would (an event in the owner's outbox) and lets the
 * organisation subgraph catch up, so a write may then name it: grids, households, volunteer teams.
 */
export async function announce(
  sg: TestSubgraph,
  event: 'GridCreated' | 'GridRetired' | 'HouseholdRegistered' | 'VolunteerTeamCreated',
  payload: Record<string, unknown>,
): Promise<void> {
  const owner = event === 'VolunteerTeamCreated' ? 'volunteer' : 'grid';
  await sg.dataSource.query(
    `INSERT INTO "${owner}".outbox (id, kind, name, version, payload) VALUES (gen_random_uuid(), 'EVENT', $1, 1, $2)`,
    [event, payload],
  );
  await sg.catchUp();
}

/** A grid the grid subgraph announced in a region. */
export async function knownGrid(sg: TestSubgraph, regionCode: string): Promise<string> {
  const id = randomUUID();
  await announce(sg, 'GridCreated', { id, regionCode });
  return id;
}

/** Households the grid subgraph registered in a grid of a region. */
export async function knownHouseholds(sg: TestSubgraph, regionCode: string, count: number): Promise<string[]> {
  const gridId = await knownGrid(sg, regionCode);
  const ids = Array.from({ length: count }, () => randomUUID());
  for (const id of ids) {
    await sg.dataSource.query(
      `INSERT INTO grid.outbox (id, kind, name, version, payload) VALUES (gen_random_uuid(), 'EVENT', 'HouseholdRegistered', 1, $1)`,
      [{ id, regionCode, gridId }],
    );
  }
  await sg.catchUp();
  return ids;
}
