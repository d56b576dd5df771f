import { appendToOutbox, createDataSource, eventMessage, PartyMemberRegistered, type Identity } from '@gg/shared';
import { claimTestStreet, startTestSubgraph, testIdentity, TEST_DATABASE_URL, type TestSubgraph } from '@gg/shared/src/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { collectiveEconomyService } from '../src/service';

/** The collective-economy subgraph with a street and community of its own in a county, as the organisation service announces them. */
export interface CollectiveWorld {
  sg: TestSubgraph;
  organisationDb: DataSource;
  street: string;
  community: string;
  /** A county administrator of the world's county. */
  admin: Identity;
  /** Runs an operation that must succeed; returns its one root field. */
  ok<T>(query: string, variables: Record<string, unknown>, identity?: Identity): Promise<T>;
  /** A new organisation in the world's community. */
  newOrganisation(extra?: Record<string, unknown>): Promise<string>;
  /** A Party member announced by the organisation service in a region, caught up here. */
  registerMember(regionCode: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startCollectiveWorld(county = '520201'): Promise<CollectiveWorld> {
  const sg = await startTestSubgraph(collectiveEconomyService);
  const organisationDb = createDataSource({ service: 'organisation', url: TEST_DATABASE_URL, entities: [], migrations: [], poolSize: 2 });
  await organisationDb.initialize();
  const { street, communities } = await claimTestStreet(organisationDb, county, [{ name: '幸福社区' }]);
  await sg.catchUp();
  const admin = testIdentity({ regionScopes: [county] });
  const ok = async <T>(query: string, variables: Record<string, unknown>, identity: Identity = admin): Promise<T> => {
    const result = await sg.query<Record<string, T>>(query, variables, identity);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return Object.values(result.data!)[0]!;
  };
  return {
    sg,
    organisationDb,
    street,
    community: communities[0]!,
    admin,
    ok,
    async newOrganisation(extra = {}) {
      const created = await ok<{ id: string }>(
        'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }',
        { i: { name: `幸福社区集体经济${randomUUID().slice(0, 8)}`, regionCode: communities[0], foundedOn: '2020-01-01', ...extra } },
      );
      return created.id;
    },
    async registerMember(regionCode) {
      const id = randomUUID();
      await organisationDb.transaction((manager) =>
        appendToOutbox(manager, [eventMessage(PartyMemberRegistered, { id, regionCode, organisationId: randomUUID() })]),
      );
      await sg.catchUp();
      return id;
    },
    async stop() {
      await organisationDb.destroy();
      await sg.stop();
    },
  };
}

export const REGISTER_CAPITAL = `mutation ($i: RegisterCapitalInput!) { registerCapital(input: $i) { id category usefulLifeMonths residualRateBasisPoints } }`;
export const CREATE_LEASE = `mutation ($i: CreateLeaseInput!) { createLease(input: $i) { id } }`;
export const PAY = `mutation ($i: PayRentInput!) { payRent(input: $i) { id paid outstanding settledOn } }`;
