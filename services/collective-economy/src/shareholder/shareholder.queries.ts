import { loaderOf, loadScopedById, residentIdFromCipher, scopedQuery, scopeCondition, type SubgraphContext } from '@gg/shared';
import { CollectiveOrganisation } from '../collective-organisation/collective-organisation.entity';
import { Shareholder, ShareMovement } from './shareholder.entity';
import { registerAsOf, type RegisterLine } from './shareholder.register';
import { seesShareholder } from './shareholder.rules';

/**
 * A shareholder by id as the caller may see it (batched, scoped in SQL): staff, the shareholders of
 * their scope; anyone else, their own record only. Null otherwise, as for an id that does not exist.
 */
export async function loadShareholder(context: SubgraphContext, id: string): Promise<Shareholder | null> {
  const found = await loadScopedById(context, Shareholder, id);
  return found && seesShareholder(context.identity, found) ? found : null;
}

/** The shareholder records linked to the caller's own account, in their scope, oldest first. */
export function myShareholdings(context: SubgraphContext): Promise<Shareholder[]> {
  return scopedQuery(context.dataSource, Shareholder, 's', context.identity)
    .andWhere('s.account_subject = :subject', { subject: context.identity.subject })
    .orderBy('s.created_at', 'ASC')
    .addOrderBy('s.id', 'ASC')
    .getMany();
}

/** The register at a day, or null when the organisation is not visible to the caller. */
export async function shareRegister(context: SubgraphContext, organisationId: string, day: string): Promise<RegisterLine[] | null> {
  if (!(await loadScopedById(context, CollectiveOrganisation, organisationId))) return null;
  return registerAsOf(context.dataSource.manager, organisationId, day);
}

/** A movement of a shareholder's history, with the other shareholder of a transfer. */
export interface ShareMovementView {
  movement: ShareMovement;
  counterpartyId: string | null;
}

/**
 * Shareholders' movements in the order they took effect (issues, transfers out and in), for a batch
 * of shareholders in two statements: the movements, then the other halves of their transfers.
 */
export function shareHistoryOf(context: SubgraphContext, shareholderId: string): Promise<ShareMovementView[]> {
  return loaderOf<string, ShareMovementView[]>(context, 'share-history', async (ids) => {
    const movements = await scopedQuery(context.dataSource, ShareMovement, 'm', context.identity)
      .andWhere('m.shareholder_id IN (:...ids)', { ids: [...ids] })
      .orderBy('m.effective_on', 'ASC')
      .addOrderBy('m.created_at', 'ASC')
      .addOrderBy('m.kind', 'DESC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
    const transferIds = [...new Set(movements.flatMap((m) => (m.transferId ? [m.transferId] : [])))];
    const scope = scopeCondition(context.identity, 'o.region_code');
    const halves = transferIds.length
      ? await context.dataSource
          .getRepository(ShareMovement)
          .createQueryBuilder('o')
          .where('o.transfer_id IN (:...transferIds)', { transferIds })
          .andWhere(scope.sql, scope.params)
          .getMany()
      : [];
    const counterparty = (m: ShareMovement) =>
      halves.find((h) => h.transferId === m.transferId && h.shareholderId !== m.shareholderId)?.shareholderId ?? null;
    return ids.map((id) =>
      movements.filter((m) => m.shareholderId === id).map((movement) => ({ movement, counterpartyId: counterparty(movement) })),
    );
  }).load(shareholderId);
}

/** The whole resident ID number, decrypted to be masked or (audited) shown; null for a record registered before it was asked. */
export function residentIdOf(shareholder: Shareholder): string | null {
  return shareholder.residentIdCipher ? residentIdFromCipher(shareholder.residentIdCipher) : null;
}
