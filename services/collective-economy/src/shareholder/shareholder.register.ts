import type { EntityManager } from 'typeorm';
import { ShareMovement } from './shareholder.entity';

/** One line of the share register (股东名册) at a date. */
export interface RegisterLine {
  shareholderId: string;
  shares: bigint;
  capitalFen: bigint;
}

/**
 * The share register of an organisation at the end of a day: every shareholder holding shares
 * then, from the movements up to it (exact sums in the database), by shareholder id. The use case
 * the distribution reads the record date's holdings through.
 */
export async function registerAsOf(manager: EntityManager, organisationId: string, day: string): Promise<RegisterLine[]> {
  const rows = await manager
    .getRepository(ShareMovement)
    .createQueryBuilder('m')
    .select('m.shareholder_id', 'shareholderId')
    .addSelect('sum(m.shares)::text', 'shares')
    .addSelect('sum(m.capital_fen)::text', 'capital')
    .where('m.organisation_id = :organisationId AND m.effective_on <= :day', { organisationId, day })
    .groupBy('m.shareholder_id')
    .having('sum(m.shares) > 0')
    .orderBy('m.shareholder_id', 'ASC')
    .getRawMany<{ shareholderId: string; shares: string; capital: string }>();
  return rows.map((r) => ({ shareholderId: r.shareholderId, shares: BigInt(r.shares), capitalFen: BigInt(r.capital) }));
}
