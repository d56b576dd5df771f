import { dataSourceFor } from '@gg/shared';
import { TEST_DATABASE_URL } from '@gg/shared/src/testing';
import { Capital } from '../src/capital/capital.entity';
import { seedCollectiveEconomyDemo } from '../src/demo';
import { Lease, RentCharge, RentPayment } from '../src/lease/lease.entity';
import { collectiveEconomyService } from '../src/service';

describe('the demo data', () => {
  const dataSource = dataSourceFor(collectiveEconomyService, TEST_DATABASE_URL, 2);
  beforeAll(() => dataSource.initialize());
  afterAll(() => dataSource.destroy());

  it('shows a leased shopfront with its rent, and seeding twice changes nothing', async () => {
    await seedCollectiveEconomyDemo(dataSource);
    const count = async () => ({
      capitals: await dataSource.getRepository(Capital).countBy({ regionCode: '522627001001' }),
      leases: await dataSource.getRepository(Lease).countBy({ regionCode: '522627001001' }),
      charges: await dataSource.getRepository(RentCharge).countBy({ regionCode: '522627001001' }),
      payments: await dataSource.getRepository(RentPayment).countBy({ regionCode: '522627001001' }),
    });
    const first = await count();
    expect(first).toMatchObject({ capitals: 1, leases: 1, payments: 1 });
    expect(first.charges).toBeGreaterThanOrEqual(12);
    await seedCollectiveEconomyDemo(dataSource);
    expect(await count()).toEqual(first);
  });
});
