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
import { CollectiveOrganisation } from './collective-organisation.entity';

/** A page of organisations (the type the generated resolver types map `CollectiveOrganisationConnection` to). */
export type CollectiveOrganisationPage = Connection<CollectiveOrganisation>;

/** Organisations are listed by name; the id breaks ties, so every organisation has one place in the list. */
const BY_NAME: ReadonlyArray<SortKey<CollectiveOrganisation>> = [
  { column: 'o.name', direction: 'ASC', value: (o) => o.name },
  { column: 'o.id', direction: 'ASC', value: (o) => o.id },
];

/** Collective organisations by id for one request, scoped, one statement per batch (also serves `_entities`). */
export function loadCollectiveOrganisation(context: SubgraphContext, id: string): Promise<CollectiveOrganisation | null> {
  return loadScopedById(context, CollectiveOrganisation, id);
}

/** A page of the collective organisations in a region's subtree that the caller may see, by name, in one statement. */
export function listCollectiveOrganisations(
  context: SubgraphContext,
  regionCode: string,
  args: ConnectionArgs,
): Promise<CollectiveOrganisationPage> {
  // The subtree predicate holds the caller's scope too: one condition, the form an index can use.
  const region = regionSubtreeCondition('o.region_code', regionCode, context.identity);
  return paginate(
    context.dataSource.getRepository(CollectiveOrganisation).createQueryBuilder('o').where(region.sql, region.params),
    args,
    BY_NAME,
  );
}

/** `Region.collectiveOrganisations`: a page per region, for a batch of regions in one statement. */
export function regionCollectiveOrganisations(
  context: SubgraphContext,
  regionCode: string,
  args: ConnectionArgs,
): Promise<CollectiveOrganisationPage> {
  return loadSubtreeConnection(context, CollectiveOrganisation, regionCode, { orderBy: 'name', args });
}
