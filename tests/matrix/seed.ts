import type { RunningPlatform } from '../../scripts/platform';
import { gql, seedCommunity, tokenFor } from '../helpers';
import { MATRIX } from './index';
import type { Records } from './types';

/**
 * Seeds a fresh street and community under a county, then every service's records of the matrix
 * there, created through the gateway by the county's administrator; returns their ids and codes.
 */
export async function seedCounty(platform: RunningPlatform, county: string): Promise<Records> {
  const { street, community } = await seedCommunity(platform, county, `矩阵测试社区${county}`);
  const admin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: [county] });
  const records: Records = { county, street, community };
  const create = async (mutation: string, input: Record<string, unknown>) => {
    const result = await gql<Record<string, Record<string, string>>>(platform, admin, mutation, { i: input });
    if (result.errors) throw new Error(`${mutation}: ${JSON.stringify(result.errors)}`);
    return Object.values(result.data!)[0]!;
  };
  for (const part of MATRIX) Object.assign(records, await part.seed({ platform, county, street, community, create, records }));
  return records;
}
