import {
  badInput,
  conflict,
  defineCommand,
  isUniqueViolation,
  parentRegionOf,
  regionLevelOf,
  RegionAdded,
  requireWritableRegion,
} from '@gg/shared';
import { Region } from './region.entity';
import { addRegionInput } from './region.inputs';

/**
 * Adds a street under a county, or a community under a street, in the caller's scope; codes are never
 * reused. Announced as RegionAdded: every other service checks region codes against these events.
 */
export const addRegion = defineCommand({
  name: 'addRegion',
  input: addRegionInput,
  // Counties and cities set up their streets and communities.
  roles: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  async run(input, { caller, manager, publish }) {
    const parentCode = parentRegionOf(input.code)!;
    requireWritableRegion(caller, parentCode, 'add a region there', 'input.code');
    const parent = await manager.findOneBy(Region, { code: parentCode });
    if (!parent) throw badInput('input.code', `The parent region ${parentCode} does not exist`);
    const region = manager.create(Region, { code: input.code, name: input.name, level: regionLevelOf(input.code)!, parentCode });
    // insert, not save: save would quietly rename an existing region with the same code. A savepoint
    // keeps the transaction usable so the duplicate becomes a CONFLICT naming the field.
    await manager.query('SAVEPOINT add_region');
    try {
      await manager.insert(Region, region);
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT add_region');
      if (isUniqueViolation(error)) throw conflict(`Region ${input.code} already exists`, 'input.code');
      throw error;
    }
    publish(RegionAdded, { code: region.code, level: region.level, parentCode }, { type: 'Region', id: region.code });
    return region;
  },
});

export const regionCommands = [addRegion];
