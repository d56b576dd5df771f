import { z } from 'zod';

/**
 * The reporting year, shared by the yearly figures (cadre-liaison compliance, joint meetings, Party
 * statistics). A folder of its own because several aggregates use it and it imports none of them.
 */
export const yearInput = z.number().int().min(2000, 'a year from 2000').max(2100, 'a year up to 2100');

/** The year a yearly run reports on when none is given: the previous calendar year in China (UTC+8). */
export function previousYear(now: Date = new Date()): number {
  return new Date(now.getTime() + 8 * 3600_000).getUTCFullYear() - 1;
}
