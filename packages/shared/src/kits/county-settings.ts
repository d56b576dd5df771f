import { Column, Entity, PrimaryColumn, type DataSource, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { z } from 'zod';
import type { Identity } from '../auth';
import { tableOf } from '../database';
import { badInput, parseInput } from '../errors';
import { regionLevelOf, requireWritableRegion } from './regions';

/**
 * Per-county settings with defaults, written once: a county that has set nothing works under the
 * defaults, a setting is validated by its own schema, and who changed it when is kept. Case deadlines,
 * unit sizes, scoring weights, distribution shares… each is one `defineCountySetting`.
 */
@Entity('county_setting')
export class CountySettingRecord {
  @PrimaryColumn({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  @PrimaryColumn({ type: 'varchar', length: 60 })
  key: string;

  @Column({ type: 'jsonb' })
  value: object;

  @Column({ name: 'updated_by', type: 'varchar', length: 200 })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export class CreateCountySetting1764400000200 implements MigrationInterface {
  name = 'CreateCountySetting1764400000200';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE ${tableOf(runner, 'county_setting')} (
      "county_code" varchar(6) NOT NULL,
      "key" varchar(60) NOT NULL,
      "value" jsonb NOT NULL,
      "updated_by" varchar(200) NOT NULL,
      "updated_at" timestamptz NOT NULL,
      CONSTRAINT "PK_county_setting" PRIMARY KEY ("county_code", "key")
    )`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'county_setting')}`);
  }
}

export interface CountySetting<S extends z.ZodType> {
  key: string;
  schema: S;
  defaults: z.infer<S>;
}

export function defineCountySetting<S extends z.ZodType>(setting: CountySetting<S>): CountySetting<S> {
  return setting;
}

export interface CountySettingValue<T> {
  countyCode: string;
  value: T;
  /** True when the county has set nothing and these are the defaults. */
  isDefault: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** A county's value of a setting, or the defaults when it has set none. */
export async function countySettingOf<S extends z.ZodType>(
  source: DataSource | EntityManager,
  setting: CountySetting<S>,
  countyCode: string,
): Promise<CountySettingValue<z.infer<S>>> {
  const row = await source.getRepository(CountySettingRecord).findOneBy({ countyCode, key: setting.key });
  if (!row) return { countyCode, value: setting.defaults, isDefault: true, updatedAt: null, updatedBy: null };
  return {
    countyCode,
    value: setting.schema.parse(row.value) as z.infer<S>,
    isDefault: false,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

/** Sets a county's value (validated, in the caller's transaction, only inside the caller's scope). */
export async function setCountySetting<S extends z.ZodType>(
  manager: EntityManager,
  setting: CountySetting<S>,
  countyCode: string,
  value: unknown,
  caller: Identity,
  now: Date,
): Promise<CountySettingValue<z.infer<S>>> {
  requireWritableRegion(caller, countyCode, `change the settings of county ${countyCode}`, 'input.countyCode');
  const parsed = parseInput(setting.schema, value) as z.infer<S>;
  await manager.upsert(
    CountySettingRecord,
    { countyCode, key: setting.key, value: parsed as object, updatedBy: caller.subject, updatedAt: now },
    ['countyCode', 'key'],
  );
  return { countyCode, value: parsed, isDefault: false, updatedAt: now, updatedBy: caller.subject };
}

/** A county's setting as the graph shows it: the values, whose county, and whether they are the defaults. */
export type CountySettingView<T> = T & { countyCode: string; isDefault: boolean; updatedAt: Date | null };

export function countySettingView<T>(setting: CountySettingValue<T>): CountySettingView<T> {
  return { ...setting.value, countyCode: setting.countyCode, isDefault: setting.isDefault, updatedAt: setting.updatedAt };
}

/**
 * Reads a county's setting for the caller, or null when the county is neither in nor above the caller's
 * scope: settings are reference data for the county's own people, so a community's staff read their
 * county's (they work under its deadlines, lists and limits). A code that is not a county's is refused.
 */
export async function loadCountySetting<S extends z.ZodType>(
  source: DataSource | EntityManager,
  identity: Identity,
  setting: CountySetting<S>,
  countyCode: string,
): Promise<CountySettingView<z.infer<S>> | null> {
  if (regionLevelOf(countyCode) !== 'COUNTY') throw badInput('countyCode', 'a county code has 6 digits');
  const visible = identity.regionScopes.some((scope) => countyCode.startsWith(scope) || scope.startsWith(countyCode));
  if (!visible) return null;
  return countySettingView(await countySettingOf(source, setting, countyCode));
}
