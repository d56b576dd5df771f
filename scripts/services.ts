import type { ServiceDefinition } from '@gg/shared';
import { collectiveEconomyService } from '../services/collective-economy/src/service';
import { gridService } from '../services/grid/src/service';
import { organisationService } from '../services/organisation/src/service';
import { propertyService } from '../services/property/src/service';
import { volunteerService } from '../services/volunteer/src/service';

/** The five domain services, in the gateway's order. */
export const SERVICES: ServiceDefinition[] = [
  organisationService,
  gridService,
  volunteerService,
  propertyService,
  collectiveEconomyService,
];
