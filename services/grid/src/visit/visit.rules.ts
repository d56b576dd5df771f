/** Why a visit time is not acceptable at `now`, or undefined: not in the future (a minute of clock skew allowed). */
export function visitTimeProblem(visitedAt: Date, now: Date): string | undefined {
  if (visitedAt.getTime() > now.getTime() + 60_000) return 'a visit cannot be recorded in the future';
  return undefined;
}
