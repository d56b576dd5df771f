import { createDataSource } from '@gg/shared';
import { startTestSubgraph, testIdentity, TEST_DATABASE_URL, type TestSubgraph } from '@gg/shared/src/testing';
import type { DataSource } from 'typeorm';
import { PropertyDispute } from '../src/property-dispute/property-dispute.entity';
import { propertyService } from '../src/service';
import { must, placeCompound, randomCreditCode } from './fixtures';

const DISPUTE = `id status category filedOn outcome closedOn company { id } compound { id } mediators { kind body }`;
const FILE = `mutation ($i: FilePropertyDisputeInput!) { filePropertyDispute(input: $i) { ${DISPUTE} } }`;
const START = `mutation ($i: StartDisputeMediationInput!) { startDisputeMediation(input: $i) { ${DISPUTE} } }`;
const CLOSE = `mutation ($i: ClosePropertyDisputeInput!) { closePropertyDispute(input: $i) { ${DISPUTE} } }`;
const RECORD = `query ($id: ID!) { propertyCompany(id: $id) { disputeCounts { total open closed mediated }
  disputes { edges { node { id status } } totalCount } open: disputes(status: MEDIATING) { totalCount } } }`;
const STATS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { propertyStats { openDisputes } } } }`;
const THREE_PLUS_X = [{ kind: 'HOUSING' }, { kind: 'JUSTICE' }, { kind: 'COURT', body: '钟山区人民法院' }, { kind: 'COMMUNITY' }];

interface Dispute {
  id: string;
  status: string;
  company: { id: string } | null;
  mediators: Array<{ kind: string; body: string | null }>;
}

describe('property disputes ("3+X" 物业纠纷多元化解)', () => {
  let sg: TestSubgraph;
  let organisation: DataSource;

  beforeAll(async () => {
    sg = await startTestSubgraph(propertyService);
    organisation = createDataSource({ service: 'organisation', url: TEST_DATABASE_URL, entities: [], migrations: [], poolSize: 2 });
    await organisation.initialize();
  });
  afterAll(async () => {
    await organisation.destroy();
    await sg.stop();
  });

  const file = async (compoundId: string, filedOn = '2025-03-01') =>
    (
      await must<{ filePropertyDispute: Dispute }>(sg, FILE, {
        i: { compoundId, category: 'FEES', summary: '物业费上涨未经业主大会表决', filedOn },
      })
    ).filePropertyDispute;

  it('files, mediates and closes a dispute, counted in the record of the company managing the compound on the day filed', async () => {
    const place = await placeCompound(sg, organisation);
    const filed = await file(place.compoundId);
    expect(filed).toMatchObject({ status: 'FILED', company: { id: place.companyId }, mediators: [] });

    // A new company from 2025-06-01: disputes filed afterwards are the new company's, the earlier one stays with the old.
    const next = await must<{ createPropertyCompany: { id: string } }>(
      sg,
      'mutation ($i: CreatePropertyCompanyInput!) { createPropertyCompany(input: $i) { id } }',
      { i: { name: '接管物业有限公司', creditCode: randomCreditCode(), regionCode: place.community } },
    );
    const successor = next.createPropertyCompany.id;
    await must(sg, 'mutation ($i: ChangeCompoundManagementInput!) { changeCompoundManagement(input: $i) { id } }', {
      i: { compoundId: place.compoundId, managementMode: 'PROFESSIONAL', companyId: successor, since: '2025-06-01' },
    });
    const later = await file(place.compoundId, '2025-07-01');
    expect(later.company).toEqual({ id: successor });

    const started = (await must<{ startDisputeMediation: Dispute }>(sg, START, { i: { disputeId: filed.id, mediators: THREE_PLUS_X } }))
      .startDisputeMediation;
    expect(started.status).toBe('MEDIATING');
    expect(started.mediators).toEqual([
      { kind: 'HOUSING', body: null },
      { kind: 'JUSTICE', body: null },
      { kind: 'COURT', body: '钟山区人民法院' },
      { kind: 'COMMUNITY', body: null },
    ]);
    const record = async (id: string) => (await must<{ propertyCompany: Record<string, unknown> }>(sg, RECORD, { id })).propertyCompany;
    expect(await record(place.companyId)).toMatchObject({
      disputeCounts: { total: 1, open: 1, closed: 0, mediated: 0 },
      disputes: { totalCount: 1, edges: [{ node: { id: filed.id, status: 'MEDIATING' } }] },
      open: { totalCount: 1 },
    });
    const openHere = async () =>
      (
        await must<{ _entities: Array<{ propertyStats: { openDisputes: number } }> }>(sg, STATS, {
          r: [{ __typename: 'Region', code: place.community }],
        })
      )._entities[0]!.propertyStats.openDisputes;
    expect(await openHere()).toBe(2);

    const closed = (
      await must<{ closePropertyDispute: Dispute }>(sg, CLOSE, {
        i: { disputeId: filed.id, outcome: 'JUDICIALLY_CONFIRMED', note: '调解协议经法院司法确认', closedOn: '2025-04-15' },
      })
    ).closePropertyDispute;
    expect(closed).toMatchObject({ status: 'CLOSED', outcome: 'JUDICIALLY_CONFIRMED', closedOn: '2025-04-15' });
    expect(await record(place.companyId)).toMatchObject({
      disputeCounts: { total: 1, open: 0, closed: 1, mediated: 1 },
      open: { totalCount: 0 },
    });
    expect(await record(successor)).toMatchObject({ disputeCounts: { total: 1, open: 1, closed: 0, mediated: 0 } });
    expect(await openHere()).toBe(1);
    // The steps are kept, numbered by version.
    expect(
      await sg.dataSource.query(`SELECT sequence, status FROM property.property_dispute_step WHERE dispute_id = $1 ORDER BY sequence`, [
        filed.id,
      ]),
    ).toEqual([
      { sequence: 1, status: 'FILED' },
      { sequence: 2, status: 'MEDIATING' },
      { sequence: 3, status: 'CLOSED' },
    ]);
  });

  it('refuses a panel without the three, an outcome without mediation, a closing before filing and a step from the wrong state, writing nothing', async () => {
    const place = await placeCompound(sg, organisation);
    const filed = await file(place.compoundId);
    const refusals: Array<[string, Record<string, unknown>, string, string]> = [
      [START, { disputeId: filed.id, mediators: [{ kind: 'HOUSING' }, { kind: 'JUSTICE' }] }, 'BAD_USER_INPUT', 'input.mediators'],
      [START, { disputeId: filed.id, mediators: [...THREE_PLUS_X, { kind: 'OTHER' }] }, 'BAD_USER_INPUT', 'input.mediators'],
      [START, { disputeId: filed.id, mediators: [...THREE_PLUS_X, { kind: 'HOUSING' }] }, 'BAD_USER_INPUT', 'input.mediators'],
      [CLOSE, { disputeId: filed.id, outcome: 'AGREEMENT_REACHED', closedOn: '2025-04-01' }, 'BAD_USER_INPUT', 'input.outcome'],
      [CLOSE, { disputeId: filed.id, outcome: 'WITHDRAWN', closedOn: '2025-02-01' }, 'BAD_USER_INPUT', 'input.closedOn'],
    ];
    for (const [mutation, input, code, field] of refusals) {
      const result = await sg.query(mutation, { i: input });
      expect([input, result.errors?.[0]?.extensions]).toEqual([input, expect.objectContaining({ code, field })]);
    }
    const before = await sg.dataSource.getRepository(PropertyDispute).findOneByOrFail({ id: filed.id });
    expect(before).toMatchObject({ status: 'FILED', version: 1 });
    await must(sg, CLOSE, { i: { disputeId: filed.id, outcome: 'WITHDRAWN', closedOn: '2025-03-02' } });
    const again = await sg.query(START, { i: { disputeId: filed.id, mediators: THREE_PLUS_X } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.disputeId' });
    // Before the compound's recorded management began there is no company to count it against.
    const early = await sg.query(FILE, {
      i: { compoundId: place.compoundId, category: 'OTHER', summary: '早于物业管理', filedOn: '2023-12-31' },
    });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.filedOn' });
  });

  it('keeps disputes inside scopes: another county cannot file or read them, residents may not read them, the bureau may', async () => {
    const place = await placeCompound(sg, organisation);
    const filed = await file(place.compoundId);
    const tongzi = testIdentity({ regionScopes: ['520322'] });
    const foreign = await sg.query(
      FILE,
      { i: { compoundId: place.compoundId, category: 'FEES', summary: '越权', filedOn: '2025-03-01' } },
      tongzi,
    );
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.compoundId' });
    const read = (identity = testIdentity()) =>
      sg.query<{ propertyDispute: { id: string } | null }>(
        'query ($id: ID!) { propertyDispute(id: $id) { id } }',
        { id: filed.id },
        identity,
      );
    expect((await read(tongzi)).data!.propertyDispute).toBeNull();
    expect((await read(testIdentity({ roles: ['RESIDENT'] }))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await read(testIdentity({ roles: ['HOUSING_BUREAU'], clientKind: 'MACHINE' }))).data!.propertyDispute).toEqual({
      id: filed.id,
    });
    // Minimum necessary: the bureau reads the company's record, not what residents said.
    const summary = (identity = testIdentity()) =>
      sg.query<{ propertyDispute: { summary: string | null } }>(
        'query ($id: ID!) { propertyDispute(id: $id) { summary } }',
        { id: filed.id },
        identity,
      );
    expect((await summary()).data!.propertyDispute.summary).toBe('物业费上涨未经业主大会表决');
    expect((await summary(testIdentity({ roles: ['HOUSING_BUREAU'], clientKind: 'MACHINE' }))).data!.propertyDispute.summary).toBeNull();
    const list = await sg.query<{ propertyDisputes: { totalCount: number } }>(
      'query ($c: ID!) { propertyDisputes(regionCode: $c) { totalCount } }',
      { c: place.community },
      tongzi,
    );
    expect(list.data!.propertyDisputes.totalCount).toBe(0);
  });
});
