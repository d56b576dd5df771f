import {
  loadScopedById,
  loadSubtreeConnection,
  paginate,
  regionSubtreeCondition,
  type Connection,
  type ConnectionArgs,
  type SortKey,
  type SubgraphContext,
} from '@gg/shared';
import { PropertyCompany } from './property-company.entity';

/** A page of companies (the type the generated resolver types map `PropertyCompanyConnection` to). */
export type PropertyCompanyPage = Connection<PropertyCompany>;

/** Companies are listed by name; the id breaks ties, so every company has one place in the list. */
const BY_NAME: ReadonlyArray<SortKey<PropertyCompany>> = [
  { column: 'c.name', direction: 'ASC', value: (c) => c.name },
  { column: 'c.id', direction: 'ASC', value: (c) => c.id },
];

/** Property companies by id for one request, scoped, one statement per batch (also serves `_entities`). */
export function loadPropertyCompany(context: SubgraphContext, id: string): Promise<PropertyCompany | null> {
  return loadScopedById(context, PropertyCompany, id);
}

/** A page of the companies registered in a region's subtree that the caller may see, by name, in one statement. */
export function listPropertyCompanies(context: SubgraphContext, regionCode: string, args: ConnectionArgs): Promise<PropertyCompanyPage> {
  // The subtree predicate holds the caller's scope too: one condition, the form an index can use.
  const region = regionSubtreeCondition('c.region_code', regionCode, context.identity);
  return paginate(
    context.dataSource.getRepository(PropertyCompany).createQueryBuilder('c').where(region.sql, region.params),
    args,
    BY_NAME,
  );
}

/** `Region.propertyCompanies`: a page per region, for a batch of regions in one statement. */
export function regionPropertyCompanies(context: SubgraphContext, regionCode: string, args: ConnectionArgs): Promise<PropertyCompanyPage> {
  return loadSubtreeConnection(context, PropertyCompany, regionCode, { orderBy: 'name', args });
}
