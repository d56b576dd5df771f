import { randomInt } from 'node:crypto';
import { residentIdCheckCharacter } from '@gg/shared';
import { randomRegionCode, type TestSubgraph } from '@gg/shared/src/testing';
import { Region } from '../src/region/region.entity';

/** A street with one community under a county, seeded for one test file. */
export async function seedStreet(sg: TestSubgraph, county: string): Promise<{ street: string; community: string; community2: string }> {
  const street = randomRegionCode(county, 9);
  const community = randomRegionCode(street, 12);
  let community2 = randomRegionCode(street, 12);
  while (community2 === community) community2 = randomRegionCode(street, 12);
  await sg.dataSource.getRepository(Region).upsert(
    [
      { code: street, name: '测试街道', level: 'STREET', parentCode: county },
      { code: community, name: '测试社区', level: 'COMMUNITY', parentCode: street },
      { code: community2, name: '测试二社区', level: 'COMMUNITY', parentCode: street },
    ],
    ['code'],
  );
  return { street, community, community2 };
}

export function randomResidentId(county: string): string {
  const first17 = `${county}1988${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

export { randomUUID as uuid } from 'node:crypto';
