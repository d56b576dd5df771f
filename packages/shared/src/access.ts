import { Kind, type DocumentNode } from 'graphql';
import { ADMIN_ROLES, ROLES, requireRole, type Role } from './auth';
import type { Resolvers, SubgraphContext, TypeResolvers } from './subgraph';

// ─── Role groups ──────────────────────────────────────────────────────────────

/** Everyone with a token: public reference data such as the region tree. */
export const EVERYONE: readonly Role[] = ROLES;
/** Administrators who create and change records of their region. */
export const WRITERS: readonly Role[] = ADMIN_ROLES;
/** Staff who work with the records of their region. */
export const STAFF: readonly Role[] = [...ADMIN_ROLES, 'GRIDWORKER'];
/** People served by and serving in the community. */
export const COMMUNITY_MEMBERS: readonly Role[] = ['PARTY_MEMBER', 'VOLUNTEER', 'RESIDENT'];
/** Staff and community members: ordinary readers of community records. */
export const READERS: readonly Role[] = [...STAFF, ...COMMUNITY_MEMBERS];

/**
 * Which roles may resolve what. Keys are `Type.field` for fields (every Query and Mutation field
 * must have one, and so must every field a subgraph adds to another subgraph's entity), or `Type`
 * for resolving references to an entity this subgraph owns (`_entities`). Region scopes are applied
 * on top, in SQL, by the data access helpers.
 */
export type AccessPolicy = Record<string, readonly Role[]>;

/** Root fields and fields on extended entities that lack a policy: a service with any does not start. */
export function unguardedFields(typeDefs: DocumentNode, policy: AccessPolicy, foreignEntities: readonly string[]): string[] {
  const missing: string[] = [];
  for (const definition of typeDefs.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = definition.name.value;
    const root = type === 'Query' || type === 'Mutation';
    // An entity owned by another subgraph, to which this one adds fields.
    const extended = foreignEntities.includes(type);
    if (!root && !extended) continue;
    for (const field of definition.fields ?? []) {
      const name = field.name.value;
      if (name.startsWith('_')) continue;
      const key = `${type}.${name}`;
      const isKeyField =
        extended && (definition.directives ?? []).some((d) => d.name.value === 'key' && JSON.stringify(d).includes(`"${name}"`));
      if (!isKeyField && !policy[key]) missing.push(key);
    }
  }
  return missing;
}

function guarded<F extends (...args: never[]) => unknown>(roles: readonly Role[], key: string, resolve: F, contextIndex: number): F {
  return ((...args: never[]) => {
    const context = args[contextIndex] as unknown as SubgraphContext;
    requireRole(context.identity, roles, `read or change ${key}`);
    return resolve(...args);
  }) as F;
}

/** The resolver map with every policy applied before the resolver runs (FORBIDDEN otherwise). */
export function applyAccessPolicy(resolvers: Resolvers, policy: AccessPolicy): Resolvers {
  const result: Resolvers = { ...resolvers };
  for (const [key, roles] of Object.entries(policy)) {
    const [type, field] = key.split('.') as [string, string | undefined];
    const existing = (result[type] ?? {}) as TypeResolvers;
    const copy: TypeResolvers = { ...existing };
    if (field) {
      const resolve = existing[field] ?? ((parent: never) => (parent as Record<string, unknown>)[field]);
      copy[field] = guarded(roles, key, resolve, 2);
    } else {
      const resolveReference = existing.__resolveReference;
      if (!resolveReference) throw new Error(`Access policy names ${type} but it has no __resolveReference`);
      // __resolveReference takes (reference, context, info).
      copy.__resolveReference = guarded(roles, type, resolveReference, 1);
    }
    result[type] = copy;
  }
  return result;
}
