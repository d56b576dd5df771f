import {
  AnnualAssessmentPublished,
  appendToOutbox,
  bullConnection,
  eventMessage,
  JobDispatcher,
  RedBlackListPublished,
  startJobWorker,
} from '@gg/shared';
import { startTestSubgraph, testIdentity, TEST_REDIS_URL, type TestSubgraph } from '@gg/shared/src/testing';
import { randomUUID } from 'node:crypto';
import { deliveryJob } from '../src/bureau-webhook/bureau-webhook.delivery';
import { webhookIdOf } from '../src/bureau-webhook/bureau-webhook.rules';
import { BureauWebhookAttempt, BureauWebhookDelivery } from '../src/bureau-webhook/bureau-webhook.entity';
import { propertyService } from '../src/service';
import { Receiver, until, type Behaviour } from './webhook-receiver';

const BUREAU = testIdentity({ roles: ['HOUSING_BUREAU'], regionScopes: ['520201'], clientKind: 'MACHINE' });
const REGISTER = `mutation ($i: RegisterBureauWebhookInput!) { registerBureauWebhook(input: $i) { secret webhook { id url } } }`;
const ROTATE = `mutation ($i: RotateBureauWebhookSecretInput!) { rotateBureauWebhookSecret(input: $i) { secret webhook { secrets { retiresAt } } } }`;
const DELIVERIES = `query ($id: ID!) { bureauWebhook(id: $id) { deliveries(first: 10) { totalCount edges { node {
  webhookId eventType status attemptCount body attempts { attempt outcome statusCode signatures error } } } } } }`;

