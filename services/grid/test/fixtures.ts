import {
  appendToOutbox,
  createDataSource,
  DepartmentCreated,
  eventMessage,
  parentRegionOf,
  RegionAdded,
  residentIdCheckCharacter,
} from '@gg/shared';
import { claimTestStreet, TEST_DATABASE_URL, type TestSubgraph } from '@gg/shared/src/testing';
import { randomInt, randomUUID } from 'node:crypto';

/** A valid, random, fictional resident ID number of a county (check character computed). */
export function randomResidentIdOf(county: string): string {
  const first17 = `${county}19${String(randomInt(40, 99))}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

/**
 * A street of `county` with `count` communities that nobody else has, registered as the organisation
 * subgraph registers regions (rows and `RegionAdded` events), and caught up by the grid subgraph, so
 * grids can be created there. The organisation schema is reached through a bare data source: a grid
 * test does not import another service's code.
 */
export async function registerCommunities(
  sg: TestSubgraph,
  county = '520201',
  count = 2,
): Promise<{ street: string; communities: string[] }> {
  const organisation = createDataSource({ service: 'organisation', url: TEST_DATABASE_URL, entities: [], migrations: [] });
  await organisation.initialize();
  try {
    // A made-up county (a fresh one for its own settings) gets its province, city and county first.
    for (const [code, level] of [
      [county.slice(0, 2), 'PROVINCE'],
      [county.slice(0, 4), 'CITY'],
      [county, 'COUNTY'],
    ] as const) {
      const added: unknown[] = await organisation.query(
        `INSERT INTO organisation.region (code, name, level, parent_code) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING RETURNING code`,
        [code, `测试${code}`, level, parentRegionOf(code)],
      );
      if (added.length)
        await organisation.transaction((manager) =>
          appendToOutbox(manager, [eventMessage(RegionAdded, { code, level, parentCode: parentRegionOf(code) })]),
        );
    }
    const claimed = await claimTestStreet(
      organisation,
      county,
      Array.from({ length: count }, (_, i) => ({ name: `测试社区${i + 1}` })),
    );
    await sg.catchUp();
    return claimed;
  } finally {
    await organisation.destroy();
  }
}

/** A page of a connection as the API answers it. */
export interface Page<T> {
  edges: Array<{ cursor?: string; node: T }>;
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
}

/** The records of a page, in order. */
export function nodes<T>(page: Page<T>): T[] {
  return page.edges.map((edge) => edge.node);
}

/**
 * A department of a county as the organisation subgraph announces it (a `DepartmentCreated` event in
 * its outbox), caught up by the grid subgraph: its id, to whistle to and assign cases to.
 */
export async function registerDepartment(sg: TestSubgraph, county: string, kind = 'HOUSING'): Promise<string> {
  const organisation = createDataSource({ service: 'organisation', url: TEST_DATABASE_URL, entities: [], migrations: [] });
  await organisation.initialize();
  try {
    const id = randomUUID();
    await organisation.transaction((manager) =>
      appendToOutbox(manager, [eventMessage(DepartmentCreated, { id, regionCode: county, kind })]),
    );
    await sg.catchUp();
    return id;
  } finally {
    await organisation.destroy();
  }
}
