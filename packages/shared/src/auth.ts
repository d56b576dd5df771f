import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { forbidden, unauthenticated } from './errors';

/** Roles a caller can hold. A caller may hold several; each grants what it grants within the caller's scopes. */
export const ROLES = [
  'CITY_ADMIN',
  'COUNTY_ADMIN',
  'STREET_STAFF',
  'COMMUNITY_STAFF',
  'GRIDWORKER',
  'DEPARTMENT_STAFF', // staff of a county department (`department` claim): answer its whistles, work its cases
  'PARTY_MEMBER',
  'VOLUNTEER',
  'RESIDENT',
  'HOUSING_BUREAU', // 住建部门: machine client, property scores and red/black lists only
  'DASHBOARD', // read-only aggregates
  'AUDITOR', // reads the personal-information audit log
  'OPERATOR', // platform operations: job runs, failed jobs and their retry, the job dashboard; no domain records
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that administer records of their region (create, change). */
export const ADMIN_ROLES: readonly Role[] = ['CITY_ADMIN', 'COUNTY_ADMIN', 'STREET_STAFF', 'COMMUNITY_STAFF'];

/** Who is calling, as verified by the gateway and again by each subgraph. */
export interface Identity {
  subject: string;
  name: string;
  roles: Role[];
  /** Region code prefixes the caller may see: `5202` = Liupanshui city, `520201` = Zhongshan district. */
  regionScopes: string[];
  /** Grids a gridworker serves (ids from the grid subgraph). */
  gridIds: string[];
  /** The department (部门) a DEPARTMENT_STAFF caller works for (an id from the organisation subgraph). */
  departmentId?: string;
  /** The Party member (an id from the organisation subgraph) a PARTY_MEMBER caller is: whose double report says where they report in. */
  partyMemberId?: string;
  clientKind: 'PERSON' | 'MACHINE';
}

/**
 * Who a scheduled job writes as: the platform itself (a machine client), with one role, within one
 * region at a time (the record's), so a job's writes pass the same scope checks a person's do.
 */
export function jobIdentity(job: { subject: string; name: string; role: Role }, regionCode: string): Identity {
  return { subject: job.subject, name: job.name, roles: [job.role], regionScopes: [regionCode], gridIds: [], clientKind: 'MACHINE' };
}

/** A region scope is a prefix of region codes: 2 (province) to 12 (community) digits. */
const regionScope = z.string().regex(/^\d{2,12}$/, 'a region scope is 2–12 digits');

const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().default(''),
  roles: z.array(z.enum(ROLES)).min(1),
  regions: z.array(regionScope).min(1),
  grids: z.array(z.string()).default([]),
  department: z.string().uuid().optional(),
  member: z.string().uuid().optional(),
  kind: z.enum(['person', 'machine']).default('person'),
});

export type IdentityClaims = z.input<typeof claimsSchema>;

function identityFromClaims(payload: JWTPayload): Identity {
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) {
    throw unauthenticated(`Token claims are invalid: ${parsed.error.issues[0]!.path.join('.')} ${parsed.error.issues[0]!.message}`);
  }
  const c = parsed.data;
  return {
    subject: c.sub,
    // A token need not carry a name (machine clients, `npm run token` without --name); every history,
    // audit entry and reporter column shows who acted, so the subject stands in for the name.
    name: c.name.trim() || c.sub,
    roles: c.roles,
    regionScopes: c.regions,
    gridIds: c.grids,
    ...(c.department ? { departmentId: c.department.toLowerCase() } : {}),
    ...(c.member ? { partyMemberId: c.member.toLowerCase() } : {}),
    clientKind: c.kind === 'machine' ? 'MACHINE' : 'PERSON',
  };
}

function claimsOf(identity: Identity): Record<string, unknown> {
  return {
    name: identity.name,
    roles: identity.roles,
    regions: identity.regionScopes,
    grids: identity.gridIds,
    ...(identity.departmentId ? { department: identity.departmentId } : {}),
    ...(identity.partyMemberId ? { member: identity.partyMemberId } : {}),
    kind: identity.clientKind === 'MACHINE' ? 'machine' : 'person',
  };
}

// ─── Bearer tokens (callers → gateway) ────────────────────────────────────────

/**
 * Remembers verified tokens until they expire, so a client's repeated requests (and the gateway's
 * fan-out to five subgraphs) cost one signature check per token, not one per request. Bounded:
 * the oldest entries go first.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  constructor(private readonly maxEntries = 10_000) {}
  get(key: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }
  set(key: string, value: V, until: number): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, until });
  }
}

/** Milliseconds since the epoch at which a verified token stops being valid (now, when it has no expiry). */
function expiryOf(payload: JWTPayload): number {
  return payload.exp ? payload.exp * 1000 : 0;
}

export interface TokenVerifierOptions {
  secret: string;
  jwksUrl?: string;
  /** How long one fetch of the key set may take. */
  jwksTimeoutMs?: number;
  issuer: string;
  audience: string;
}

