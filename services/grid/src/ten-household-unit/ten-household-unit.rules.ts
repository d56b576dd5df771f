/** A ten-household unit (十联户) groups about ten neighbouring households; 30 is the most we accept. */
export const MAX_UNIT_HOUSEHOLDS = 30;

/** Why a staff member cannot lead a unit of a grid, or undefined: a household leader (联户长) of the same grid. */
export function leaderProblem(unitGridId: string, leader: { gridId: string; role: string; endedAt?: Date | null }): string | undefined {
  if (leader.endedAt) return "the leader's appointment has ended";
  if (leader.gridId !== unitGridId) return 'the leader serves another grid';
  if (leader.role !== 'HOUSEHOLD_LEADER') return 'a unit is led by a HOUSEHOLD_LEADER (联户长)';
  return undefined;
}
