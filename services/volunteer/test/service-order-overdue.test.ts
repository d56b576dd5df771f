import {
  appendToOutbox,
  bullConnection,
  createDataSource,
  eventMessage,
  HouseholdRegistered,
  JobQueue,
  JobRun,
  queueNameOf,
  startJobWorker,
  type Identity,
} from '@gg/shared';
import {
  claimTestStreet,
  startTestSubgraph,
  testIdentity,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  type TestSubgraph,
} from '@gg/shared/src/testing';
import { QueueEvents } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ServiceOrder, ServiceOrderFlag } from '../src/service-order/service-order.entity';
import { flagOverdueServiceOrders, serviceOrderOverdueJob } from '../src/service-order/service-order.jobs';
import { volunteerService } from '../src/service';

const HOUR = 3600 * 1000;
const PLACE = 'mutation ($i: PlaceServiceOrderInput!) { placeServiceOrder(input: $i) { id placedAt } }';
const READ = `query ($id: ID!) { serviceOrder(id: $id) { id state dueAt overdue flags { stage stageSince dueAt flaggedAt } } }`;

/**
 * The overdue job (BullMQ): an order left undispatched, or dispatched and unaccepted, past its county's
 * limit (county setting `service-order-policy`, 24 hours each by default) is flagged once per stage;
 * running the job again flags nothing twice.
 */
