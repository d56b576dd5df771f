import { SignJWT } from 'jose';
import {
  coversRegion,
  createTokenVerifier,
  ExpiringCache,
  jobIdentity,
  signBearerToken,
  signGatewayIdentity,
  verifyGatewayIdentity,
} from '../src/auth';
import { testIdentity } from '../src/testing';

const secret = 'a-test-secret-of-sufficient-length';
const verify = createTokenVerifier({ secret, issuer: 'grassroots-graph', audience: 'grassroots-graph' });
const claims = { sub: 'u1', name: '张三', roles: ['COUNTY_ADMIN' as const], regions: ['520201'] };

describe('bearer tokens', () => {
  it('accepts a well-signed token and reads the identity', async () => {
    const token = await signBearerToken(claims, { secret });
    await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({
      subject: 'u1',
      roles: ['COUNTY_ADMIN'],
      regionScopes: ['520201'],
      clientKind: 'PERSON',
    });
  });

  it.each([
    ['missing', undefined],
    ['not bearer', 'Basic abc'],
    ['malformed', 'Bearer not.a.jwt'],
  ])('refuses a %s token', async (_label, header) => {
    await expect(verify(header)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a token signed with another secret, an expired one, and one with bad claims', async () => {
    const forged = await signBearerToken(claims, { secret: 'another-secret-entirely-wrong' });
    await expect(verify(`Bearer ${forged}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const expired = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('grassroots-graph')
      .setAudience('grassroots-graph')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(secret));
    await expect(verify(`Bearer ${expired}`)).rejects.toThrow('expired');
    const wildcard = await signBearerToken({ ...claims, regions: ['52%'] }, { secret });
    await expect(verify(`Bearer ${wildcard}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('the department claim', () => {
  const department = '3f8a1c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

  it('carries a department staff member’s department from the token to the subgraph', async () => {
    const token = await signBearerToken({ ...claims, roles: ['DEPARTMENT_STAFF'], department }, { secret });
    const identity = await verify(`Bearer ${token}`);
    expect(identity).toMatchObject({ roles: ['DEPARTMENT_STAFF'], departmentId: department });
    const forGrid = await signGatewayIdentity(identity, 'grid', 'grid-secret-1234567890');
    await expect(verifyGatewayIdentity(forGrid, 'grid', 'grid-secret-1234567890')).resolves.toMatchObject({ departmentId: department });
    // Without the claim there is no department, not an empty one.
    expect(await verify(`Bearer ${await signBearerToken(claims, { secret })}`)).not.toHaveProperty('departmentId');
  });

  it('refuses a department that is not an id', async () => {
    const token = await signBearerToken({ ...claims, roles: ['DEPARTMENT_STAFF'], department: '区住建局' }, { secret });
    await expect(verify(`Bearer ${token}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('gateway identity', () => {
  it('round-trips for the subgraph it was signed for, and only that one', async () => {
    const identity = testIdentity();
    const token = await signGatewayIdentity(identity, 'grid', 'grid-secret-1234567890');
    await expect(verifyGatewayIdentity(token, 'grid', 'grid-secret-1234567890')).resolves.toMatchObject({ subject: identity.subject });
    await expect(verifyGatewayIdentity(token, 'property', 'grid-secret-1234567890')).resolves.toBeUndefined();
    await expect(verifyGatewayIdentity(token, 'grid', 'a-forged-secret-0987654321')).resolves.toBeUndefined();
    await expect(verifyGatewayIdentity(undefined, 'grid', 'grid-secret-1234567890')).resolves.toBeUndefined();
  });

  it('covers a region by code prefix', () => {
    const identity = testIdentity({ regionScopes: ['5202', '320925'] });
    expect(coversRegion(identity, '520201001001')).toBe(true);
    expect(coversRegion(identity, '320925')).toBe(true);
    expect(coversRegion(identity, '5203')).toBe(false);
    expect(coversRegion(identity, '52')).toBe(false);
  });
});

describe('RS256 through a JWKS URL', () => {
  it('verifies tokens signed by the identity provider’s key and refuses others', async () => {
    const { generateKeyPair, exportJWK } = await import('jose');
    const { createServer } = await import('node:http');
    const provider = await generateKeyPair('RS256');
    const stranger = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(provider.publicKey)), kid: 'city-idp-1', alg: 'RS256', use: 'sig' };
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const verifyRs = createTokenVerifier({
        secret: '',
        jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
        issuer: 'city-idp',
        audience: 'grassroots-graph',
      });
      const sign = (key: Awaited<ReturnType<typeof generateKeyPair>>['privateKey']) =>
        new SignJWT({ roles: ['CITY_ADMIN'], regions: ['5202'], name: '市管理员' })
          .setProtectedHeader({ alg: 'RS256', kid: 'city-idp-1' })
          .setSubject('idp-user')
          .setIssuer('city-idp')
          .setAudience('grassroots-graph')
          .setExpirationTime('5m')
          .sign(key);
      await expect(verifyRs(`Bearer ${await sign(provider.privateKey)}`)).resolves.toMatchObject({
        subject: 'idp-user',
        roles: ['CITY_ADMIN'],
      });
      await expect(verifyRs(`Bearer ${await sign(stranger.privateKey)}`)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });
      // An HS256 token is not accepted when RS256 is configured (no algorithm confusion).
      const hs = await signBearerToken(claims, { secret: 'a-test-secret-of-sufficient-length', issuer: 'city-idp' });
      await expect(verifyRs(`Bearer ${hs}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    } finally {
      server.close();
    }
  });
});

describe('verified token cache', () => {
  it('forgets entries when they expire and keeps to its bound', async () => {
    const cache = new ExpiringCache<string>(2);
    cache.set('a', 'A', 1_000);
    expect(cache.get('a', 999)).toBe('A');
    expect(cache.get('a', 1_000)).toBeUndefined();
    cache.set('b', 'B', 5_000);
    cache.set('c', 'C', 5_000);
    cache.set('d', 'D', 5_000);
    expect([cache.get('b', 0), cache.get('c', 0), cache.get('d', 0)]).toEqual([undefined, 'C', 'D']);
  });

  it('still refuses an expired token it once accepted', async () => {
    const verifyCached = createTokenVerifier({ secret, issuer: 'grassroots-graph', audience: 'grassroots-graph' });
    const shortLived = await signBearerToken(claims, { secret, expiresIn: '1s' });
    await expect(verifyCached(`Bearer ${shortLived}`)).resolves.toMatchObject({ subject: 'u1' });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expect(verifyCached(`Bearer ${shortLived}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('job identities', () => {
  it('writes as a machine with one role, within the one region it is given, so scope checks apply to jobs too', () => {
    const identity = jobIdentity({ subject: 'system:rent-charges', name: '租金计提', role: 'COMMUNITY_STAFF' }, '520201001001');
    expect(identity).toEqual({
      subject: 'system:rent-charges',
      name: '租金计提',
      roles: ['COMMUNITY_STAFF'],
      regionScopes: ['520201001001'],
      gridIds: [],
      clientKind: 'MACHINE',
    });
    expect(coversRegion(identity, '520201001001')).toBe(true);
    expect(coversRegion(identity, '520201001002')).toBe(false);
  });
});
