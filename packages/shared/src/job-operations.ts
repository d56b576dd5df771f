import type { Job, Queue } from 'bullmq';
import { Kind, parse, type DocumentNode } from 'graphql';
import type { AccessPolicy } from './access';
import { timestampKey, paginate, type ConnectionArgs } from './connection';
import type { ServiceName } from './env';
import { conflict, DomainError, ErrorCode, notFound, parseInput } from './errors';
import { JobRun, type JobRunStatus } from './jobs';
import type { Resolvers, SubgraphContext } from './subgraph';
import { z } from 'zod';

/**
 * The operators' view of a service's jobs, added to every service by `defineService`: its recorded
 * runs (job_run), the jobs that failed all their attempts, and their retry. Field names carry the
 * service (`gridJobRuns`, `retryGridJob`) so five subgraphs can add them to one graph; the types are
 * one shareable shape. OPERATOR only: job runs are platform records, not region records.
 */

/** `collective-economy` → `collectiveEconomy`. */
function camelOf(service: ServiceName): string {
  return service.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The name under which the service's SDL may use @shareable (imported, or namespaced when not). */
export function shareableIn(typeDefs: DocumentNode): string {
  const imported = typeDefs.definitions.some(
    (d) =>
      d.kind === Kind.SCHEMA_EXTENSION &&
      (d.directives ?? []).some(
        (directive) => directive.name.value === 'link' && JSON.stringify(directive.arguments).includes('"@shareable"'),
      ),
  );
  return imported ? '@shareable' : '@federation__shareable';
}

function defines(typeDefs: DocumentNode, name: string): boolean {
  return typeDefs.definitions.some((d) => 'name' in d && d.name?.value === name && d.kind !== Kind.OBJECT_TYPE_EXTENSION);
}

const runsArgs = z.object({
  status: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'ABANDONED']).nullish(),
  jobName: z.string().trim().min(1).max(100).nullish(),
  first: z.number().int().min(1).max(500).nullish(),
  after: z.string().max(500).nullish(),
});

/** A job in its queue's failed set, as operators see it (no payload: ids only, but still not theirs to read). */
function failedJobOf(job: Job, queue: string) {
  return {
    id: job.id,
    queue,
    name: job.name,
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason || null,
    failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    requestId: typeof job.data?.requestId === 'string' ? (job.data.requestId as string) : null,
  };
}