describe('volunteer subgraph: overdue service orders', () => {
  let sg: TestSubgraph;
  let organisation: DataSource;
  let grid: DataSource;
  let jinping: string;
  let zhongshan: string;
  let jinpingStaff: Identity;

  const place = async (community: string) => {
    const resident = testIdentity({ roles: ['RESIDENT'], regionScopes: [community] });
    const placed = await sg.query<{ placeServiceOrder: { id: string; placedAt: string } }>(
      PLACE,
      { i: { category: 'ELDERLY_CARE', description: '独居老人需要陪同就医', regionCode: community } },
      resident,
    );
    if (placed.errors) throw new Error(JSON.stringify(placed.errors));
    return placed.data!.placeServiceOrder;
  };
  const flagsOf = (orderId: string) =>
    sg.dataSource.getRepository(ServiceOrderFlag).find({ where: { orderId }, order: { flaggedAt: 'ASC' } });

  beforeAll(async () => {
    sg = await startTestSubgraph(volunteerService);
    organisation = createDataSource({ service: 'organisation', url: TEST_DATABASE_URL, entities: [], migrations: [], poolSize: 2 });
    grid = createDataSource({ service: 'grid', url: TEST_DATABASE_URL, entities: [], migrations: [], poolSize: 2 });
    await Promise.all([organisation.initialize(), grid.initialize()]);
    // Jinping (522628): only this file sets the service-order limits there.
    jinping = (await claimTestStreet(organisation, '522628', [{ name: '超时派单测试社区' }])).communities[0]!;
    zhongshan = (await claimTestStreet(organisation, '520201', [{ name: '超时派单测试社区' }])).communities[0]!;
    await sg.catchUp();
    jinpingStaff = testIdentity({ regionScopes: ['522628'] });
    const set = await sg.query(
      'mutation ($i: SetServiceOrderPolicyInput!) { setServiceOrderPolicy(input: $i) { countyCode dispatchWithinHours acceptWithinHours isDefault } }',
      { i: { countyCode: '522628', dispatchWithinHours: 2, acceptWithinHours: 1 } },
      jinpingStaff,
    );
    expect(set.data).toEqual({
      setServiceOrderPolicy: { countyCode: '522628', dispatchWithinHours: 2, acceptWithinHours: 1, isDefault: false },
    });
  });
  afterAll(async () => {
    await organisation.destroy();
    await grid.destroy();
    await sg.stop();
  });

  it('flags an order past its county’s limit once per stage, measured from when the stage began', async () => {
    const late = await place(jinping);
    const onTime = await place(zhongshan);
    const placedAt = new Date(late.placedAt).getTime();
    // Three hours on: past Jinping's two, well within Zhongshan's default 24.
    const at = new Date(placedAt + 3 * HOUR);
    // Each sweep is limited to this file's own communities: other test files' orders are not touched.
    const sweep = async (now: Date) => {
      for (const regionCode of [jinping, zhongshan]) await flagOverdueServiceOrders(sg.dataSource, now, { regionCode });
    };
    await sweep(at);
    expect(await flagsOf(late.id)).toEqual([
      expect.objectContaining({ stage: 'UNDISPATCHED', dueAt: new Date(placedAt + 2 * HOUR), flaggedAt: at }),
    ]);
    expect(await flagsOf(onTime.id)).toEqual([]);
    // A sweep limited to Jinping leaves Zhongshan's order alone, even past Zhongshan's 24 hours.
    await flagOverdueServiceOrders(sg.dataSource, new Date(placedAt + 25 * HOUR), { regionCode: jinping });
    expect(await flagsOf(onTime.id)).toEqual([]);
    // Again, and again later: nothing twice for the same stage.
    await sweep(at);
    await sweep(new Date(placedAt + 5 * HOUR));
    expect(await flagsOf(late.id)).toHaveLength(1);
    const read = await sg.query<{ serviceOrder: { overdue: boolean; dueAt: string; flags: unknown[] } }>(
      READ,
      { id: late.id },
      jinpingStaff,
    );
    expect(read.data!.serviceOrder).toMatchObject({ overdue: true, dueAt: new Date(placedAt + 2 * HOUR).toISOString() });
    const listed = await sg.query<{ serviceOrders: { edges: Array<{ node: { id: string } }> } }>(
      'query ($c: ID!) { serviceOrders(regionCode: $c, overdueOnly: true) { edges { node { id } } } }',
      { c: jinping },
      jinpingStaff,
    );
    expect(listed.data!.serviceOrders.edges.map((e) => e.node.id)).toEqual([late.id]);

    // Dispatched: a new stage with its own limit (one hour in Jinping).
    const household = randomUUID();
    await grid.transaction((m) =>
      appendToOutbox(m, [eventMessage(HouseholdRegistered, { id: household, regionCode: jinping, gridId: randomUUID() })]),
    );
    await sg.catchUp();
    const taker = await sg.query<{ enrolServiceTaker: { id: string } }>(
      'mutation ($i: EnrolServiceTakerInput!) { enrolServiceTaker(input: $i) { id } }',
      { i: { householdId: household, accountSubject: 'overdue-leader' } },
      jinpingStaff,
    );
    await sg.query(
      'mutation ($i: DispatchServiceOrderInput!) { dispatchServiceOrder(input: $i) { id } }',
      { i: { orderId: late.id, takerId: taker.data!.enrolServiceTaker.id } },
      jinpingStaff,
    );
    const dispatched = await sg.dataSource.getRepository(ServiceOrder).findOneByOrFail({ id: late.id });
    expect((await sg.query<{ serviceOrder: { overdue: boolean } }>(READ, { id: late.id }, jinpingStaff)).data!.serviceOrder.overdue).toBe(
      false,
    );
    await sweep(new Date(dispatched.stateSince.getTime() + 30 * 60 * 1000));
    expect(await flagsOf(late.id)).toHaveLength(1);
    await sweep(new Date(dispatched.stateSince.getTime() + 2 * HOUR));
    // (The test's clocks are made up, so the flags are compared by stage, not by when they were raised.)
    expect((await flagsOf(late.id)).map((f) => f.stage).sort()).toEqual(['UNACCEPTED', 'UNDISPATCHED']);
  });

  it('runs as a BullMQ job, recorded in job_run; a second run flags nothing more', async () => {
    const order = await place(jinping);
    const service = `volunteer-test-${randomUUID().slice(0, 8)}`;
    const connection = bullConnection(TEST_REDIS_URL);
    const worker = await startJobWorker({ service, dataSource: sg.dataSource, connection, jobs: [serviceOrderOverdueJob] });
    const producer = new JobQueue(service, connection);
    const events = new QueueEvents(queueNameOf(service), { connection });
    await events.waitUntilReady();
    try {
      const now = new Date(new Date(order.placedAt).getTime() + 3 * HOUR).toISOString();
      const first = await producer.enqueue(serviceOrderOverdueJob, { now, regionCode: jinping });
      expect(((await first.waitUntilFinished(events, 15_000)) as { flagged: number }).flagged).toBeGreaterThanOrEqual(1);
      expect(await sg.dataSource.getRepository(JobRun).findOneByOrFail({ queue: producer.queue.name, jobId: first.id! })).toMatchObject({
        jobName: 'service-order-overdue',
        status: 'SUCCEEDED',
      });
      const second = await producer.enqueue(serviceOrderOverdueJob, { now, regionCode: jinping });
      await second.waitUntilFinished(events, 15_000);
      expect(await flagsOf(order.id)).toHaveLength(1);
    } finally {
      await producer.queue.obliterate({ force: true });
      await events.close();
      await producer.close();
      await worker.close();
    }
    expect(volunteerService.schedules).toEqual(
      expect.arrayContaining([expect.objectContaining({ job: serviceOrderOverdueJob, every: 10 * 60 * 1000, payload: {} })]),
    );
  });

  it('counts a region’s figures inside the caller’s scope only', async () => {
    const STATS = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { volunteerStats { serviceOrders } } } }';
    const r = [{ __typename: 'Region', code: jinping.slice(0, 9) }];
    const inside = await sg.query<{ _entities: Array<{ volunteerStats: { serviceOrders: number } }> }>(STATS, { r }, jinpingStaff);
    expect(inside.data!._entities[0]!.volunteerStats.serviceOrders).toBe(2);
    const tongzi = testIdentity({ roles: ['DASHBOARD'], regionScopes: ['520322'] });
    const outside = await sg.query<{ _entities: Array<{ volunteerStats: { serviceOrders: number } }> }>(STATS, { r }, tongzi);
    expect(outside.data!._entities[0]!.volunteerStats.serviceOrders).toBe(0);
  });
});
