import {
  ADMIN_ROLES,
  conflict,
  isUniqueViolation,
  loadScopedById,
  requireRegionInScope,
  requireRole,
  scopedInRegion,
  type Identity,
  type SubgraphContext,
} from '@gg/shared';
import type { DataSource } from 'typeorm';
import { PropertyCompany } from './property-company.entity';
import type { CreatePropertyCompanyInput } from './property-company.rules';

/** Property companies by id for one request, scoped, one statement per batch (also serves `_entities`). */
export function loadPropertyCompany(context: SubgraphContext, id: string): Promise<PropertyCompany | null> {
  return loadScopedById(context, PropertyCompany, id);
}

/** Lists the property companies registered in a region's subtree that the caller may see, by name. */
export function listPropertyCompanies(context: SubgraphContext, regionCode: string, first: number): Promise<PropertyCompany[]> {
  return scopedInRegion(context, PropertyCompany, 'c', regionCode).orderBy('c.name').addOrderBy('c.id').limit(first).getMany();
}

/** Registers a property company in a region of the caller's scope; its credit code must be new to the platform. */
export async function createPropertyCompany(
  dataSource: DataSource,
  identity: Identity,
  input: CreatePropertyCompanyInput,
): Promise<PropertyCompany> {
  requireRole(identity, ADMIN_ROLES, 'register property companies');
  requireRegionInScope(identity, input.regionCode, 'register a property company');
  try {
    return await dataSource.transaction((manager) =>
      manager.save(
        manager.create(PropertyCompany, {
          name: input.name,
          creditCode: input.creditCode,
          regionCode: input.regionCode,
          hasPartyOrganisation: input.hasPartyOrganisation,
          partyBuildingInstructor: input.partyBuildingInstructor,
        }),
      ),
    );
  } catch (error) {
    // The unique index decides, so two concurrent registrations of one code cannot both succeed.
    if (isUniqueViolation(error)) {
      throw conflict(`A property company with credit code ${input.creditCode} is already registered`, 'input.creditCode');
    }
    throw error;
  }
}
