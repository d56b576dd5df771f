import { parseArgs } from 'node:util';
import { parseEnv, ROLES, signBearerToken, type Role } from '@gg/shared';

/**
 * `npm run token -- --role COUNTY_ADMIN --region 520201 [--region …] [--grid <id>] [--name 张三]
 * [--machine] [--expires 12h]`: prints a bearer token signed with this environment's JWT_SECRET.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      region: { type: 'string', multiple: true },
      grid: { type: 'string', multiple: true },
      name: { type: 'string' },
      sub: { type: 'string' },
      machine: { type: 'boolean', default: false },
      expires: { type: 'string', default: '12h' },
    },
  });
  const roles = values.role ?? ['CITY_ADMIN'];
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new Error(`Unknown role(s) ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
  const regions = values.region ?? ['5202'];
  const env = parseEnv({});
  const token = await signBearerToken(
    {
      sub: values.sub ?? `local-${roles[0]!.toLowerCase()}`,
      name: values.name ?? '',
      roles: roles as Role[],
      regions,
      grids: values.grid ?? [],
      kind: values.machine ? 'machine' : 'person',
    },
    { secret: env.JWT_SECRET, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE, expiresIn: values.expires },
  );
  console.log(token);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
