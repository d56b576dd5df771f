import { defineModule, loadSchema, STAFF } from '@gg/shared';
import { join } from 'node:path';
import { createTenHouseholdUnit, updateTenHouseholdUnit } from './ten-household-unit.commands';
import { TenHouseholdUnit } from './ten-household-unit.entity';
import { setTenHouseholdUnitPolicy } from './ten-household-unit.policy';
import { tenHouseholdUnitResolvers } from './ten-household-unit.resolvers';

/** Ten-household units (十联户): about ten neighbouring households of a grid with their household leader. */
export const tenHouseholdUnitModule = defineModule({
  name: 'ten-household-unit',
  typeDefs: loadSchema(join(__dirname, 'ten-household-unit.graphql')),
  resolvers: tenHouseholdUnitResolvers,
  commands: [createTenHouseholdUnit, updateTenHouseholdUnit, setTenHouseholdUnitPolicy],
  // Units name their households and leaders: staff only, whatever the grid's own readers.
  access: { 'Grid.tenHouseholdUnits': STAFF, 'Query.tenHouseholdUnitPolicy': STAFF },
  entities: [TenHouseholdUnit],
});
