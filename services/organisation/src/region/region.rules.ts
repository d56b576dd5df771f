import type { RegionLevel } from '@gg/shared';

export type { RegionLevel };

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