/** Verifies callers' bearer tokens: HS256 with the configured secret, or RS256 through a JWKS URL. */
export function createTokenVerifier(options: TokenVerifierOptions) {
  // jose keeps the fetched keys for cacheMaxAge (10 minutes): within it, tokens verify with the key server down.
  const jwks = options.jwksUrl
    ? createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: options.jwksTimeoutMs ?? 3000 })
    : undefined;
  const secret = new TextEncoder().encode(options.secret);
  const verified = new ExpiringCache<Identity>();
  return async function verifyBearer(authorization: string | undefined): Promise<Identity> {
    if (!authorization) throw unauthenticated('A bearer token is required (Authorization: Bearer <token>)');
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    const token = match[1]!;
    const known = verified.get(token);
    if (known) return known;
    try {
      const verifyOptions = { issuer: options.issuer, audience: options.audience };
      const { payload } = jwks
        ? await jwtVerify(token, jwks, { ...verifyOptions, algorithms: ['RS256'] })
        : await jwtVerify(token, secret, { ...verifyOptions, algorithms: ['HS256'] });
      const identity = identityFromClaims(payload);
      verified.set(token, identity, expiryOf(payload));
      return identity;
    } catch (error) {
      if (error instanceof Error && error.name === 'DomainError') throw error;
      if (jwks && keyServerFailed(error)) throw keysUnavailable();
      const reason = (error as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'The token has expired' : 'The token is not valid';
      throw unauthenticated(reason);
    }
  };
}

/** jose's codes for a key set that could not be fetched (timeout, bad answer), or a network error (not a JOSE error). */
function keyServerFailed(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_J')) return true;
  return code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JWKS_INVALID' || code === 'ERR_JOSE_GENERIC';
}

/** The caller's token may be fine: we cannot check it. 503 with a code of its own, never a 401. */
function keysUnavailable(): GraphQLError {
  return new GraphQLError("The identity provider's signing keys cannot be fetched: try again shortly", {
    extensions: { code: 'AUTH_KEYS_UNAVAILABLE', http: { status: 503 } },
  });
}

/** Mints an HS256 bearer token: for `npm run token`, the embedded start and tests. */
export async function signBearerToken(
  claims: IdentityClaims,
  options: { secret: string; issuer?: string; audience?: string; expiresIn?: string },
): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(options.issuer ?? 'grassroots-graph')
    .setAudience(options.audience ?? 'grassroots-graph')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h')
    .sign(new TextEncoder().encode(options.secret));
}

// ─── Gateway → subgraph identity ──────────────────────────────────────────────

/** Header carrying the caller's identity, signed by the gateway with the subgraph's own secret. */
export const GATEWAY_IDENTITY_HEADER = 'x-gateway-identity';

/**
 * The gateway signs the verified identity for one subgraph with that subgraph's secret. Holding the
 * token proves the request came through the gateway, and the identity in it cannot be forged
 * without the secret.
 */
export async function signGatewayIdentity(identity: Identity, subgraph: string, secret: string): Promise<string> {
  return new SignJWT(claimsOf(identity))
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject)
    .setIssuer('grassroots-graph-gateway')
    .setAudience(subgraph)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));
}

/** Subgraph side: verifies the gateway's signature and audience; undefined when absent or forged. */
const verifiedGatewayIdentities = new ExpiringCache<Identity>();

export async function verifyGatewayIdentity(token: string | undefined, subgraph: string, secret: string): Promise<Identity | undefined> {
  if (!token) return undefined;
  // Keyed by secret too: a token is only ever accepted under the secret it was verified with.
  const key = `${subgraph}\n${secret}\n${token}`;
  const known = verifiedGatewayIdentities.get(key);
  if (known) return known;
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      issuer: 'grassroots-graph-gateway',
      audience: subgraph,
      algorithms: ['HS256'],
    });
    const identity = identityFromClaims(payload);
    verifiedGatewayIdentities.set(key, identity, expiryOf(payload));
    return identity;
  } catch {
    return undefined;
  }
}

// ─── Roles and scopes ─────────────────────────────────────────────────────────

export function hasRole(identity: Identity, ...roles: readonly Role[]): boolean {
  return identity.roles.some((r) => roles.includes(r));
}

/** Refuses callers holding none of the roles. */
export function requireRole(identity: Identity, roles: readonly Role[], action: string): void {
  if (!hasRole(identity, ...roles)) {
    throw forbidden(`Your roles (${identity.roles.join(', ')}) may not ${action}; it needs one of ${roles.join(', ')}`);
  }
}

/** True when one of the caller's scopes is a prefix of the region code. */
export function coversRegion(identity: Identity, regionCode: string): boolean {
  return identity.regionScopes.some((scope) => regionCode.startsWith(scope));
}

/** Refuses a write to a region outside the caller's scopes. */
export function requireRegionInScope(identity: Identity, regionCode: string, action: string, field?: string): void {
  if (!coversRegion(identity, regionCode)) {
    throw forbidden(`Region ${regionCode} is outside your scope (${identity.regionScopes.join(', ')}); you may not ${action} there`, field);
  }
}

/** LIKE patterns for a caller's scopes: `520201` → `520201%`. Scopes are digits only (checked on parse). */
export function scopePatterns(identity: Identity): string[] {
  return identity.regionScopes.map((s) => `${s}%`);
}
