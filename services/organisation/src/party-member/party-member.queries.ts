import {
  groupByKey,
  loaderOf,
  loadScopedById,
  notFound,
  paginate,
  regionPrefixInput,
  regionSubtreeCondition,
  requireWritableRegion,
  residentIdFromCipher,
  residentIdLookup,
  scopedQuery,
  timestampKey,
  type Connection,
  type ConnectionArgs,
  type Identity,
  type SubgraphContext,
} from '@gg/shared';
import type { EntityManager } from 'typeorm';
import { PartyOrganisation } from '../party-organisation/party-organisation.entity';
import { DoubleReport, PartyMember } from './party-member.entity';
import type { DoubleReportStatus } from './party-member.rules';

export type PartyMemberConnection = Connection<PartyMember>;
export type DoubleReportConnection = Connection<DoubleReport>;

/** Members by id for one request, scoped, one statement per batch. */
export function loadPartyMember(context: SubgraphContext, id: string): Promise<PartyMember | null> {
  return loadScopedById(context, PartyMember, id);
}

/**
 * A page of the members of an organisation, or of its whole subtree (`subtree`, over the materialised
 * path), in registration order, scoped.
 */
export function membersConnection(
  context: SubgraphContext,
  organisation: PartyOrganisation,
  args: ConnectionArgs & { subtree?: boolean | null },
): Promise<PartyMemberConnection> {
  const query = scopedQuery(context.dataSource, PartyMember, 'm', context.identity);
  if (args.subtree) {
    query.innerJoin(PartyOrganisation, 'o', `o.id = m.organisation_id AND o.path LIKE :path || '%'`, { path: organisation.path });
  } else {
    query.andWhere('m.organisation_id = :organisationId', { organisationId: organisation.id });
  }
  return paginate(query, args, [
    timestampKey<PartyMember>('m.created_at', 'ASC', (m) => m.createdAt),
    { column: 'm.id', direction: 'ASC', value: (m) => m.id },
  ]);
}

/** Double reports of members (a handful each: a plain list), newest first, batched, scoped by the community reported to. */
export function loadDoubleReportsOfMember(context: SubgraphContext, memberId: string): Promise<DoubleReport[]> {
  return loaderOf<string, DoubleReport[]>(context, 'double-reports-of-member', async (ids) => {
    const rows = await scopedQuery(context.dataSource, DoubleReport, 'd', context.identity)
      .andWhere('d.member_id IN (:...ids)', { ids })
      .orderBy('d.requested_at', 'DESC')
      .getMany();
    return groupByKey(ids, rows, (r) => r.memberId);
  }).load(memberId);
}

/** A page of the double reports to communities under a region, optionally of one status, newest first, scoped. */
export function doubleReportsConnection(
  context: SubgraphContext,
  args: ConnectionArgs & { regionCode: string; status?: DoubleReportStatus | null },
): Promise<DoubleReportConnection> {
  const inRegion = regionSubtreeCondition('d.region_code', regionPrefixInput(args.regionCode), context.identity);
  const query = context.dataSource.getRepository(DoubleReport).createQueryBuilder('d').where(inRegion.sql, inRegion.params);
  if (args.status) query.andWhere('d.status = :status', { status: args.status });
  return paginate(query, args, [
    timestampKey<DoubleReport>('d.requested_at', 'DESC', (d) => d.requestedAt),
    { column: 'd.id', direction: 'DESC', value: (d) => d.id },
  ]);
}

/** A member found by resident ID number through its keyed hash (the number is never in a query); null when not visible. */
export function findPartyMemberByResidentId(context: SubgraphContext, residentId: string): Promise<PartyMember | null> {
  const hash = residentIdLookup(residentId);
  return scopedQuery(context.dataSource, PartyMember, 'm', context.identity).andWhere('m.resident_id_hash = :hash', { hash }).getOne();
}

/** The member's resident ID number, decrypted (to mask it, or to reveal it once audited). */
export function residentIdOf(member: PartyMember): string {
  return residentIdFromCipher(member.residentIdCipher);
}

/** A member a write changes: NOT_FOUND when it does not exist, FORBIDDEN outside the caller's scope. */
export async function memberForWrite(
  manager: EntityManager,
  caller: Identity,
  id: string,
  field: string,
  action: string,
): Promise<PartyMember> {
  const member = await manager.findOneBy(PartyMember, { id });
  if (!member) throw notFound(`Party member ${id}`, field);
  requireWritableRegion(caller, member.regionCode, action, field);
  return member;
}
