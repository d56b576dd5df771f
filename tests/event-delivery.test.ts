import { randomRegionCode } from '@gg/shared/src/testing';
import type { RunningPlatform } from '../scripts/platform';
import { gql, randomGridCode, startTestPlatform, tokenFor } from './helpers';

/**
 * Events reach the other services through the running platform's own subscribers (no test catch-up,
 * no Redis: the platform in tests runs without workers): a region a county adds through the gateway
 * becomes usable by the other services within the documented bound, about one poll (250 ms).
 */
describe('events between services, as a client sees them', () => {
  let platform: RunningPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.stop());

  it('a region added in organisation is usable as a grid and a team region within a second or so', async () => {
    const admin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520201'] });
    const street = randomRegionCode('520201', 9);
    const community = `${street}001`;
    for (const [code, name] of [
      [street, '事件测试街道'],
      [community, '事件测试社区'],
    ] as const) {
      const added = await gql(platform, admin, 'mutation ($i: AddRegionInput!) { addRegion(input: $i) { code } }', { i: { code, name } });
      expect(added.errors).toBeUndefined();
    }
    const added = Date.now();
    // Until a service has read the event the community is unknown to it and nothing is written; each
    // service polls on its own, so each write is retried until its service knows the community.
    const untilKnown = async (write: () => Promise<{ errors?: Array<{ extensions?: Record<string, unknown> }> }>) => {
      let result = await write();
      while (result.errors && Date.now() - added < 5000) {
        expect(result.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });
        await new Promise((resolve) => setTimeout(resolve, 50));
        result = await write();
      }
      return result;
    };
    const grid = await untilKnown(() =>
      gql(platform, admin, 'mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }', {
        i: { code: randomGridCode(), name: '事件测试网格', kind: 'COMPREHENSIVE', regionCode: community },
      }),
    );
    const team = await untilKnown(() =>
      gql(platform, admin, 'mutation ($i: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $i) { id } }', {
        i: { name: '事件测试志愿服务队', category: 'CARE', regionCode: community },
      }),
    );
    const waited = Date.now() - added;
    expect(grid.errors).toBeUndefined();
    expect(team.errors).toBeUndefined();
    // One poll (250 ms) and a drain per service, with room for a loaded machine: "a second or so".
    expect(waited).toBeLessThan(2000);
  });
});
