import type { RunningPlatform } from '../../scripts/platform';

/** What a service's seed created in one county, by name (ids and codes). */
export type Records = Record<string, string>;

export interface SeedContext {
  platform: RunningPlatform;
  county: string;
  street: string;
  community: string;
  /** Creates through the gateway as the county's administrator; returns the created object's fields. */
  create(mutation: string, input: Record<string, unknown>): Promise<Record<string, string>>;
  /** What the services seeded before this one created (a household needs its grid). */
  records: Records;
}

/** An operation aimed at county A's records (queries) or a valid write into county A (mutations). */
export interface Case {
  query: string;
  variables: (a: Records) => Record<string, unknown>;
  /**
   * False for platform records that belong to no region (the operators' job fields): there is no
   * county A record to reach, and a permitted role is not refused for its county.
   */
  regional?: boolean;
}

/**
 * One service's part of the access matrix: what it seeds in each county, and a case for each of
 * its root queries and mutations. Values in `secret` are not searched for in responses (a resident
 * ID seeded in county A is the input of a look-up, not a record).
 */
export interface MatrixPart {
  seed(context: SeedContext): Promise<Records>;
  queries: Record<string, Case>;
  mutations: Record<string, Case>;
  secret?: string[];
}
