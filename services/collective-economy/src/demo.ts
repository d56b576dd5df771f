import { CollectiveOrganisationCreated, announceOnce, protectResidentId } from '@gg/shared';
import type { DataSource } from 'typeorm';
import { CollectiveOrganisation } from './collective-organisation/collective-organisation.entity';
import { Shareholder, ShareMovement } from './shareholder/shareholder.entity';
import { seedCapitalsDemo } from './demo-capitals';

/**
 * Collective economy organisations of the demo communities. 康友家政 is from the Tianzhu report (the
 * Beibu community Party secretary and 35 residents invested; housekeeping, estate agency, labour
 * export, property management); the report gives neither its founding date nor its capital, so those
 * figures are illustrative, as is the Minghu cooperative.
 */
export const DEMO_COLLECTIVE_ORGANISATIONS: Array<
  Pick<CollectiveOrganisation, 'id' | 'name' | 'regionCode' | 'foundedOn' | 'businessLines' | 'registeredCapitalFen'>
> = [
  {
    id: '00000000-0000-4000-8000-000000000501',
    name: '天柱县康友家政服务有限公司',
    regionCode: '522627001001',
    foundedOn: '2023-04-18',
    businessLines: ['HOUSEKEEPING', 'ESTATE_AGENCY', 'LABOUR_EXPORT', 'PROPERTY_MANAGEMENT'],
    registeredCapitalFen: '36000000',
  },
  {
    id: '00000000-0000-4000-8000-000000000502',
    name: '明湖社区股份经济合作社',
    regionCode: '520201001001',
    foundedOn: '2021-09-01',
    businessLines: ['LEASING', 'RETAIL'],
    registeredCapitalFen: '50000000',
  },
];

/**
 * Three of 康友家政's 35 investing residents, as shareholders (names, numbers and shares illustrative:
 * the report names none), with a transfer between two of them, so the register and a share history have
 * something to show.
 */
const DEMO_SHAREHOLDERS = [
  { id: '00000000-0000-4000-8000-000000000511', name: '杨秀英', residentId: '522627197805120025', phone: '13985500001', shares: 100 },
  { id: '00000000-0000-4000-8000-000000000512', name: '龙国华', residentId: '522627198209231014', phone: '13985500002', shares: 100 },
  { id: '00000000-0000-4000-8000-000000000513', name: '吴玉兰', residentId: '522627199004150047', phone: null, shares: 50 },
];

async function seedShareholders(dataSource: DataSource): Promise<void> {
  const organisation = DEMO_COLLECTIVE_ORGANISATIONS[0]!;
  const of = { organisationId: organisation.id, regionCode: organisation.regionCode };
  await dataSource.transaction(async (manager) => {
    // Inserted once (ON CONFLICT DO NOTHING): movements are append-only, and a re-seed changes nothing.
    await manager
      .createQueryBuilder()
      .insert()
      .into(Shareholder)
      .values(
        DEMO_SHAREHOLDERS.map((s) => {
          const residentId = protectResidentId(s.residentId);
          return {
            ...of,
            id: s.id,
            name: s.name,
            phone: s.phone,
            residentIdCipher: residentId.cipher,
            residentIdHash: residentId.hash,
            accountSubject: null,
          };
        }),
      )
      .orIgnore()
      .execute();
    const movement = (
      n: number,
      shareholderId: string,
      shares: bigint,
      kind: ShareMovement['kind'],
      effectiveOn: string,
      transferId: string | null,
    ) => ({
      ...of,
      id: `00000000-0000-4000-8000-0000000005${20 + n}`,
      shareholderId,
      shares,
      capitalFen: shares * 100_00n,
      kind,
      effectiveOn,
      transferId,
      recordedBy: 'demo',
    });
    const transfer = '00000000-0000-4000-8000-000000000530';
    await manager
      .createQueryBuilder()
      .insert()
      .into(ShareMovement)
      .values([
        ...DEMO_SHAREHOLDERS.map((s, i) => movement(i, s.id, BigInt(s.shares), 'ISSUE', '2023-04-18', null)),
        movement(3, DEMO_SHAREHOLDERS[1]!.id, -20n, 'TRANSFER_OUT', '2024-03-01', transfer),
        movement(4, DEMO_SHAREHOLDERS[2]!.id, 20n, 'TRANSFER_IN', '2024-03-01', transfer),
      ])
      .orIgnore()
      .execute();
  });
}

/**
 * Idempotent: fixed ids, upserted. Each organisation not yet announced gets its CollectiveOrganisationCreated event in
 * the same transaction, as a command would publish it, so other services can refer to demo organisations.
 */
export async function seedCollectiveEconomyDemo(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.upsert(CollectiveOrganisation, DEMO_COLLECTIVE_ORGANISATIONS, ['id']);
    await announceOnce(
      manager,
      CollectiveOrganisationCreated,
      'CollectiveOrganisation',
      DEMO_COLLECTIVE_ORGANISATIONS.map((t) => ({ id: t.id, payload: { id: t.id, regionCode: t.regionCode } })),
    );
  });
  await seedShareholders(dataSource);
  await seedCapitalsDemo(dataSource);
}
