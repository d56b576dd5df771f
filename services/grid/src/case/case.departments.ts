import { countyOf, notFound, requireReference } from '@gg/shared';
import type { EntityManager } from 'typeorm';
import type { GridCase } from './case.entity';

/**
 * A department named for a case (whistled to, or assigned): one the organisation service announced
 * (a DEPARTMENT reference, else BAD_USER_INPUT), of the case's own county (else NOT_FOUND naming the
 * field: another county's department is not even confirmed to exist).
 */
export async function requireCaseDepartment(
  manager: EntityManager,
  gridCase: GridCase,
  departmentId: string,
  field: string,
): Promise<void> {
  const reference = await requireReference(manager, 'DEPARTMENT', departmentId, { field });
  if (reference.regionCode !== countyOf(gridCase.regionCode))
    throw notFound(`Department ${departmentId} of county ${countyOf(gridCase.regionCode)}`, field);
}
