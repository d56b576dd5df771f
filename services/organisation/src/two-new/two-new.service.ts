import { badInput, requireRegionInScope, scopedQuery, type SubgraphContext } from '@gg/shared';
import { organisationForWrite } from '../party-organisation/party-organisation.service';
import { Region } from '../region/region.entity';
import { TwoNewEntity } from './two-new.entity';
import type { RegisterTwoNewEntityInput } from './two-new.rules';

export function listTwoNewEntities(context: SubgraphContext, regionCode: string, first: number): Promise<TwoNewEntity[]> {
  if (!/^\d{2,12}$/.test(regionCode)) throw badInput('regionCode', 'a region code is 2–12 digits');
  return scopedQuery(context.dataSource, TwoNewEntity, 't', context.identity)
    .andWhere('t.region_code LIKE :prefix', { prefix: `${regionCode}%` })
    .orderBy('t.name')
    .addOrderBy('t.id')
    .take(first)
    .getMany();
}

/**
 * Registers a non-public enterprise or social organisation (两新组织), with the Party organisation that
 * covers it when there is one (it must be in the caller's scope and its region must contain the entity's).
 */
export async function registerTwoNewEntity(context: SubgraphContext, input: RegisterTwoNewEntityInput): Promise<TwoNewEntity> {
  requireRegionInScope(context.identity, input.regionCode, 'register two-new organisations');
  return context.dataSource.transaction(async (manager) => {
    const region = await manager.findOneBy(Region, { code: input.regionCode });
    if (!region) throw badInput('input.regionCode', `Region ${input.regionCode} does not exist`);
    if (input.partyOrganisationId) {
      const organisation = await organisationForWrite(
        manager,
        context,
        input.partyOrganisationId,
        'input.partyOrganisationId',
        'cover it with this organisation',
      );
      if (!input.regionCode.startsWith(organisation.regionCode) && !organisation.regionCode.startsWith(input.regionCode)) {
        throw badInput(
          'input.partyOrganisationId',
          `the organisation's region ${organisation.regionCode} is not that of the entity (${input.regionCode})`,
        );
      }
    }
    return manager.save(
      manager.create(TwoNewEntity, {
        name: input.name,
        kind: input.kind,
        regionCode: input.regionCode,
        partyOrganisationId: input.partyOrganisationId ?? null,
      }),
    );
  });
}
