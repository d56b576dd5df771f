import {
  badInput,
  conflict,
  decryptPersonal,
  encryptPersonal,
  groupByKey,
  isUniqueViolation,
  listPersonalDataAccesses,
  loaderOf,
  lookupHash,
  notFound,
  personalDataKeys,
  requireRegionInScope,
  residentIdProblem,
  scopedQuery,
  type PersonalDataAccess,
  type SubgraphContext,
  loadScopedById,
} from '@gg/shared';
import type { EntityManager } from 'typeorm';
import { countyOf } from '../party-chain/party-chain.rules';
import { PartyOrganisation } from '../party-organisation/party-organisation.entity';
import { organisationForWrite } from '../party-organisation/party-organisation.service';
import { Region } from '../region/region.entity';
import { columnsOf, hydrate, scopesOf, tableOfEntity, fromSubtreeKey, subtreeKey } from '../sql';
import { DoubleReport, PartyMember } from './party-member.entity';
import {
  doubleReportTransition,
  type AssignDoubleReportInput,
  type AssignTemporaryBranchInput,
  type ClaimPioneerPostsInput,
  type DoubleReportAction,
  type DoubleReportStatus,
  type RegisterPartyMemberInput,
  type RequestDoubleReportInput,
  type WithdrawDoubleReportInput,
} from './party-member.rules';

// ─── Reads ────────────────────────────────────────────────────────────────────

/** Members by id for one request, scoped, one statement per batch. */
export function loadPartyMember(context: SubgraphContext, id: string): Promise<PartyMember | null> {
  return loadScopedById(context, PartyMember, id);
}

/**
 * Up to `first` members of each organisation in a batch, by registration: of the organisation
 * itself, or of its whole subtree (`subtree`), in one statement over the materialised path, scoped.
 */
export function loadMembersOf(
  context: SubgraphContext,
  organisation: PartyOrganisation,
  first: number,
  subtree: boolean,
): Promise<PartyMember[]> {
  return loaderOf<string, PartyMember[]>(context, `party-members-of:${first}:${subtree}`, async (keys) => {
    const organisations = keys.map(fromSubtreeKey);
    const repository = context.dataSource.getRepository(PartyMember);
    const organisationTable = tableOfEntity(context.dataSource.getRepository(PartyOrganisation));
    const rows: Array<Record<string, unknown> & { owner_id: string }> = await context.dataSource.query(
      `SELECT * FROM (
           SELECT ${columnsOf(repository, 'm')}, a.id AS owner_id,
                  row_number() OVER (PARTITION BY a.id ORDER BY m.created_at, m.id) AS rank
           FROM unnest($1::text[], $2::text[]) AS a(id, path)
           JOIN ${organisationTable} o ON ${subtree ? `o.path LIKE a.path || '%'` : 'o.id = a.id::uuid'}
           JOIN ${tableOfEntity(repository)} m ON m.organisation_id = o.id
           WHERE m.region_code LIKE ANY($3::text[])
         ) ranked WHERE rank <= $4`,
      [organisations.map((o) => o.id), organisations.map((o) => o.path), scopesOf(context), first],
    );
    const members = hydrate(repository, rows);
    return groupByKey(
      organisations.map((o) => o.id),
      members.map((member, i) => ({ member, owner: rows[i]!.owner_id })),
      (x) => x.owner,
    ).map((list) => list.map((x) => x.member));
  }).load(subtreeKey(organisation));
}

/** Double reports of members, newest first, batched, scoped (by the community reported to). */
export function loadDoubleReportsOfMember(context: SubgraphContext, memberId: string): Promise<DoubleReport[]> {
  return loaderOf<string, DoubleReport[]>(context, 'double-reports-of-member', async (ids) => {
    const rows = await scopedQuery(context.dataSource, DoubleReport, 'd', context.identity)
      .andWhere('d.member_id IN (:...ids)', { ids })
      .orderBy('d.requested_at', 'DESC')
      .getMany();
    return groupByKey(ids, rows, (r) => r.memberId);
  }).load(memberId);
}

/** Double reports to communities under a region, optionally of one status, newest first, scoped. */
export function listDoubleReports(
  context: SubgraphContext,
  filter: { regionCode: string; status?: DoubleReportStatus; first: number },
): Promise<DoubleReport[]> {
  if (!/^\d{2,12}$/.test(filter.regionCode)) throw badInput('regionCode', 'a region code is 2–12 digits');
  const query = scopedQuery(context.dataSource, DoubleReport, 'd', context.identity)
    .andWhere('d.region_code LIKE :prefix', { prefix: `${filter.regionCode}%` })
    .orderBy('d.requested_at', 'DESC')
    .addOrderBy('d.id')
    .take(filter.first);
  if (filter.status) query.andWhere('d.status = :status', { status: filter.status });
  return query.getMany();
}

