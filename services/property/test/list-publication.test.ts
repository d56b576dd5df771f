import { bullConnection, JobDispatcher, startJobWorker } from '@gg/shared';
import { startTestSubgraph, testIdentity, TEST_REDIS_URL, type TestSubgraph } from '@gg/shared/src/testing';
import { randomUUID } from 'node:crypto';
import { Like, type DataSource } from 'typeorm';
import { deliveryJob } from '../src/bureau-webhook/bureau-webhook.delivery';
import { BureauWebhookDelivery } from '../src/bureau-webhook/bureau-webhook.entity';
import { runQuarterlyEvaluation } from '../src/quarterly-evaluation/quarterly-evaluation.run';
import { SeriousViolation } from '../src/red-black-list/red-black-list.entity';
import { propertyService } from '../src/service';
import { defineScheme, newCompany, newCompound, newPlace, organisationDataSource, scoreMonth } from './evaluation-fixtures';
import { Receiver, until } from './webhook-receiver';

/**
 * The halves of the evaluation joined, in a county of its own (三穗 522624): a serious violation found
 * in a random inspection puts the company on the black list however well it scored, and the list
 * published with the real mutation reaches the housing bureau's registered webhook, signed.
 */
const COUNTY = '522624';
const ADMIN = () => testIdentity({ regionScopes: [COUNTY] });
const BUREAU = testIdentity({ roles: ['HOUSING_BUREAU'], regionScopes: [COUNTY], clientKind: 'MACHINE' });

