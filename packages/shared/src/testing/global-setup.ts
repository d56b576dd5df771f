import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate } from '../database';
import { redisReachable } from '../redis';
import { dataSourceFor } from '../service';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './index';
import { SERVICES } from '../../../../scripts/services';

/**
 * Runs once before the suite: recreates the test database and runs every service's migrations.
 * The check for Postgres and Redis happens before Jest (scripts/check-test-services.mjs).
 */
export default async function globalSetup(): Promise<void> {
  // Where randomRegionCode claims short codes for this run (workers inherit the variable).
  process.env.GG_TEST_RUN_DIR = mkdtempSync(join(tmpdir(), 'gg-test-codes-'));

  const url = new URL(TEST_DATABASE_URL);
  const database = url.pathname.slice(1);
  const admin = new Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();

  if (!(await redisReachable(TEST_REDIS_URL))) throw new Error(`Redis is unreachable at ${TEST_REDIS_URL}`);

  for (const service of SERVICES) {
    const dataSource = dataSourceFor(service, TEST_DATABASE_URL, 2);
    await dataSource.initialize();
    await migrate(dataSource);
    await dataSource.destroy();
  }
}
