import { badInput, countyOf, type SubgraphContext } from '@gg/shared';
import type { EntityManager } from 'typeorm';
import { DEFAULT_PROPERTY_CATEGORIES } from '../evaluation/evaluation-scheme.rules';
import { MONTH_PATTERN, QUARTER_PATTERN, quarterDays, yearOf } from '../evaluation/periods.rules';
import { residentsVoice, type ResidentsVoice } from '../evaluation/residents-voice.rules';
import { currentScheme } from '../evaluation-scheme/evaluation-scheme.commands';
import type { ResidentialCompound } from '../residential-compound/residential-compound.entity';
import { CompoundComplaint } from './residents-voice.entity';

/** The first instant of a period and the first after it, China time (UTC+8, no daylight saving). */
export function periodInstants(period: string): { from: Date; until: Date } {
  if (QUARTER_PATTERN.test(period)) {
    const { from, until } = quarterDays(period);
    return { from: new Date(`${from}T00:00:00+08:00`), until: new Date(`${until}T00:00:00+08:00`) };
  }
  if (MONTH_PATTERN.test(period)) {
    const [y, m] = period.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    return { from: new Date(`${period}-01T00:00:00+08:00`), until: new Date(`${next}-01T00:00:00+08:00`) };
  }
  throw new Error(`Not a month or quarter: ${period}`);
}

/** Complaints of compounds reported in a period with one of the categories (one statement for the batch). */
export async function complaintsOf(
  manager: EntityManager,
  compoundIds: readonly string[],
  period: string,
  categories: readonly string[],
): Promise<CompoundComplaint[]> {
  if (compoundIds.length === 0 || categories.length === 0) return [];
  const { from, until } = periodInstants(period);
  return manager
    .getRepository(CompoundComplaint)
    .createQueryBuilder('c')
    .where('c.compound_id IN (:...ids) AND c.reported_at >= :from AND c.reported_at < :until AND c.category IN (:...categories)', {
      ids: [...compoundIds],
      from,
      until,
      categories: [...categories],
    })
    .getMany();
}

/** `ResidentialCompound.residentsVoice`: the compound's property complaints of a period under its county's scheme for the year. */
export async function compoundResidentsVoice(
  context: SubgraphContext,
  compound: ResidentialCompound,
  period: string,
): Promise<ResidentsVoice & { categories: string[] }> {
  const scheme = await currentScheme(context.dataSource.manager, countyOf(compound.regionCode)!, yearOf(period));
  const categories = scheme?.residentsVoice.categories ?? DEFAULT_PROPERTY_CATEGORIES;
  if (!QUARTER_PATTERN.test(period) && !MONTH_PATTERN.test(period))
    throw badInput('period', 'period is a month (2025-04) or a quarter (2025Q2)');
  // The compound was read within the caller's scope; its complaints lie in its community.
  const complaints = await complaintsOf(context.dataSource.manager, [compound.id], period, categories);
  return { ...residentsVoice(complaints, new Date()), categories };
}