/** Redis down must not hang an operator's request: jobs answer unavailable after two seconds. */
async function withQueue<T>(context: SubgraphContext, work: (queue: Queue) => Promise<T>): Promise<T> {
  const unavailable = () => new DomainError(ErrorCode.INTERNAL_SERVER_ERROR, 'Jobs are unavailable: Redis cannot be reached');
  if (!context.jobQueue) throw unavailable();
  const queue = context.jobQueue();
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work(queue),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(unavailable()), 2000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function jobOperationsOf(service: ServiceName, serviceTypeDefs: DocumentNode) {
  const field = camelOf(service);
  const Title = field[0]!.toUpperCase() + field.slice(1);
  const shareable = shareableIn(serviceTypeDefs);
  const pageInfo = defines(serviceTypeDefs, 'PageInfo')
    ? ''
    : `"Where a page of a connection ends (Relay cursor connections)."
       type PageInfo ${shareable} {
         "True when there are more records after this page: ask again with \`after: endCursor\`."
         hasNextPage: Boolean!
         "The cursor of the last edge of this page (null when the page is empty)."
         endCursor: String
       }`;
  const typeDefs = parse(`
    ${pageInfo}
    "State of one recorded attempt of a background job."
    enum JobRunStatus {
      "Being run now."
      RUNNING
      "Finished; its result is kept."
      SUCCEEDED
      "Threw; retried with backoff until its attempts are used up."
      FAILED
      "Its worker died during it (killed or stalled); the job was run again as a later attempt."
      ABANDONED
    }
    "One attempt of a background job, as the service's worker recorded it (OPERATOR)."
    type JobRun ${shareable} {
      id: ID!
      "The BullMQ queue (one per service, e.g. gg-grid)."
      queue: String!
      jobName: String!
      jobId: String!
      "The period the run is for (2026, 2026Q1) when the job is periodic."
      period: String
      "Attempt number, counted from the recorded attempts (a stalled attempt counts)."
      attempt: Int!
      status: JobRunStatus!
      startedAt: DateTime!
      finishedAt: DateTime
      "Why the attempt failed or was abandoned."
      error: String
    }
    "A job run and its cursor."
    type JobRunEdge ${shareable} {
      cursor: String!
      node: JobRun!
    }
    "A page of job runs, newest first."
    type JobRunConnection ${shareable} {
      edges: [JobRunEdge!]!
      pageInfo: PageInfo!
    }
    "A job that failed all its attempts and waits in its queue's failed set (kept 30 days) for an operator."
    type FailedJob ${shareable} {
      "The BullMQ job id."
      id: ID!
      queue: String!
      name: String!
      attemptsMade: Int!
      "The last attempt's error."
      failedReason: String
      failedAt: DateTime
      "The request that started the job, to find its log lines; null for scheduled jobs."
      requestId: String
    }
    extend type Query {
      "Recorded runs of the ${service} service's jobs, newest first (OPERATOR)."
      ${field}JobRuns("Only runs in this state." status: JobRunStatus, "Only runs of this job." jobName: String, "Page size, 1–500." first: Int = 50, "The endCursor of the previous page." after: String): JobRunConnection!
      "Jobs of the ${service} service that failed all their attempts, most recent first (OPERATOR)."
      ${field}FailedJobs("How many, 1–500." first: Int = 50): [FailedJob!]!
    }
    extend type Mutation {
      "Runs a job of the ${service} service that failed all its attempts again, with fresh attempts (OPERATOR). NOT_FOUND when there is no such job, CONFLICT when it has not failed."
      retry${Title}Job("The failed job's id." jobId: ID!): FailedJob!
    }
  `);

  const resolvers: Resolvers = {
    Query: {
      [`${field}JobRuns`]: async (
        _: unknown,
        args: ConnectionArgs & { status?: JobRunStatus; jobName?: string },
        context: SubgraphContext,
      ) => {
        const parsed = parseInput(runsArgs, args, 'args');
        const query = context.dataSource.getRepository(JobRun).createQueryBuilder('run');
        if (parsed.status) query.andWhere('run.status = :status', { status: parsed.status });
        if (parsed.jobName) query.andWhere('run.job_name = :jobName', { jobName: parsed.jobName });
        return paginate(query, { first: parsed.first, after: parsed.after }, [
          timestampKey<JobRun>('run.started_at', 'DESC', (r) => r.startedAt),
          { column: 'run.id', direction: 'DESC', value: (r) => r.id },
        ]);
      },
      [`${field}FailedJobs`]: (_: unknown, args: { first?: number }, context: SubgraphContext) =>
        withQueue(context, async (queue) => {
          const first = parseInput(z.number().int().min(1).max(500), args.first ?? 50, 'first');
          const jobs = await queue.getFailed(0, first - 1);
          return jobs.map((job) => failedJobOf(job, queue.name));
        }),
    },
    Mutation: {
      [`retry${Title}Job`]: (_: unknown, args: { jobId: string }, context: SubgraphContext) =>
        withQueue(context, async (queue) => {
          const job = await queue.getJob(parseInput(z.string().min(1).max(200), args.jobId, 'jobId'));
          if (!job) throw notFound(`Job ${args.jobId}`, 'jobId');
          if ((await job.getState()) !== 'failed') throw conflict('Only a job that failed all its attempts can be retried', 'jobId');
          await job.retry('failed', { resetAttemptsMade: true });
          return failedJobOf(job, queue.name);
        }),
    },
  };

  const access: AccessPolicy = {
    [`Query.${field}JobRuns`]: ['OPERATOR'],
    [`Query.${field}FailedJobs`]: ['OPERATOR'],
    [`Mutation.retry${Title}Job`]: ['OPERATOR'],
  };
  return { typeDefs, resolvers, access };
}
