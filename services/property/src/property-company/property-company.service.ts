import {
  ADMIN_ROLES,
  conflict,
  isUniqueViolation,
  loaderOf,
  requireRegionInScope,
  requireRole,
  scopedQuery,
  type Identity,
  type SubgraphContext,
} from '@gg/shared';
import type { DataSource } from 'typeorm';
import { PropertyCompany } from './property-company.entity';
import type { CreatePropertyCompanyInput } from './property-company.rules';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Property companies by id for one request, scoped, one statement per batch (also serves `_entities`). */
export function loadPropertyCompany(context: SubgraphContext, id: string): Promise<PropertyCompany | null> {
  return loaderOf<string, PropertyCompany | null>(context, 'property-company-by-id', async (ids) => {
    // A malformed id cannot exist, and Postgres would reject the whole batch's cast to uuid.
    const valid = ids.filter((key) => UUID.test(key));
    const rows = valid.length
      ? await scopedQuery(context.dataSource, PropertyCompany, 'c', context.identity)
          .andWhere('c.id IN (:...ids)', { ids: valid })
          .getMany()
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((key) => byId.get(key) ?? null);
  }).load(id);
}

/** Lists the property companies registered in a region's subtree that the caller may see, by name. */
export function listPropertyCompanies(
  dataSource: DataSource,
  identity: Identity,
  regionCode: string,
  first: number,
): Promise<PropertyCompany[]> {
  return scopedQuery(dataSource, PropertyCompany, 'c', identity)
    .andWhere('c.region_code LIKE :prefix', { prefix: `${regionCode}%` })
    .orderBy('c.name')
    .addOrderBy('c.id')
    .limit(first)
    .getMany();
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
