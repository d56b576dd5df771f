/**
 * The most households a county may allow in a unit: Sansui's zones (片区) hold ≤ 300 households, and a
 * unit is never bigger than a zone. It bounds input lists too, before the county's own cap is read.
 */
export const UNIT_SIZE_LIMIT = 300;

/**
 * The default cap when a county has set none. The reports give no cap for a unit (their 30 is the
 * central household's, 党员中心户, Dafeng); what they do give are sizes: Zhongshan's 9,467 units over
 * 653 grids of 200–300 households make about 15–20 households a unit, Liupanshui's 78,000 units over
 * 2,176 grids fewer. 50 holds every unit those figures describe, tower blocks included, while still
 * catching a grid's whole ledger put into one unit by mistake. A county sets its own (1–300).
 */
export const DEFAULT_UNIT_MAX_HOUSEHOLDS = 50;

/** A county's rule for its ten-household units. */
export interface TenHouseholdUnitPolicy {
  maxHouseholds: number;
}

/** Why a staff member cannot lead a unit of a grid, or undefined: a household leader (联户长) of the same grid. */
export function leaderProblem(unitGridId: string, leader: { gridId: string; role: string; endedAt?: Date | null }): string | undefined {
  if (leader.endedAt) return "the leader's appointment has ended";
  if (leader.gridId !== unitGridId) return 'the leader serves another grid';
  if (leader.role !== 'HOUSEHOLD_LEADER') return 'a unit is led by a HOUSEHOLD_LEADER (联户长)';
  return undefined;
}
