import { defineModule, loadSchema } from '@gg/shared';
import { join } from 'node:path';
import { endGridStaffAppointment, mergeGrids, splitGrid } from './grid-restructuring.commands';

/**
 * Changes that span the grid's aggregates: merging and splitting grids, and a staff member leaving
 * the post. It orchestrates the other aggregates' own use cases in one transaction; none of them
 * imports it, so the folders depend on each other in one direction only.
 */
export const gridRestructuringModule = defineModule({
  name: 'grid-restructuring',
  typeDefs: loadSchema(join(__dirname, 'grid-restructuring.graphql')),
  commands: [mergeGrids, splitGrid, endGridStaffAppointment],
});
