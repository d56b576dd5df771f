import { todayInChina, type RegionLevel } from '@gg/shared';

export { todayInChina };

/** Lines of business named in the reports (Tianzhu's 康友家政 and the paths of the three capitals). */
export const COLLECTIVE_BUSINESS_LINES = [
  'HOUSEKEEPING',
  'ESTATE_AGENCY',
  'LABOUR_EXPORT',
  'PROPERTY_MANAGEMENT',
  'LEASING',
  'RETAIL',
  'OTHER',
] as const;
export type CollectiveBusinessLine = (typeof COLLECTIVE_BUSINESS_LINES)[number];

export const MAX_BUSINESS_LINES = 10;

/**
 * The annual income target an organisation gets unless another is set: 50,000 yuan, what Tianzhu's
 * Xingfu and Huimin communities each reach by leasing and investing their shopfronts
 * (集体经济年收入均达5万元以上).
 */
export const DEFAULT_ANNUAL_INCOME_TARGET_FEN = 5_000_000n;

/** Whether a Party member's region (a street or community) is on the line of the organisation's community. */
export function onCommunityLine(memberRegion: string, community: string): boolean {
  return community.startsWith(memberRegion) || memberRegion.startsWith(community);
}

/** A collective economy organisation belongs to a community (社区): its members are the community's residents. */
export const COLLECTIVE_REGION_LEVELS = ['COMMUNITY'] as const satisfies readonly RegionLevel[];

/** Why a founding date is refused, or undefined when it is acceptable: an organisation cannot be founded after today. */
export function foundedOnProblem(foundedOn: string, today: string): string | undefined {
  // Both are YYYY-MM-DD, so string order is date order.
  return foundedOn > today ? `the founding date ${foundedOn} is after today (${today})` : undefined;
}
