import { Kind, type DefinitionNode, type DocumentNode } from 'graphql';
import type { DataSource } from 'typeorm';
import type { AccessPolicy } from './access';
import type { Role } from './auth';
import { commandResolvers, type Command } from './command';
import type { ServiceName } from './env';
import type { EventConsumer } from './event-subscriber';
import type { JobDefinition, ScheduleDefinition } from './jobs';
import type { AnyExport } from './kits/exports';
import { referenceConsumers, type ReferenceKind } from './references';
import { defineService, type ServiceDefinition } from './service';
import type { Resolvers, TypeResolvers } from './subgraph';

/**
 * An aggregate as one unit (GraphQL Hive's `createModule`): its part of the SDL, its resolvers and
 * commands, who may use what, its tables and migrations, its jobs, the events it consumes and the
 * references to other services' records it checks. A service is the list of its modules.
 */
export interface AggregateModule {
  name: string;
  typeDefs: DocumentNode;
  resolvers?: Resolvers;
  /** Write use cases; each becomes a Mutation resolver guarded by its roles. */
  commands?: readonly Command[];
  /** Roles for the module's root query fields, foreign-entity fields and entity references. */
  access?: AccessPolicy;
  entities?: Function[];
  migrations?: Function[];
  jobs?: JobDefinition[];
  schedules?: ScheduleDefinition[];
  consumers?: EventConsumer[];
  /** Other services' records this module stores ids or codes of (checked at write time). */
  references?: readonly ReferenceKind[];
  /** Downloads (CSV/XLSX) of its records, served at `/exports/<service>/<name>` through the gateway. */
  exports?: readonly AnyExport[];
}

export function defineModule(module: AggregateModule): AggregateModule {
  return module;
}

export interface ServiceComposition {
  name: ServiceName;
  /** The service's own SDL: `extend schema @link(...)` and what its modules share (scalars, PageInfo). */
  typeDefs: DocumentNode;
  /** Resolvers of what `typeDefs` declares (scalars). */
  resolvers?: Resolvers;
  modules: readonly AggregateModule[];
  /** Entities owned by another subgraph to which this one adds fields (e.g. Region). */
  foreignEntities?: string[];
  seedDemo?: (dataSource: DataSource) => Promise<void>;
}

function duplicates<T>(items: readonly T[]): T[] {
  const seen = new Set<T>();
  return [...new Set(items.filter((item) => (seen.has(item) ? true : (seen.add(item), false))))];
}

function fail(service: string, what: string, names: readonly string[]): void {
  if (names.length) throw new Error(`${service}: ${what} defined by more than one module: ${names.join(', ')}`);
}

/** `Type.field` of every field a module's SDL declares (types and extensions), to find two modules declaring one field. */
function declaredFields(document: DocumentNode): string[] {
  return document.definitions.flatMap((d: DefinitionNode) => {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION && d.kind !== Kind.OBJECT_TYPE_EXTENSION && d.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION)
      return [];
    return (d.fields ?? []).map((f) => `${d.name.value}.${f.name.value}`);
  });
}

/**
 * Builds a service from its modules. Fails on anything two modules both define (a field, a resolver,
 * an access rule, an entity, a migration, a job), so a module cannot silently replace another's part.
 */
export function composeService(composition: ServiceComposition): ServiceDefinition {
  const { name, modules } = composition;
  fail(name, 'modules', duplicates(modules.map((m) => m.name)));
  fail(name, 'fields', duplicates([composition.typeDefs, ...modules.map((m) => m.typeDefs)].flatMap(declaredFields)));

  const resolvers: Resolvers = { ...composition.resolvers };
  const resolverKeys: string[] = [];
  const access: AccessPolicy = {};
  const accessKeys: string[] = [];
  for (const module of modules) {
    const own: Resolvers = { ...module.resolvers };
    if (module.commands?.length)
      own.Mutation = { ...(own.Mutation as TypeResolvers | undefined), ...(commandResolvers(module.commands) as TypeResolvers) };
    for (const [type, fields] of Object.entries(own)) {
      if (!isTypeResolvers(fields)) {
        resolverKeys.push(type);
        resolvers[type] = fields;
        continue;
      }
      resolverKeys.push(...Object.keys(fields).map((f) => `${type}.${f}`));
      resolvers[type] = { ...(resolvers[type] as TypeResolvers | undefined), ...fields };
    }
    const rules: Record<string, readonly Role[]> = { ...module.access };
    for (const command of module.commands ?? []) rules[`Mutation.${command.name}`] = command.roles;
    accessKeys.push(...Object.keys(rules));
    Object.assign(access, rules);
  }
  fail(name, 'resolvers', duplicates(resolverKeys));
  fail(name, 'access rules', duplicates(accessKeys));

  const entities = modules.flatMap((m) => m.entities ?? []);
  const migrations = modules.flatMap((m) => m.migrations ?? []);
  const jobs = modules.flatMap((m) => m.jobs ?? []);
  fail(name, 'entities', duplicates(entities.map((e) => e.name)));
  fail(name, 'migrations', duplicates(migrations.map((m) => m.name)));
  fail(name, 'jobs', duplicates(jobs.map((j) => j.name)));
  const exports = modules.flatMap((m) => m.exports ?? []);
  fail(name, 'exports', duplicates(exports.map((e) => e.name)));

  // One consumer per event: references several modules need are fed once.
  const references = [...new Set(modules.flatMap((m) => m.references ?? []))];
  const consumers = [...referenceConsumers(references), ...modules.flatMap((m) => m.consumers ?? [])];
  fail(name, 'event consumers', duplicates(consumers.map((c) => `${c.event.name}@${c.event.version}`)));

  return defineService({
    name,
    typeDefs: { kind: Kind.DOCUMENT, definitions: [composition.typeDefs, ...modules.map((m) => m.typeDefs)].flatMap((d) => d.definitions) },
    resolvers,
    access,
    foreignEntities: composition.foreignEntities,
    entities,
    migrations,
    jobs,
    schedules: modules.flatMap((m) => m.schedules ?? []),
    consumers,
    exports,
    seedDemo: composition.seedDemo,
  });
}

function isTypeResolvers(value: Resolvers[string]): value is TypeResolvers {
  return typeof value === 'object' && value !== null && !('serialize' in value && 'parseValue' in value);
}
