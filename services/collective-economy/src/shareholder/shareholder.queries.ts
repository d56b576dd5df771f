import { loadScopedById, type SubgraphContext } from '@gg/shared';
import { CollectiveOrganisation } from '../collective-organisation/collective-organisation.entity';
import { Shareholder } from './shareholder.entity';
import { registerAsOf, type RegisterLine } from './shareholder.register';

export function loadShareholder(context: SubgraphContext, id: string): Promise<Shareholder | null> {
  return loadScopedById(context, Shareholder, id);
}

/** The register at a day, or null when the organisation is not visible to the caller. */
export async function shareRegister(context: SubgraphContext, organisationId: string, day: string): Promise<RegisterLine[] | null> {
  if (!(await loadScopedById(context, CollectiveOrganisation, organisationId))) return null;
  return registerAsOf(context.dataSource.manager, organisationId, day);
}