/** A member found by resident ID number through its keyed hash (the number is never in a query); null when not visible. */
export async function findPartyMemberByResidentId(context: SubgraphContext, residentId: string): Promise<PartyMember | null> {
  const normalised = residentId.trim().toUpperCase();
  const problem = residentIdProblem(normalised);
  if (problem) throw badInput('residentId', problem);
  const hash = lookupHash(normalised, personalDataKeys().hash);
  return scopedQuery(context.dataSource, PartyMember, 'm', context.identity).andWhere('m.resident_id_hash = :hash', { hash }).getOne();
}

/** The member's resident ID number, decrypted (to mask it, or to reveal it once audited). */
export function residentIdOf(member: PartyMember): string {
  return decryptPersonal(member.residentIdCipher, personalDataKeys().encryption);
}

/** This subgraph's personal-information audit log, in the caller's scope (AUDITOR). */
export function listOrganisationPersonalDataAccesses(
  context: SubgraphContext,
  filter: { regionCode: string; since?: Date; until?: Date; first: number },
): Promise<PersonalDataAccess[]> {
  if (!/^\d{2,12}$/.test(filter.regionCode)) throw badInput('regionCode', 'a region code is 2–12 digits');
  return listPersonalDataAccesses(context, filter);
}

// ─── Writes: members ──────────────────────────────────────────────────────────

async function memberForWrite(
  manager: EntityManager,
  context: SubgraphContext,
  id: string,
  field: string,
  action: string,
): Promise<PartyMember> {
  const member = await manager.findOneBy(PartyMember, { id });
  if (!member) throw notFound(`Party member ${id}`, field);
  requireRegionInScope(context.identity, member.regionCode, action);
  return member;
}

/**
 * Registers a Party member in a regular organisation of the caller's scope. One person is one member:
 * a resident ID number already registered is a CONFLICT (decided by the unique index) and nothing is
 * written. The number is stored encrypted with a keyed hash, never in clear.
 */
export async function registerPartyMember(context: SubgraphContext, input: RegisterPartyMemberInput): Promise<PartyMember> {
  const keys = personalDataKeys();
  try {
    return await context.dataSource.transaction(async (manager) => {
      const organisation = await organisationForWrite(
        manager,
        context,
        input.organisationId,
        'input.organisationId',
        'register Party members',
      );
      if (organisation.kind === 'TEMPORARY') {
        throw badInput(
          'input.organisationId',
          'a member belongs to a regular organisation; assign them to a temporary branch with assignTemporaryBranch',
        );
      }
      return manager.save(
        manager.create(PartyMember, {
          organisationId: organisation.id,
          regionCode: organisation.regionCode,
          name: input.name,
          phone: input.phone,
          residentIdCipher: encryptPersonal(input.residentId, keys.encryption),
          residentIdHash: lookupHash(input.residentId, keys.hash),
          posts: input.posts,
          serviceCommitments: input.serviceCommitments,
          identityShown: input.identityShown,
          temporaryBranchId: null,
        }),
      );
    });
  } catch (error) {
    if (isUniqueViolation(error) && (error as { constraint?: string }).constraint === 'party_member_resident_id_hash_key') {
      // The number never travels back in an error.
      throw conflict('This person is already registered as a Party member', 'input.residentId');
    }
    throw error;
  }
}

/** A member claims their pioneer posts and service commitments (党员先锋岗: 1–2 of each), replacing the last claim. */
export async function claimPioneerPosts(context: SubgraphContext, input: ClaimPioneerPostsInput): Promise<PartyMember> {
  return context.dataSource.transaction(async (manager) => {
    const member = await memberForWrite(manager, context, input.memberId, 'input.memberId', 'record pioneer posts');
    await manager.update(
      PartyMember,
      { id: member.id },
      { posts: input.posts, serviceCommitments: input.serviceCommitments, identityShown: input.identityShown ?? member.identityShown },
    );
    return manager.findOneByOrFail(PartyMember, { id: member.id });
  });
}

/**
 * Assigns a member to an active temporary branch of their county (平急转换). The member's regular
 * organisation does not change, so dissolving the branch loses nobody.
 */
