import { loaderOf, regionPrefixInput, scopedQuery, type SubgraphContext } from '@gg/shared';
import { EvaluationScheme } from './evaluation-scheme.entity';

/** The current version of a county's scheme for a year, if the caller's scope covers the county. */
export async function loadCurrentScheme(context: SubgraphContext, countyCode: string, year: number): Promise<EvaluationScheme | null> {
  regionPrefixInput(countyCode, 'countyCode');
  return scopedQuery(context.dataSource, EvaluationScheme, 's', context.identity)
    .andWhere('s.region_code = :countyCode AND s.year = :year', { countyCode, year })
    .orderBy('s.version', 'DESC')
    .getOne();
}

/** A scheme version by id (batched), within the caller's scope. */
export function loadScheme(context: SubgraphContext, id: string): Promise<EvaluationScheme | null> {
  return loaderOf<string, EvaluationScheme | null>(context, 'evaluation-scheme', async (ids) => {
    const rows = await scopedQuery(context.dataSource, EvaluationScheme, 's', context.identity)
      .andWhere('s.id IN (:...ids)', { ids: [...ids] })
      .getMany();
    return ids.map((id) => rows.find((r) => r.id === id) ?? null);
  }).load(id);
}

/** Every version of the scheme's county and year, the first first (bounded: a handful a year). */
export function loadSchemeVersions(context: SubgraphContext, scheme: EvaluationScheme): Promise<EvaluationScheme[]> {
  return scopedQuery(context.dataSource, EvaluationScheme, 's', context.identity)
    .andWhere('s.region_code = :county AND s.year = :year', { county: scheme.regionCode, year: scheme.year })
    .orderBy('s.version', 'ASC')
    .getMany();
}
