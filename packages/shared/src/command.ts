import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Identity, Role } from './auth';
import { parseInput } from './errors';
import type { EventDefinition } from './events';
import type { JobDefinition } from './jobs';
import { currentRequestScope } from './observability/logger';
import { appendToOutbox, eventMessage, jobMessage, type PendingMessage } from './outbox';
import type { SubgraphContext } from './subgraph';

/**
 * What a command's body receives: the caller, the transaction, the clock, and the two ways to reach
 * beyond the transaction. `publish` and `enqueue` write to the outbox when the transaction commits,
 * so another service hears of a write, and a job runs for it, only if it really happened.
 */
export interface CommandContext {
  caller: Identity;
  manager: EntityManager;
  now: Date;
  operationName?: string;
  publish<E extends EventDefinition>(event: E, payload: z.infer<E['payload']>, aggregate?: { type: string; id: string }): void;
  enqueue<S extends z.ZodType>(job: JobDefinition<S>, payload: z.infer<S>, options?: { jobId?: string }): void;
}

export interface CommandDefinition<S extends z.ZodType, R> {
  /** The mutation field, verb-noun in the domain's words (`escalateCase`, `publishRedBlackList`). */
  name: string;
  /** The input schema; a problem is BAD_USER_INPUT naming the field, before anything is read or written. */
  input: S;
  /** The argument holding the input (`input` by default); null parses all arguments as one object. */
  argument?: string | null;
  /** Who may run it: the role check, stated once (the service's access policy is built from it). */
  roles: readonly Role[];
  /** The body, in one transaction; a thrown error rolls everything back, outbox messages included. */
  run: (input: z.infer<S>, context: CommandContext) => Promise<R>;
}

export interface Command<S extends z.ZodType = z.ZodType, R = unknown> extends CommandDefinition<S, R> {
  /** Parses the raw input, runs the body in a new transaction and appends its outbox messages before commit. */
  execute(context: SubgraphContext, rawInput: unknown, now?: Date): Promise<R>;
}

/** A write use case: one definition from which the mutation resolver and its access rule come. */
export function defineCommand<S extends z.ZodType, R>(definition: CommandDefinition<S, R>): Command<S, R> {
  return {
    ...definition,
    async execute(context, rawInput, now = new Date()) {
      const prefix = definition.argument === null ? '' : (definition.argument ?? 'input');
      const input = parseInput(definition.input, rawInput, prefix);
      return runInTransaction(context, (commandContext) => definition.run(input, commandContext), now);
    },
  };
}

/**
 * Runs a body in one transaction with a command context (also for jobs and consumers that write
 * through use cases). Outbox messages are appended last, under the outbox lock, then committed.
 */
export async function runInTransaction<R>(
  context: Pick<SubgraphContext, 'dataSource' | 'identity' | 'operationName'>,
  body: (commandContext: CommandContext) => Promise<R>,
  now: Date = new Date(),
): Promise<R> {
  return context.dataSource.transaction(async (manager) => {
    const messages: PendingMessage[] = [];
    const result = await body({
      caller: context.identity,
      manager,
      now,
      operationName: context.operationName,
      publish: (event, payload, aggregate) => messages.push(eventMessage(event, payload, aggregate)),
      enqueue: (job, payload, options) => messages.push(jobMessage(job, payload, options)),
    });
    // Jobs started by this request carry its id (random, not personal) into the worker's logs.
    await appendToOutbox(manager, messages, currentRequestScope()?.requestId);
    return result;
  });
}

/** The Mutation resolvers of a list of commands. */
export function commandResolvers(
  commands: readonly Command[],
): Record<string, (parent: unknown, args: Record<string, unknown>, context: SubgraphContext) => unknown> {
  return Object.fromEntries(
    commands.map((command) => [
      command.name,
      (_: unknown, args: Record<string, unknown>, context: SubgraphContext) =>
        command.execute(context, command.argument === null ? args : args[command.argument ?? 'input']),
    ]),
  );
}
