import {
  hasRole,
  loaderOf,
  loadScopedById,
  paginate,
  regionSubtreeCondition,
  scopedQuery,
  timestampKey,
  type Connection,
  type ConnectionArgs,
  type Role,
  type SortKey,
  type SubgraphContext,
} from '@gg/shared';
import { RandomInspectionDraw, RandomInspectionFinding } from './random-inspection.entity';

export type RandomInspectionDrawPage = Connection<RandomInspectionDraw>;

/** Who sees draws before they are published: staff and the housing bureau. Everyone else sees published ones only (一公开). */
export const DRAW_INSIDERS: readonly Role[] = [
  'CITY_ADMIN',
  'COUNTY_ADMIN',
  'STREET_STAFF',
  'COMMUNITY_STAFF',
  'GRIDWORKER',
  'HOUSING_BUREAU',
];

const NEWEST_FIRST: ReadonlyArray<SortKey<RandomInspectionDraw>> = [
  timestampKey('d.drawn_at', 'DESC', (d) => d.drawnAt),
  { column: 'd.id', direction: 'ASC', value: (d) => d.id },
];

const insider = (context: Pick<SubgraphContext, 'identity'>) => hasRole(context.identity, ...DRAW_INSIDERS);

export async function loadRandomInspectionDraw(context: SubgraphContext, id: string): Promise<RandomInspectionDraw | null> {
  const draw = await loadScopedById(context, RandomInspectionDraw, id);
  return draw && (draw.publishedAt || insider(context)) ? draw : null;
}

export function listRandomInspectionDraws(
  context: SubgraphContext,
  regionCode: string,
  args: ConnectionArgs,
): Promise<RandomInspectionDrawPage> {
  const region = regionSubtreeCondition('d.region_code', regionCode, context.identity);
  const query = context.dataSource.getRepository(RandomInspectionDraw).createQueryBuilder('d').where(region.sql, region.params);
  if (!insider(context)) query.andWhere('d.published_at IS NOT NULL');
  return paginate(query, args, NEWEST_FIRST);
}

/** The findings of a batch of draws that the caller may see, in the order recorded (one statement per batch). */
export function loadDrawFindings(context: SubgraphContext, drawId: string): Promise<RandomInspectionFinding[]> {
  return loaderOf<string, RandomInspectionFinding[]>(context, 'draw-findings', async (ids) => {
    const rows = await scopedQuery(context.dataSource, RandomInspectionFinding, 'f', context.identity)
      .andWhere('f.draw_id IN (:...ids)', { ids: [...ids] })
      .orderBy('f.recorded_at', 'ASC')
      .getMany();
    return ids.map((id) => rows.filter((row) => row.drawId === id));
  }).load(drawId);
}

/** `PropertyCompany.inspectionFindings`: a batch of companies' findings, newest inspection first; unpublished draws for insiders only. */
export function loadCompanyFindings(context: SubgraphContext, companyId: string): Promise<RandomInspectionFinding[]> {
  return loaderOf<string, RandomInspectionFinding[]>(context, 'company-findings', async (ids) => {
    const query = scopedQuery(context.dataSource, RandomInspectionFinding, 'f', context.identity)
      .innerJoin(RandomInspectionDraw, 'd', 'd.id = f.draw_id')
      .andWhere('f.company_id IN (:...ids)', { ids: [...ids] });
    if (!insider(context)) query.andWhere('d.published_at IS NOT NULL');
    const rows = await query.orderBy('f.inspected_on', 'DESC').addOrderBy('f.id', 'ASC').getMany();
    return ids.map((id) => rows.filter((row) => row.companyId === id));
  }).load(companyId);
}