describe('housing bureau webhooks (Standard Webhooks), against a real receiver', () => {
  let sg: TestSubgraph;
  let worker: Awaited<ReturnType<typeof startJobWorker>>;
  let dispatcher: JobDispatcher;
  const receiver = new Receiver();
  // The production job with short waits: 4 attempts, 200 ms doubling, 700 ms per attempt.
  const job = deliveryJob({ attempts: 4, backoffMs: 200, timeoutMs: 700 });

  beforeAll(async () => {
    sg = await startTestSubgraph(propertyService);
    await sg.catchUp(); // the counties, as the organisation service announced them
    await receiver.start();
    worker = await startJobWorker({
      service: `test-webhooks-${randomUUID().slice(0, 8)}`,
      dataSource: sg.dataSource,
      connection: bullConnection(TEST_REDIS_URL),
      jobs: [job],
    });
    dispatcher = new JobDispatcher(sg.dataSource, worker.queue, 50, [job]);
    dispatcher.start();
  });
  afterAll(async () => {
    await dispatcher.stop();
    await worker.queue.obliterate({ force: true });
    await worker.close();
    await receiver.stop();
    await sg.stop();
  });

  async function register(script: Behaviour[] = [], regionCode = '520201', identity = BUREAU) {
    const endpoint = receiver.endpoint(script);
    const result = await sg.query<{ registerBureauWebhook: { secret: string; webhook: { id: string } } }>(
      REGISTER,
      { i: { regionCode, url: endpoint.url, description: '住建局信用评价系统' } },
      identity,
    );
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return {
      id: result.data!.registerBureauWebhook.webhook.id,
      secret: result.data!.registerBureauWebhook.secret,
      requests: endpoint.requests,
    };
  }

  /** Publishes a list as the property service does (another helper builds the real publication): its own outbox, in a transaction. */
  async function publishList(countyCode = '520201') {
    const id = randomUUID();
    await sg.dataSource.transaction((manager) =>
      appendToOutbox(manager, [eventMessage(RedBlackListPublished, { id, countyCode, half: '2026H2', version: 1, replacesId: null })]),
    );
    await sg.catchUp();
    return id;
  }

  const deliveriesOf = (webhookId: string) =>
    sg.dataSource.getRepository(BureauWebhookDelivery).find({ where: { webhookId }, order: { createdAt: 'ASC' } });
  const settled = (webhookId: string, count: number) =>
    until(`${count} settled deliveries`, async () => {
      const rows = await deliveriesOf(webhookId);
      return rows.length === count && rows.every((d) => d.status !== 'PENDING') && rows;
    });

  it('delivers through a 500 and a timeout: the same webhook-id each time, each attempt signed, logged and readable', async () => {
    const webhook = await register([500, 'hang']);
    const listId = await publishList();
    const [delivery] = await settled(webhook.id, 1);
    expect(delivery!.status).toBe('DELIVERED');

    const requests = webhook.requests();
    expect(requests).toHaveLength(3);
    const ids = requests.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1); // a receiver drops duplicates by this id
    for (const request of requests) {
      expect(Receiver.verify(request, webhook.secret)).toEqual({
        type: 'property.red_black_list.published',
        timestamp: expect.any(String),
        data: { id: listId, countyCode: '520201', half: '2026H2', version: 1, replacesId: null },
      });
    }
    // A forged signature or another secret is refused by the receiver's check.
    expect(Receiver.verify({ ...requests[0]!, body: requests[0]!.body.replace('2026H2', '2027H1') }, webhook.secret)).toBe(
      'WebhookVerificationError',
    );

    const read = await sg.query<{ bureauWebhook: { deliveries: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> } } }>(
      DELIVERIES,
      { id: webhook.id },
      BUREAU,
    );
    expect(read.data!.bureauWebhook.deliveries.edges[0]!.node).toMatchObject({
      webhookId: ids[0],
      eventType: 'property.red_black_list.published',
      status: 'DELIVERED',
      attemptCount: 3,
      body: requests[0]!.body,
      attempts: [
        { attempt: 1, outcome: 'HTTP_ERROR', statusCode: 500, signatures: 1 },
        { attempt: 2, outcome: 'TIMEOUT', statusCode: null, signatures: 1 },
        { attempt: 3, outcome: 'DELIVERED', statusCode: 204, signatures: 1 },
      ],
    });
    // Another county's bureau sees nothing of it.
    const foreign = await sg.query(DELIVERIES, { id: webhook.id }, testIdentity({ roles: ['HOUSING_BUREAU'], regionScopes: ['520322'] }));
    expect(foreign.data).toEqual({ bureauWebhook: null });

    // The event replayed (at-least-once delivery of events) adds no second message. (Replaying from 0 also
    // brings publications of 520201 that other test files or the demo made in this database: not counted.)
    await sg.dataSource.query(`UPDATE property.event_cursor SET position = 0 WHERE producer = 'property'`);
    await sg.catchUp();
    expect((await deliveriesOf(webhook.id)).filter((d) => d.eventId === delivery!.eventId)).toHaveLength(1);
  });

  it('survives a receiver restart: attempts while it is down fail, the next one after it is back delivers', async () => {
    const webhook = await register();
    await receiver.stop();
    await sg.dataSource.transaction((manager) =>
      appendToOutbox(manager, [eventMessage(AnnualAssessmentPublished, { id: randomUUID(), countyCode: '520201', year: 2026 })]),
    );
    await sg.catchUp();
    await until('an attempt refused while the receiver is down', async () => {
      const [delivery] = await deliveriesOf(webhook.id);
      if (!delivery) return false;
      const attempts = await sg.dataSource
        .getRepository(BureauWebhookAttempt)
        .findBy({ deliveryId: delivery.id, outcome: 'NETWORK_ERROR' });
      return attempts.length > 0;
    });
    await receiver.start(); // the same port
    const [delivery] = await settled(webhook.id, 1);
    expect(delivery).toMatchObject({ status: 'DELIVERED', eventType: 'property.annual_assessment.published' });
    const attempts = await sg.dataSource
      .getRepository(BureauWebhookAttempt)
      .find({ where: { deliveryId: delivery!.id }, order: { attempt: 'ASC' } });
    expect(attempts[0]!.outcome).toBe('NETWORK_ERROR');
    expect(attempts.at(-1)!.outcome).toBe('DELIVERED');
  });

  it('gives up after the last attempt, marking the message FAILED with every attempt logged', async () => {
    const webhook = await register([500, 500, 503, 500]);
    await publishList();
    const [delivery] = await settled(webhook.id, 1);
    expect(delivery).toMatchObject({ status: 'FAILED', attemptCount: 4 });
    const attempts = await sg.dataSource
      .getRepository(BureauWebhookAttempt)
      .find({ where: { deliveryId: delivery!.id }, order: { attempt: 'ASC' } });
    expect(attempts.map((a) => a.statusCode)).toEqual([500, 500, 503, 500]);

    // The receiver is fixed: the bureau has the message sent again, under the same webhook-id.
    const REDELIVER = 'mutation ($id: ID!) { redeliverBureauWebhook(deliveryId: $id) { status } }';
    const again = await sg.query<{ redeliverBureauWebhook: { status: string } }>(REDELIVER, { id: delivery!.id }, BUREAU);
    expect(again.data?.redeliverBureauWebhook).toEqual({ status: 'PENDING' });
    const [redelivered] = await settled(webhook.id, 1);
    expect(redelivered).toMatchObject({ status: 'DELIVERED', attemptCount: 5 });
    expect(new Set(webhook.requests().map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect((await sg.query(REDELIVER, { id: delivery!.id }, BUREAU)).errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'deliveryId',
    });
  });

  it('stops at a disabled webhook: a message still pending fails without further attempts', async () => {
    const webhook = await register(['hang']);
    await publishList();
    await until('the first attempt', async () => {
      const [delivery] = await deliveriesOf(webhook.id);
      return delivery && delivery.attemptCount >= 1;
    });
    const disabled = await sg.query(
      'mutation ($id: ID!) { disableBureauWebhook(webhookId: $id) { disabledAt } }',
      { id: webhook.id },
      BUREAU,
    );
    expect(disabled.errors).toBeUndefined();
    const [delivery] = await settled(webhook.id, 1);
    expect(delivery).toMatchObject({ status: 'FAILED', attemptCount: 1 });
    // A later publication creates no message for it.
    await publishList();
    expect(await deliveriesOf(webhook.id)).toHaveLength(1);
  });

  it('rotates secrets without downtime: during the overlap both sign, after it only the new one', async () => {
    const webhook = await register();
    const rotate = async (overlapHours: number) => {
      const result = await sg.query<{ rotateBureauWebhookSecret: { secret: string } }>(
        ROTATE,
        { i: { webhookId: webhook.id, overlapHours } },
        BUREAU,
      );
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data!.rotateBureauWebhookSecret.secret;
    };
    const second = await rotate(1);
    await publishList();
    await settled(webhook.id, 1);
    const during = webhook.requests();
    expect(during).toHaveLength(1);
    expect(during[0]!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    // A receiver still on the old secret and one already on the new both accept it.
    expect(Receiver.verify(during[0]!, webhook.secret)).toMatchObject({ type: 'property.red_black_list.published' });
    expect(Receiver.verify(during[0]!, second)).toMatchObject({ type: 'property.red_black_list.published' });

    const third = await rotate(0); // no overlap: the earlier two retire now
    await publishList();
    await settled(webhook.id, 2);
    const after = webhook.requests().slice(1);
    expect(after[0]!.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(Receiver.verify(after[0]!, third)).toMatchObject({ type: 'property.red_black_list.published' });
    expect(Receiver.verify(after[0]!, second)).toBe('WebhookVerificationError');
    expect(Receiver.verify(after[0]!, webhook.secret)).toBe('WebhookVerificationError');
  });

  it('sends a county’s publications only to webhooks of its region, and keeps registration within the bureau’s scope', async () => {
    const here = await register();
    const tongziBureau = testIdentity({ roles: ['HOUSING_BUREAU'], regionScopes: ['520322'], clientKind: 'MACHINE' });
    const there = await register([], '520322', tongziBureau);
    await publishList('520322');
    await settled(there.id, 1);
    expect(await deliveriesOf(here.id)).toHaveLength(0);
    const refused = await sg.query(REGISTER, { i: { regionCode: '520201', url: receiver.endpoint().url } }, tongziBureau);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.regionCode' });
    const plain = await sg.query(REGISTER, { i: { regionCode: '520201', url: 'http://bureau.example.cn/hook' } }, BUREAU);
    expect(plain.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    const admin = await sg.query(REGISTER, { i: { regionCode: '520201', url: receiver.endpoint().url } }, testIdentity());
    expect(admin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses to connect to a loopback receiver when loopback targets are off (production): the attempts are BLOCKED and logged', async () => {
    // The same receiver as above, reachable: with the development setting (loopback on) it is delivered to.
    const blocked = deliveryJob({ attempts: 2, backoffMs: 0, timeoutMs: 700 }, { allowLoopback: false });
    const allowed = deliveryJob({ attempts: 2, backoffMs: 0, timeoutMs: 700 }, { allowLoopback: true });
    const context = (attempt: number) => ({ dataSource: sg.dataSource, jobId: 'test', attempt });
    // The IP literal is checked before connecting; the host name `localhost` when the socket resolves it.
    for (const host of ['127.0.0.1', 'localhost']) {
      const endpoint = receiver.endpoint();
      const registered = await sg.query<{ registerBureauWebhook: { webhook: { id: string } } }>(
        REGISTER,
        { i: { regionCode: '520201', url: endpoint.url.replace('127.0.0.1', host) } },
        BUREAU,
      );
      expect(registered.errors).toBeUndefined();
      const webhook = { id: registered.data!.registerBureauWebhook.webhook.id, requests: endpoint.requests };
      // A message made by hand, with no job in the outbox: only the handlers called here attempt it.
      const delivery = await sg.dataSource.getRepository(BureauWebhookDelivery).save({
        regionCode: '520201',
        webhookId: webhook.id,
        eventType: 'property.red_black_list.published',
        eventId: randomUUID(),
        body: '{}',
        status: 'PENDING' as const,
      });
      await expect(blocked.handler({ deliveryId: delivery.id }, context(1))).rejects.toThrow(/BLOCKED/);
      await expect(blocked.handler({ deliveryId: delivery.id }, context(2))).rejects.toThrow(/BLOCKED/);
      const read = await sg.query<{ bureauWebhook: { deliveries: { edges: Array<{ node: Record<string, unknown> }> } } }>(
        DELIVERIES,
        { id: webhook.id },
        BUREAU,
      );
      const node = read.data!.bureauWebhook.deliveries.edges.find((e) => e.node.webhookId === webhookIdOf(delivery.id))!.node;
      expect(node).toMatchObject({ status: 'FAILED', attemptCount: 2 });
      expect(node.attempts).toEqual([
        {
          attempt: 1,
          outcome: 'BLOCKED',
          statusCode: null,
          signatures: 1,
          error: expect.stringMatching(/(127\.0\.0\.1|::1) is a loopback address: webhooks are delivered to public addresses only/),
        },
        { attempt: 2, outcome: 'BLOCKED', statusCode: null, signatures: 1, error: expect.stringMatching(/loopback address/) },
      ]);
      if (host === 'localhost')
        expect(node.attempts).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ error: expect.stringMatching(/^localhost resolved: (127\.0\.0\.1|::1) is a loopback address/) }),
          ]),
        );
      expect(webhook.requests().filter((r) => r.headers['webhook-id'] === webhookIdOf(delivery.id))).toHaveLength(0);

      // The control: the receiver was there all along, and the development setting reaches it.
      await sg.dataSource.getRepository(BureauWebhookDelivery).update({ id: delivery.id }, { status: 'PENDING' });
      await expect(allowed.handler({ deliveryId: delivery.id }, context(1))).resolves.toMatchObject({ delivered: true });
      expect(webhook.requests().filter((r) => r.headers['webhook-id'] === webhookIdOf(delivery.id))).toHaveLength(1);
    }
  });
});
