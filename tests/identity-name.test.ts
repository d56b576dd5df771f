import { createTokenVerifier, signBearerToken, signGatewayIdentity, verifyGatewayIdentity } from '@gg/shared';
import { randomUUID } from 'node:crypto';
import type { RunningPlatform } from '../scripts/platform';
import { gql, randomGridCode, seedCommunity, startTestPlatform, testEnv, tokenFor } from './helpers';

/** A token without a name (machine clients, `npm run token` without --name) still names who acted. */
describe('the name of a caller whose token carries none', () => {
  const signing = { secret: testEnv.JWT_SECRET, issuer: testEnv.JWT_ISSUER, audience: testEnv.JWT_AUDIENCE };
  const verify = createTokenVerifier(signing);

  it.each([
    ['no name', 'local-gridworker', {}],
    ['a blank name', 'local-gridworker', { name: '  ' }],
    ['a name', '李明', { name: '李明' }],
  ])('with %s, the identity is named %s', async (_label, expected, claims) => {
    const token = await signBearerToken({ sub: 'local-gridworker', roles: ['GRIDWORKER'], regions: ['520201001001'], ...claims }, signing);
    const identity = await verify(`Bearer ${token}`);
    expect(identity.name).toBe(expected);
    // …and so does every subgraph, which reads the identity the gateway signs for it.
    const forSubgraph = await signGatewayIdentity(identity, 'grid', 'a-subgraph-secret-long-enough');
    await expect(verifyGatewayIdentity(forSubgraph, 'grid', 'a-subgraph-secret-long-enough')).resolves.toMatchObject({ name: expected });
  });

  describe('through the gateway', () => {
    let platform: RunningPlatform;
    beforeAll(async () => {
      platform = await startTestPlatform();
    });
    afterAll(() => platform.stop());

    it('a case history shows the subject as actor name, never an empty one', async () => {
      // A community the organisation subgraph announced, as createGrid checks.
      const { community } = await seedCommunity(platform, '520201');
      const admin = await tokenFor({ regions: [community] });
      const grid = await gql<{ createGrid: { id: string } }>(
        platform,
        admin,
        'mutation ($input: CreateGridInput!) { createGrid(input: $input) { id } }',
        { input: { code: randomGridCode(), name: '无名测试网格', kind: 'COMPREHENSIVE', regionCode: community } },
      );
      expect(grid.errors).toBeUndefined();
      const gridId = grid.data!.createGrid.id;
      const resident = await tokenFor({ sub: `resident-${randomUUID()}`, name: undefined, roles: ['RESIDENT'], regions: [community] });
      const gridworkerSub = `gridworker-${randomUUID()}`;
      const gridworker = await tokenFor({
        sub: gridworkerSub,
        name: undefined,
        roles: ['GRIDWORKER'],
        regions: [community],
        grids: [gridId],
      });

      const reported = await gql<{ reportCase: { id: string } }>(
        platform,
        resident,
        'mutation ($input: ReportCaseInput!) { reportCase(input: $input) { id } }',
        { input: { gridId, channel: 'MINI_PROGRAM', severity: 'SMALL', category: '环境卫生', description: '楼道堆放杂物' } },
      );
      expect(reported.errors).toBeUndefined();
      const caseId = reported.data!.reportCase.id;
      const accepted = await gql(platform, gridworker, 'mutation ($id: ID!) { acceptCase(input: { caseId: $id }) { status } }', {
        id: caseId,
      });
      expect(accepted.errors).toBeUndefined();

      const history = await gql<{ case: { events: Array<{ action: string; actorName: string }> } }>(
        platform,
        admin,
        'query ($id: ID!) { case(id: $id) { events { action actorName } } }',
        { id: caseId },
      );
      expect(history.errors).toBeUndefined();
      expect(history.data!.case.events.find((e) => e.action === 'ACCEPT')!.actorName).toBe(gridworkerSub);
      expect(history.data!.case.events.every((e) => e.actorName.length > 0)).toBe(true);
    });
  });
});
