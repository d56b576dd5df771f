import { thingNameInput } from '@gg/shared';
import { z } from 'zod';
/** Levels of the administrative tree and the code length of each (a code prefixes its descendants'). */
export const REGION_LEVELS = ['PROVINCE', 'CITY', 'COUNTY', 'STREET', 'COMMUNITY'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

const CODE_LENGTH: Record<RegionLevel, number> = { PROVINCE: 2, CITY: 4, COUNTY: 6, STREET: 9, COMMUNITY: 12 };

export function codeLengthOf(level: RegionLevel): number {
  return CODE_LENGTH[level];
}

/** The level a prefix code stands for, or undefined when its length is not a level's. */
export function levelOfCode(code: string): RegionLevel | undefined {
  if (!/^\d+$/.test(code)) return undefined;
  return REGION_LEVELS.find((l) => CODE_LENGTH[l] === code.length);
}

/** The parent's code: the code cut to the level above (520201001 → 520201); undefined for a province. */
export function parentCodeOf(code: string): string | undefined {
  const level = levelOfCode(code);
  if (!level || level === 'PROVINCE') return undefined;
  return code.slice(0, CODE_LENGTH[REGION_LEVELS[REGION_LEVELS.indexOf(level) - 1]!]);
}

/**
 * The code as published: GB/T 2260 pads provinces, cities and counties to six digits (52 → 520000);
 * streets and communities use the 12-digit statistical division code (520201001 → 520201001000).
 */
export function divisionCodeOf(code: string): string {
  return code.length <= 6 ? code.padEnd(6, '0') : code.padEnd(12, '0');
}

/** A caller may see a region inside one of their scopes, or an ancestor of one (to navigate up). */
export function regionVisible(code: string, scopes: readonly string[]): boolean {
  return scopes.some((scope) => code.startsWith(scope) || scope.startsWith(code));
}

/**
 * A street or community added under an existing region. Provinces, cities and counties come with the
 * GB/T 2260 load (a migration); streets and communities are added by the county as they are set up.
 */
export const addRegionInput = z.object({
  code: z.string().regex(/^(\d{9}|\d{12})$/, 'a street code has 9 digits and a community code 12'),
  name: thingNameInput(),
});
export type AddRegionInput = z.infer<typeof addRegionInput>;
