/** An activity lasts at most a day: longer service is several activities (and a time-bank credit is at most a day). */
export const MAX_ACTIVITY_MINUTES = 24 * 60;
export const MAX_CAPACITY = 10_000;

export interface Span {
  startsAt: Date;
  endsAt: Date;
}

/** Whether two spans share any instant (touching ends do not: 9–10 and 10–11 do not overlap). */
export function overlaps(a: Span, b: Span): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/** Why an activity's time is wrong, or undefined. */
export function activityTimeProblem(span: Span): string | undefined {
  if (span.endsAt <= span.startsAt) return 'an activity ends after it starts';
  if (span.endsAt.getTime() - span.startsAt.getTime() > MAX_ACTIVITY_MINUTES * 60_000) return 'an activity lasts at most 24 hours';
  return undefined;
}

/**
 * Minutes served: the part of the attendance (arrival to leaving) inside the activity's time, in
 * whole minutes rounded down. Arriving early or staying late earns nothing extra; 0 when the
 * attendance misses the activity.
 */
export function minutesServed(activity: Span, arrivedAt: Date, leftAt: Date): number {
  const from = Math.max(activity.startsAt.getTime(), arrivedAt.getTime());
  const to = Math.min(activity.endsAt.getTime(), leftAt.getTime());
  return to > from ? Math.floor((to - from) / 60_000) : 0;
}

/** Whether a sign-up fits: the activity has a free place. */
export function hasPlace(signedUp: number, capacity: number): boolean {
  return signedUp < capacity;
}

/** A volunteer serves in activities of their own street (their community's or a neighbour's, or the street's own). */
export function mayServeIn(volunteerRegion: string, activityRegion: string): boolean {
  return activityRegion.startsWith(volunteerRegion.slice(0, 9));
}