export async function assignTemporaryBranch(context: SubgraphContext, input: AssignTemporaryBranchInput): Promise<PartyMember> {
  return context.dataSource.transaction(async (manager) => {
    const member = await memberForWrite(manager, context, input.memberId, 'input.memberId', 'assign a member');
    const branch = await organisationForWrite(manager, context, input.branchId, 'input.branchId', 'assign members to this branch');
    if (branch.kind !== 'TEMPORARY')
      throw badInput('input.branchId', 'members are assigned to a temporary branch; their regular organisation stays');
    if (branch.dissolvedOn) throw badInput('input.branchId', `the branch was dissolved on ${branch.dissolvedOn}`);
    if (countyOf(branch.regionCode) !== countyOf(member.regionCode))
      throw badInput('input.branchId', "the branch is in another county than the member's organisation");
    await manager.update(PartyMember, { id: member.id }, { temporaryBranchId: branch.id });
    return manager.findOneByOrFail(PartyMember, { id: member.id });
  });
}

// ─── Writes: double reporting (双报到) ──────────────────────────────────────────

/**
 * Registers an in-service member with the community where they live (一证一信: certificate and letter
 * numbers). The caller's scope must cover the community; the member must exist (their organisation,
 * an agency or enterprise branch, may lie elsewhere). One open report per member: CONFLICT otherwise.
 */
export async function requestDoubleReport(context: SubgraphContext, input: RequestDoubleReportInput): Promise<DoubleReport> {
  requireRegionInScope(context.identity, input.communityCode, 'register a double report');
  try {
    return await context.dataSource.transaction(async (manager) => {
      const community = await manager.findOneBy(Region, { code: input.communityCode });
      if (!community || community.level !== 'COMMUNITY')
        throw badInput('input.communityCode', `${input.communityCode} is not a community of the region tree`);
      const member = await manager.findOneBy(PartyMember, { id: input.memberId });
      if (!member) throw notFound(`Party member ${input.memberId}`, 'input.memberId');
      return manager.save(
        manager.create(DoubleReport, {
          memberId: member.id,
          regionCode: community.code,
          workUnit: input.workUnit,
          certificateNo: input.certificateNo,
          letterNo: input.letterNo,
          skills: input.skills,
          wish: input.wish ?? null,
          status: 'REQUESTED',
          gridId: null,
          volunteerTeamId: null,
          confirmedAt: null,
          assignedAt: null,
          withdrawnAt: null,
          withdrawalReason: null,
        }),
      );
    });
  } catch (error) {
    if (isUniqueViolation(error) && (error as { constraint?: string }).constraint === 'double_report_open_key') {
      throw conflict('The member already has an open double report; withdraw it before reporting elsewhere', 'input.memberId');
    }
    throw error;
  }
}

/**
 * Moves a double report along REQUESTED → CONFIRMED → ASSIGNED, or to WITHDRAWN, in the community's
 * scope. The update is conditional on the status read, so two staff acting at once cannot both win.
 */
async function transitionDoubleReport(
  context: SubgraphContext,
  id: string,
  action: DoubleReportAction,
  changes: (to: DoubleReportStatus, now: Date) => Partial<DoubleReport>,
  // confirmDoubleReport takes the id as its own argument, the others inside `input`.
  field = 'input.id',
): Promise<DoubleReport> {
  return context.dataSource.transaction(async (manager) => {
    const report = await manager.findOneBy(DoubleReport, { id });
    if (!report) throw notFound(`Double report ${id}`, field);
    requireRegionInScope(context.identity, report.regionCode, 'handle this double report');
    const to = doubleReportTransition(report.status, action);
    if (typeof to !== 'string') throw badInput(field, to.problem);
    const result = await manager.update(DoubleReport, { id, status: report.status }, { status: to, ...changes(to, new Date()) });
    if (result.affected !== 1) throw conflict('The report changed meanwhile; read it again', field);
    return manager.findOneByOrFail(DoubleReport, { id });
  });
}

/** The community checks the certificate and letter and confirms the report. */
export function confirmDoubleReport(context: SubgraphContext, id: string): Promise<DoubleReport> {
  return transitionDoubleReport(context, id, 'CONFIRM', (_, now) => ({ confirmedAt: now }), 'id');
}

/** The community assigns a confirmed member to a grid and, by skill and wish, a volunteer team (ids checked for format only). */
export function assignDoubleReport(context: SubgraphContext, input: AssignDoubleReportInput): Promise<DoubleReport> {
  return transitionDoubleReport(context, input.id, 'ASSIGN', (_, now) => ({
    assignedAt: now,
    gridId: input.gridId.toLowerCase(),
    volunteerTeamId: input.volunteerTeamId?.toLowerCase() ?? null,
  }));
}

/** The report is withdrawn (the member moved, left the unit…), with a reason; the member may report again. */
export function withdrawDoubleReport(context: SubgraphContext, input: WithdrawDoubleReportInput): Promise<DoubleReport> {
  return transitionDoubleReport(context, input.id, 'WITHDRAW', (_, now) => ({ withdrawnAt: now, withdrawalReason: input.reason }));
}
