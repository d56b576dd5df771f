import { defineModule, loadSchema, STAFF, type Resolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateCadreLiaison1763800000500 } from '../migrations/1763800000500-CreateCadreLiaison';
import { cadreLiaisonCommands } from './cadre-liaison.commands';
import { Cadre, CadreLiaisonActivity, CadreLiaisonLink, CadreLiaisonReport } from './cadre-liaison.entity';
import { cadreLiaisonComplianceJob, cadreLiaisonComplianceSchedule } from './cadre-liaison.jobs';
import {
  cadreFields,
  cadreLiaisonComplianceFields,
  cadreLiaisonLinkFields,
  cadreLiaisonQueries,
  linkComplianceFields,
} from './cadre-liaison.resolvers';

/** Leading cadres who link a street, a community and a grid (联系包保), and their yearly compliance report. */
export const cadreLiaisonModule = defineModule({
  name: 'cadre-liaison',
  typeDefs: loadSchema(join(__dirname, 'cadre-liaison.graphql')),
  resolvers: {
    Query: cadreLiaisonQueries,
    Cadre: cadreFields,
    CadreLiaisonLink: cadreLiaisonLinkFields,
    CadreLiaisonCompliance: cadreLiaisonComplianceFields,
    LinkCompliance: linkComplianceFields,
  } as unknown as Resolvers,
  commands: cadreLiaisonCommands,
  access: { 'Query.cadres': STAFF, 'Query.cadreLiaisonReport': STAFF },
  entities: [Cadre, CadreLiaisonLink, CadreLiaisonActivity, CadreLiaisonReport],
  // The joint-meeting tables were created by the same early migration; it stays where it landed.
  migrations: [CreateCadreLiaison1763800000500],
  jobs: [cadreLiaisonComplianceJob],
  schedules: [cadreLiaisonComplianceSchedule],
  // A GRID link names the grid it links.
  references: ['GRID'],
});
