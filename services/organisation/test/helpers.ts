import { randomInt } from 'node:crypto';
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
