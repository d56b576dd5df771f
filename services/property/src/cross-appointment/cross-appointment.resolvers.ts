import type { Resolvers } from '../generated/graphql';
import { loadCrossAppointments } from './cross-appointment.queries';

/** Thin: the company's appointments, scoped. */
export const crossAppointmentResolvers: Resolvers = {
  PropertyCompany: {
    crossAppointments: (company, _, context) => loadCrossAppointments(context, company.id),
  },
};
