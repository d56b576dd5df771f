import { defineModule, loadSchema, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateCrossAppointment1764600000403 } from '../migrations/1764600000403-CreateCrossAppointment';
import { PROPERTY_READERS } from '../property-company/property-company.module';
import { appointCrossRole, endCrossAppointment } from './cross-appointment.commands';
import { CrossAppointment } from './cross-appointment.entity';
import { crossAppointmentResolvers } from './cross-appointment.resolvers';

/** "Two-way entry, cross appointment" (双向进入、交叉任职): Party members linked with property companies, with dates. */
export const crossAppointmentModule = defineModule({
  name: 'cross-appointment',
  typeDefs: loadSchema(join(__dirname, 'cross-appointment.graphql')),
  resolvers: crossAppointmentResolvers as ServiceResolvers,
  commands: [appointCrossRole, endCrossAppointment],
  access: { 'PropertyCompany.crossAppointments': PROPERTY_READERS },
  entities: [CrossAppointment],
  migrations: [CreateCrossAppointment1764600000403],
  references: ['PARTY_MEMBER'],
});
