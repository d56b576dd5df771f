import { loadScopedChildren, type SubgraphContext } from '@gg/shared';
import type { EntityManager } from 'typeorm';
import type { CollectiveOrganisation } from '../collective-organisation/collective-organisation.entity';
import { CommunityShareRate } from './share-rate.entity';

/** What applies to a year: the latest setting from that year or an earlier one, else the organisation's own rate. */
export interface RateOfYear {
  basisPoints: number;
  setting: CommunityShareRate | null;
}

/** The rate a year of an organisation is distributed at (read in the drafting transaction). */
export async function rateOfYear(manager: EntityManager, organisation: CollectiveOrganisation, year: number): Promise<RateOfYear> {
  const setting = await manager
    .getRepository(CommunityShareRate)
    .createQueryBuilder('r')
    .where('r.organisation_id = :id AND r.from_year <= :year', { id: organisation.id, year })
    .orderBy('r.from_year', 'DESC')
    .addOrderBy('r.set_at', 'DESC')
    .addOrderBy('r.id', 'DESC')
    .getOne();
  return { basisPoints: setting?.basisPoints ?? organisation.communityShareBp, setting };
}

/** An organisation's settings, newest first (batched per request, scoped). */
export async function rateSettingsOf(context: SubgraphContext, organisationId: string): Promise<CommunityShareRate[]> {
  const oldestFirst = await loadScopedChildren(context, CommunityShareRate, organisationId, {
    parentColumn: 'organisation_id',
    parentOf: (r) => r.organisationId,
    orderBy: ['c.set_at', 'c.id'],
  });
  return [...oldestFirst].reverse();
}

/** A rate as the API shows it (the type the generated resolver types map `CommunityShareRate` to). */
export interface RateView {
  fromYear: number | null;
  basisPoints: number;
  setBy: string | null;
  setAt: Date | null;
}

export function rateView(rate: RateOfYear | CommunityShareRate): RateView {
  const setting = 'setting' in rate ? rate.setting : rate;
  if (!setting) return { fromYear: null, basisPoints: rate.basisPoints, setBy: null, setAt: null };
  return { fromYear: setting.fromYear, basisPoints: setting.basisPoints, setBy: setting.setBy, setAt: setting.setAt };
}