describe('publishing a red-and-black list: serious inspection findings count, the bureau is told', () => {
  let sg: TestSubgraph;
  let organisation: DataSource;
  let worker: Awaited<ReturnType<typeof startJobWorker>>;
  let dispatcher: JobDispatcher;
  const receiver = new Receiver();
  const job = deliveryJob({ attempts: 3, backoffMs: 200, timeoutMs: 2000 });
  const company: Record<'A' | 'B', string> = { A: '', B: '' };

  beforeAll(async () => {
    sg = await startTestSubgraph(propertyService);
    organisation = organisationDataSource();
    await organisation.initialize();
    await receiver.start();
    worker = await startJobWorker({
      service: `test-list-webhooks-${randomUUID().slice(0, 8)}`,
      dataSource: sg.dataSource,
      connection: bullConnection(TEST_REDIS_URL),
      jobs: [job],
    });
    dispatcher = new JobDispatcher(sg.dataSource, worker.queue, 50, [job]);
    dispatcher.start();

    const place = await newPlace(sg, organisation, COUNTY);
    // Red: the best 2 at 80 or more; black: under 60 or a serious violation; the residents' voice not weighed.
    await defineScheme(sg, {
      countyCode: COUNTY,
      year: 2024,
      redRule: { top: 2, minScore: 80 },
      blackRule: { belowScore: 60 },
      residentsVoice: { weight: 0 },
    });
    for (const [name, score] of [
      ['A', 90],
      ['B', 95],
    ] as const) {
      company[name] = await newCompany(sg, place, `联动测试物业${name}`);
      const compound = await newCompound(sg, place, company[name]);
      for (const month of ['2024-02', '2024-05']) await scoreMonth(sg, compound, month, () => score);
    }
  }, 120_000);
  afterAll(async () => {
    await dispatcher.stop();
    await worker.queue.obliterate({ force: true });
    await worker.close();
    await receiver.stop();
    await organisation.destroy();
    await sg.stop();
  });

  it('a SERIOUS_VIOLATION finding of a random inspection is the company’s serious violation, and the published list puts it BLACK', async () => {
    const drawn = await sg.query<{ drawRandomInspection: { id: string; drawnCompanyIds: string[] } }>(
      'mutation ($i: DrawRandomInspectionInput!) { drawRandomInspection(input: $i) { id drawnCompanyIds } }',
      {
        i: {
          regionCode: COUNTY,
          title: '2024年上半年物业服务双随机检查',
          seed: 'joined',
          companyCount: 2,
          inspectorCount: 1,
          inspectorPool: [{ name: '王建国', unit: '三穗县住建局' }],
        },
      },
      ADMIN(),
    );
    expect(drawn.errors).toBeUndefined();
    const draw = drawn.data!.drawRandomInspection;
    expect([...draw.drawnCompanyIds].sort()).toEqual([company.A, company.B].sort());
    // The draw as if made in the half (a draw's time is the database's; the half must be over to be listed).
    await sg.dataSource.query(`UPDATE property.random_inspection_draw SET drawn_at = '2024-03-01T02:00:00Z' WHERE id = $1`, [draw.id]);
    const FINDING = 'mutation ($i: RecordInspectionFindingInput!) { recordInspectionFinding(input: $i) { id } }';
    const finding = (companyId: string, result: string) =>
      sg.query<{ recordInspectionFinding: { id: string } }>(
        FINDING,
        { i: { drawId: draw.id, companyId, inspectedOn: '2024-04-10', result, note: '消防设施长期损坏未修复' } },
        ADMIN(),
      );
    expect((await finding(company.A, 'RECTIFICATION_REQUIRED')).errors).toBeUndefined();
    const serious = await finding(company.B, 'SERIOUS_VIOLATION');
    expect(serious.errors).toBeUndefined();
    const violations = await sg.dataSource.getRepository(SeriousViolation).findBy({ regionCode: Like(`${COUNTY}%`) });
    expect(violations.map((v) => [v.companyId, v.occurredOn, v.inspectionFindingId])).toEqual([
      [company.B, '2024-04-10', serious.data!.recordInspectionFinding.id],
    ]);

    for (const quarter of ['2024Q1', '2024Q2']) await runQuarterlyEvaluation(sg.dataSource, COUNTY, quarter, new Date());
    const published = await sg.query<{
      publishRedBlackList: { id: string; entries: Array<{ kind: string; companyId: string; score: number; reason: string }> };
    }>(
      'mutation ($i: PublishRedBlackListInput!) { publishRedBlackList(input: $i) { id entries { kind companyId score reason } } }',
      { i: { countyCode: COUNTY, half: '2024H1' } },
      ADMIN(),
    );
    expect(published.errors).toBeUndefined();
    const entries = published.data!.publishRedBlackList.entries;
    // B scored best (95) but the inspection found a serious violation: black, not red.
    expect(entries.map((e) => [e.kind, e.companyId, e.score])).toEqual([
      ['RED', company.A, 90],
      ['BLACK', company.B, 95],
    ]);
    expect(entries[1]!.reason).toContain('serious violation');
    await sg.catchUp(); // its RedBlackListPublished handled now, before any webhook is registered
  });

  it('delivers the list published with publishRedBlackList to the bureau’s webhook, signed per Standard Webhooks', async () => {
    const endpoint = receiver.endpoint();
    const registered = await sg.query<{ registerBureauWebhook: { secret: string; webhook: { id: string } } }>(
      'mutation ($i: RegisterBureauWebhookInput!) { registerBureauWebhook(input: $i) { secret webhook { id } } }',
      { i: { regionCode: COUNTY, url: endpoint.url, description: '三穗县住建局信用评价系统' } },
      BUREAU,
    );
    expect(registered.errors).toBeUndefined();
    const { secret, webhook } = registered.data!.registerBureauWebhook;
    const published = await sg.query<{ publishRedBlackList: { id: string } }>(
      'mutation ($i: PublishRedBlackListInput!) { publishRedBlackList(input: $i) { id } }',
      { i: { countyCode: COUNTY, half: '2024H2' } },
      ADMIN(),
    );
    // 2024H2 was never evaluated: no list, nothing sent.
    expect(published.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    for (const quarter of ['2024Q3', '2024Q4']) await runQuarterlyEvaluation(sg.dataSource, COUNTY, quarter, new Date());
    const listed = await sg.query<{ publishRedBlackList: { id: string } }>(
      'mutation ($i: PublishRedBlackListInput!) { publishRedBlackList(input: $i) { id } }',
      { i: { countyCode: COUNTY, half: '2024H2' } },
      ADMIN(),
    );
    expect(listed.errors).toBeUndefined();
    const listId = listed.data!.publishRedBlackList.id;

    await sg.catchUp(); // the service reads its own outbox: RedBlackListPublished → a delivery per endpoint
    const [delivery] = await until('the delivery', async () => {
      const rows = await sg.dataSource.getRepository(BureauWebhookDelivery).findBy({ webhookId: webhook.id });
      return rows.length === 1 && rows[0]!.status === 'DELIVERED' && rows;
    });
    const requests = endpoint.requests();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers['webhook-id']).toBe(`msg_${delivery!.id.replace(/-/g, '')}`);
    expect(Receiver.verify(requests[0]!, secret)).toEqual({
      type: 'property.red_black_list.published',
      timestamp: expect.any(String),
      data: { id: listId, countyCode: COUNTY, half: '2024H2', version: 1, replacesId: null },
    });
    // Signed with this endpoint's secret only: another secret does not verify.
    expect(Receiver.verify(requests[0]!, `whsec_${Buffer.from(randomUUID()).toString('base64')}`)).toBe('WebhookVerificationError');
  });
});
