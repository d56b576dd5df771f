import { parse } from 'graphql';
import { z } from 'zod';
import type { AccessPolicy } from './access';
import { paginate, timestampKey, type ConnectionArgs } from './connection';
import type { ServiceName } from './env';
import { isUuid, notFound, parseInput } from './errors';
import { EventSubscriber, type EventConsumer } from './event-subscriber';
import { DeadLetterEvent } from './outbox';
import type { Resolvers, SubgraphContext } from './subgraph';

/**
 * The operators' view of a service's incoming events, added to every service by `defineService` next
 * to its jobs: the events its consumers gave up on (dead letters) with their retry, and how far behind
 * each producer it is. Field names carry the service (`gridDeadLetters`, `retryGridDeadLetter`);
 * the types are one shareable shape. OPERATOR only.
 */

const lettersArgs = z.object({
  unresolvedOnly: z.boolean().nullish(),
  first: z.number().int().min(1).max(500).nullish(),
  after: z.string().max(500).nullish(),
});

export function eventOperationsOf(service: ServiceName, shareable: string, consumers: () => readonly EventConsumer[]) {
  const field = service.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const Title = field[0]!.toUpperCase() + field.slice(1);
  const typeDefs = parse(`
    "An event from another service that this service's consumer gave up on after its retries (OPERATOR)."
    type DeadLetterEvent ${shareable} {
      id: ID!
      "The service that published it."
      producer: String!
      "Its position in the producer's outbox."
      position: String!
      "The event's own id (the same in every consumer)."
      eventId: ID!
      "Event name and version, e.g. GridCreated v1."
      name: String!
      version: Int!
      attempts: Int!
      "The last attempt's error."
      error: String!
      failedAt: DateTime!
      "When an operator's retry succeeded; null while it waits."
      resolvedAt: DateTime
    }
    "A dead letter and its cursor."
    type DeadLetterEventEdge ${shareable} {
      cursor: String!
      node: DeadLetterEvent!
    }
    "A page of dead letters, newest first."
    type DeadLetterEventConnection ${shareable} {
      edges: [DeadLetterEventEdge!]!
      pageInfo: PageInfo!
      totalCount: Int!
    }
    "What an operator's retry of a dead letter did."
    type DeadLetterRetry ${shareable} {
      "True when the consumer handled it this time (the letter is marked resolved)."
      resolved: Boolean!
      "Why it failed again; null when resolved."
      error: String
    }
    "How far behind one producer's outbox this service's consumers are."
    type EventLag ${shareable} {
      producer: String!
      "Events published and not yet handled here."
      waiting: Int!
      "When the oldest of them was published; null when none waits."
      oldestWaitingAt: DateTime
    }
    extend type Query {
      "Events the ${service} service's consumers gave up on, newest first (OPERATOR)."
      ${field}DeadLetters("Only those not yet resolved by a retry (default true)." unresolvedOnly: Boolean = true, "Page size, 1–500." first: Int = 50, "The endCursor of the previous page." after: String): DeadLetterEventConnection!
      "How far behind each producer the ${service} service's consumers are (OPERATOR)."
      ${field}EventLag: [EventLag!]!
    }
    extend type Mutation {
      "Hands a dead letter of the ${service} service to its consumer again, once its cause is fixed (OPERATOR). NOT_FOUND when there is no unresolved letter with this id."
      retry${Title}DeadLetter("The dead letter's id." id: ID!): DeadLetterRetry!
    }
  `);

  const resolvers: Resolvers = {
    Query: {
      [`${field}DeadLetters`]: (_: unknown, args: ConnectionArgs & { unresolvedOnly?: boolean | null }, context: SubgraphContext) => {
        const parsed = parseInput(lettersArgs, args, '');
        const query = context.dataSource.getRepository(DeadLetterEvent).createQueryBuilder('letter');
        if (parsed.unresolvedOnly ?? true) query.andWhere('letter.resolved_at IS NULL');
        return paginate(query, { first: parsed.first, after: parsed.after }, [
          timestampKey<DeadLetterEvent>('letter.failed_at', 'DESC', (l) => l.failedAt),
          { column: 'letter.id', direction: 'DESC', value: (l) => l.id },
        ]);
      },
      [`${field}EventLag`]: (_: unknown, __: unknown, context: SubgraphContext) =>
        new EventSubscriber(context.dataSource, consumers()).lag(),
    },
    Mutation: {
      [`retry${Title}DeadLetter`]: async (_: unknown, args: { id: string }, context: SubgraphContext) => {
        if (!isUuid(args.id)) throw notFound(`Dead letter ${args.id}`, 'id');
        const outcome = await new EventSubscriber(context.dataSource, consumers()).retryDeadLetter(args.id);
        if (!outcome.resolved && outcome.error === 'No unresolved dead letter with this id') throw notFound(`Dead letter ${args.id}`, 'id');
        return { resolved: outcome.resolved, error: outcome.error ?? null };
      },
    },
  };

  const access: AccessPolicy = {
    [`Query.${field}DeadLetters`]: ['OPERATOR'],
    [`Query.${field}EventLag`]: ['OPERATOR'],
    [`Mutation.retry${Title}DeadLetter`]: ['OPERATOR'],
  };
  return { typeDefs, resolvers, access };
}
