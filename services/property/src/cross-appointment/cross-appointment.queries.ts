import { loaderOf, scopedQuery, type SubgraphContext } from '@gg/shared';
import { CrossAppointment } from './cross-appointment.entity';

/** The cross appointments of a batch of companies, the earliest first, scoped (one statement per batch). */
export function loadCrossAppointments(context: SubgraphContext, companyId: string): Promise<CrossAppointment[]> {
  return loaderOf<string, CrossAppointment[]>(context, 'cross-appointments', async (ids) => {
    const rows = await scopedQuery(context.dataSource, CrossAppointment, 'a', context.identity)
      .andWhere('a.company_id IN (:...ids)', { ids: [...ids] })
      .orderBy('a.since', 'ASC')
      .addOrderBy('a.recorded_at', 'ASC')
      .getMany();
    return ids.map((id) => rows.filter((row) => row.companyId === id));
  }).load(companyId);
}
