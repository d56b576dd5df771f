import { residentIdCheckCharacter } from '@gg/shared';
import { randomInt } from 'node:crypto';

/** A valid, random, fictional resident ID number of a county (check character computed). */
export function randomResidentIdOf(county: string): string {
  const first17 = `${county}19${String(randomInt(40, 99))}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}
