import { collectiveEconomyMatrix } from './collective-economy';
import { gridMatrix } from './grid';
import { organisationMatrix } from './organisation';
import { propertyMatrix } from './property';
import { operationsMatrix } from './operations';
import type { MatrixPart } from './types';
import { volunteerMatrix } from './volunteer';

/** Each service's part of the access matrix, seeded in this order (later parts may use earlier records). */
export const MATRIX: MatrixPart[] = [
  organisationMatrix,
  gridMatrix,
  volunteerMatrix,
  propertyMatrix,
  collectiveEconomyMatrix,
  operationsMatrix,
];
