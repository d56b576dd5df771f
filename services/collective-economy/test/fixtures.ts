import { residentIdCheckCharacter } from '@gg/shared';
import { randomInt } from 'node:crypto';

/** A resident ID number of Zhongshan with a valid check character, random enough not to repeat in a run. */
export function randomResidentId(county = '520201'): string {
  const first17 = `${county}${1950 + randomInt(0, 50)}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}
