import { defineModule, loadSchema, STAFF } from '@gg/shared';
import { join } from 'node:path';
import { EndGridStaffAppointments1763800001500 } from '../migrations/1763800001500-EndGridStaffAppointments';
import { appointGridStaff } from './grid-staff.commands';
import { GridStaff } from './grid-staff.entity';
import { gridStaffResolvers } from './grid-staff.resolvers';

/** People serving in a grid (网格员, 楼栋长, 联户长, …) and their appointments. */
export const gridStaffModule = defineModule({
  name: 'grid-staff',
  typeDefs: loadSchema(join(__dirname, 'grid-staff.graphql')),
  resolvers: gridStaffResolvers,
  commands: [appointGridStaff],
  // Staff are personal information: staff only, whatever the grid's own readers.
  access: { 'Grid.staff': STAFF },
  entities: [GridStaff],
  migrations: [EndGridStaffAppointments1763800001500],
});
