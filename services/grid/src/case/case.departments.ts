import { countyOf, notFound, Reference, requireReference, type Identity } from '@gg/shared';
import type { DataSource, EntityManager } from 'typeorm';
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

/**
 * The community a Party member reports in to (双报到), from the organisation service's latest
 * DoubleReportAssigned for them (a REPORTING_IN_MEMBER reference), or null: not a PARTY_MEMBER with a
 * `member` claim, or no double report of theirs was assigned.
 */
export async function reportingInCommunityOf(source: DataSource | EntityManager, identity: Identity): Promise<string | null> {
  if (!identity.partyMemberId || !identity.roles.includes('PARTY_MEMBER')) return null;
  const reference = await source.getRepository(Reference).findOneBy({ kind: 'REPORTING_IN_MEMBER', key: identity.partyMemberId });
  return reference?.regionCode ?? null;
}
