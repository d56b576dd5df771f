import { defineCommand, defineModule, loadSchema, STAFF } from '@gg/shared';
import { join } from 'node:path';
import { moveHouseholdToGrid } from '../household/household-ledger.commands';
import { moveHouseholdInput } from '../household/household-ledger.inputs';
import { placeInUnit } from '../ten-household-unit/ten-household-unit.commands';

/**
 * Moves a household to another grid's ledger and, when a unit is named, into that unit of the new
 * grid, in one transaction (维护台账: a family moves and joins its new neighbours' 十联户 at once).
 * The move is the household's; the joining is the unit's (its lock and its county's cap).
 */
export const moveHousehold = defineCommand({
  name: 'moveHousehold',
  input: moveHouseholdInput,
  roles: STAFF,
  run: async (input, context) => {
    const moved = await moveHouseholdToGrid(context, input);
    if (!input.unitId) return moved;
    const unit = await placeInUnit(context, input.unitId, moved, 'input.unitId');
    return { ...moved, unitId: unit.id };
  },
});

/** A household's move between grids (and units): a use case over the household and ten-household-unit aggregates. */
export const householdMoveModule = defineModule({
  name: 'household-move',
  typeDefs: loadSchema(join(__dirname, 'household-move.graphql')),
  commands: [moveHousehold],
});
