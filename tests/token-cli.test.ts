import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createTokenVerifier } from '@gg/shared';
import { testEnv } from './helpers';

const ROOT = join(__dirname, '..');
const runToken = (...args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/token.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test' },
    encoding: 'utf8',
  }).trim();

describe('npm run token', () => {
  const verify = createTokenVerifier({ secret: testEnv.JWT_SECRET, issuer: testEnv.JWT_ISSUER, audience: testEnv.JWT_AUDIENCE });

  it('prints a token the gateway accepts, with the roles, regions and grids asked for', async () => {
    const token = runToken('--role', 'GRIDWORKER', '--region', '520201001001', '--grid', 'g-1', '--name', '李网格');
    await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({
      roles: ['GRIDWORKER'],
      regionScopes: ['520201001001'],
      gridIds: ['g-1'],
      name: '李网格',
      clientKind: 'PERSON',
    });
    const machine = runToken('--role', 'HOUSING_BUREAU', '--region', '5202', '--machine');
    await expect(verify(`Bearer ${machine}`)).resolves.toMatchObject({ roles: ['HOUSING_BUREAU'], clientKind: 'MACHINE' });
  });

  it('carries a department staff member’s department, and refuses one without it or with a malformed one', async () => {
    const department = '3f8a1c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
    const token = runToken('--role', 'DEPARTMENT_STAFF', '--region', '520201', '--department', department);
    await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({ roles: ['DEPARTMENT_STAFF'], departmentId: department });
    expect(() => runToken('--role', 'DEPARTMENT_STAFF', '--region', '520201')).toThrow(/--department/);
    expect(() => runToken('--role', 'DEPARTMENT_STAFF', '--region', '520201', '--department', '区住建局')).toThrow(/UUID/);
    const member = runToken('--role', 'PARTY_MEMBER', '--region', '520201001001', '--member', department);
    await expect(verify(`Bearer ${member}`)).resolves.toMatchObject({ roles: ['PARTY_MEMBER'], partyMemberId: department });
  });

  it('refuses an unknown role', () => {
    expect(() => runToken('--role', 'MAYOR', '--region', '5202')).toThrow();
  });

  it('says who the token is with --sub; without --name it is named by its subject', async () => {
    const token = runToken('--role', 'GRIDWORKER', '--region', '520201001001', '--sub', 'demo-gridworker');
    await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({ subject: 'demo-gridworker', name: 'demo-gridworker' });
  });

  it('refuses a malformed region at once, with the usage, instead of a token the gateway answers 401 to', () => {
    expect(() => runToken('--role', 'COUNTY_ADMIN', '--region', '52a')).toThrow(/2–12 digits[\s\S]*--sub/);
  });
});
