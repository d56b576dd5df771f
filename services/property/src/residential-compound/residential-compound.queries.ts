import {
  loadScopedById,
  loadSubtreeConnection,
  loaderOf,
  paginate,
  regionSubtreeCondition,
  scopedQuery,
  type Connection,
  type ConnectionArgs,
  type SortKey,
  type SubgraphContext,
} from '@gg/shared';
import { In } from 'typeorm';
import { CompoundManagementPeriod, OwnersCommittee, OwnersCommitteeMember, ResidentialCompound } from './residential-compound.entity';
import type { ManagementMode } from './residential-compound.rules';

/** A page of compounds (the type the generated resolver types map `ResidentialCompoundConnection` to). */
export type ResidentialCompoundPage = Connection<ResidentialCompound>;

/** An owners' committee with its members, as `ResidentialCompound.ownersCommittee` answers it. */
export interface OwnersCommitteeView extends OwnersCommittee {
  members: OwnersCommitteeMember[];
}

/** Compounds are listed by name; the id breaks ties, so every compound has one place in the list. */
const BY_NAME: ReadonlyArray<SortKey<ResidentialCompound>> = [
  { column: 'c.name', direction: 'ASC', value: (c) => c.name },
  { column: 'c.id', direction: 'ASC', value: (c) => c.id },
];

/** Compounds by id for one request, scoped, one statement per batch (also serves `_entities`). */
export function loadResidentialCompound(context: SubgraphContext, id: string): Promise<ResidentialCompound | null> {
  return loadScopedById(context, ResidentialCompound, id);
}

/** A page of the compounds in a region's subtree that the caller may see, optionally of one mode, in one statement. */
export function listResidentialCompounds(
  context: SubgraphContext,
  regionCode: string,
  managementMode: ManagementMode | null | undefined,
  args: ConnectionArgs,
): Promise<ResidentialCompoundPage> {
  const region = regionSubtreeCondition('c.region_code', regionCode, context.identity);
  const query = context.dataSource.getRepository(ResidentialCompound).createQueryBuilder('c').where(region.sql, region.params);
  if (managementMode) query.andWhere('c.management_mode = :managementMode', { managementMode });
  return paginate(query, args, BY_NAME);
}

/** `Region.residentialCompounds`: a page per region, for a batch of regions in one statement. */
export function regionResidentialCompounds(
  context: SubgraphContext,
  regionCode: string,
  args: ConnectionArgs,
): Promise<ResidentialCompoundPage> {
  return loadSubtreeConnection(context, ResidentialCompound, regionCode, { orderBy: 'name', args });
}

/** `PropertyCompany.compounds`: the compounds the company manages now that the caller may see. */
export function companyCompounds(context: SubgraphContext, companyId: string, args: ConnectionArgs): Promise<ResidentialCompoundPage> {
  const query = scopedQuery(context.dataSource, ResidentialCompound, 'c', context.identity).andWhere('c.company_id = :companyId', {
    companyId,
  });
  return paginate(query, args, BY_NAME);
}

/** Every management period of a batch of compounds, in the order recorded (one statement per batch). */
export function loadManagementHistory(context: SubgraphContext, compoundId: string): Promise<CompoundManagementPeriod[]> {
  return loaderOf<string, CompoundManagementPeriod[]>(context, 'compound-management-history', async (ids) => {
    const rows = await context.dataSource
      .getRepository(CompoundManagementPeriod)
      .find({ where: { compoundId: In([...ids]) }, order: { sequence: 'ASC' } });
    return ids.map((id) => rows.filter((row) => row.compoundId === id));
  }).load(compoundId);
}

/** The latest committee (by term start, then recording) of a batch of compounds, with its members. */
export function loadOwnersCommittee(context: SubgraphContext, compoundId: string): Promise<OwnersCommitteeView | null> {
  return loaderOf<string, OwnersCommitteeView | null>(context, 'owners-committee', async (ids) => {
    const committees: OwnersCommittee[] = await context.dataSource
      .getRepository(OwnersCommittee)
      .createQueryBuilder('o')
      .distinctOn(['o.compound_id'])
      .where('o.compound_id IN (:...ids)', { ids: [...ids] })
      .orderBy('o.compound_id')
      .addOrderBy('o.term_start', 'DESC')
      .addOrderBy('o.recorded_at', 'DESC')
      .getMany();
    const members = committees.length
      ? await context.dataSource
          .getRepository(OwnersCommitteeMember)
          .find({ where: { committeeId: In(committees.map((c) => c.id)) }, order: { position: 'ASC' } })
      : [];
    return ids.map((id) => {
      const committee = committees.find((c) => c.compoundId === id);
      return committee ? { ...committee, members: members.filter((m) => m.committeeId === committee.id) } : null;
    });
  }).load(compoundId);
}
