import { parseArgs } from 'node:util';
import { parseEnv, ROLES, signBearerToken, type Role } from '@gg/shared';

const USAGE = `npm run token -- --role <ROLE> --region <code> [--region …] [--grid <id>] [--department <id>] [--member <id>] [--sub <who>] [--name <name>] [--machine] [--expires 12h]
  --role     one of ${ROLES.join(', ')} (may repeat; default CITY_ADMIN)
  --region   a region code prefix the token may see and write, 2–12 digits (may repeat; default 5202)
  --grid     a grid a gridworker serves (may repeat)
  --department  the department (id) a DEPARTMENT_STAFF token works for; its region is the county
  --member   the Party member (id) a PARTY_MEMBER token is: answers the whistles of the community they report in to
  --sub      who the token is (default local-<role>): recorded as reporter, assignee and actor
  --name     the name shown in histories (default: the subject)
  --machine  a machine client (HOUSING_BUREAU)
  --expires  lifetime, e.g. 1h, 12h, 7d
npm run -s token -- … prints the token alone.`;

/** `npm run token -- …` (see USAGE): prints a bearer token signed with this environment's JWT_SECRET. */
async function main() {
  const { values } = parseArgs({
    options: {
      help: { type: 'boolean', default: false },
      role: { type: 'string', multiple: true },
      region: { type: 'string', multiple: true },
      grid: { type: 'string', multiple: true },
      department: { type: 'string' },
      member: { type: 'string' },
      name: { type: 'string' },
      sub: { type: 'string' },
      machine: { type: 'boolean', default: false },
      expires: { type: 'string', default: '12h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const roles = values.role ?? ['CITY_ADMIN'];
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new Error(`Unknown role(s) ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
  const regions = values.region ?? ['5202'];
  // The gateway refuses a token with a malformed scope: say so now rather than with a 401 later.
  const malformed = regions.filter((r) => !/^\d{2,12}$/.test(r));
  if (malformed.length) throw new Error(`A region is a code prefix of 2–12 digits (5202, 520201001001), not ${malformed.join(', ')}`);
  const department = values.department?.toLowerCase();
  const member = values.member?.toLowerCase();
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  // A department's staff answer for their department only: the claim is what says which.
  if (department && !uuid.test(department))
    throw new Error(`A department is its id (a UUID, from the departments query), not ${values.department}`);
  if (member && !uuid.test(member)) throw new Error(`A member is their Party member id (a UUID), not ${values.member}`);
  if (roles.includes('DEPARTMENT_STAFF') && !department) throw new Error('A DEPARTMENT_STAFF token needs --department <id>');
  const env = parseEnv({});
  const token = await signBearerToken(
    {
      sub: values.sub ?? `local-${roles[0]!.toLowerCase()}`,
      name: values.name ?? '',
      roles: roles as Role[],
      regions,
      grids: values.grid ?? [],
      ...(department ? { department } : {}),
      ...(member ? { member } : {}),
      kind: values.machine ? 'machine' : 'person',
    },
    { secret: env.JWT_SECRET, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE, expiresIn: values.expires },
  );
  console.log(token);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(`\n${USAGE}`);
  process.exit(1);
});
