import {
  applyVersionedChange,
  conflict,
  coversRegion,
  defineCommand,
  DoubleReportAssigned,
  isUniqueViolation,
  notFound,
  requireReference,
  uuidInput,
  WRITERS,
  type CommandContext,
} from '@gg/shared';
import { regionForWrite } from '../region/region.queries';
import { DoubleReport, DoubleReportEvent, PartyMember } from './party-member.entity';
import { assignDoubleReportInput, requestDoubleReportInput, withdrawDoubleReportInput } from './party-member.inputs';
import { doubleReportLifecycle, type DoubleReportAction } from './party-member.rules';

/**
 * Registers an in-service member with the community where they live (一证一信: certificate and letter
 * numbers). The caller's scope must cover the community, and the member must be one the caller may
 * see: a member of another county is NOT_FOUND, so a token of one county cannot block a member of
 * another from reporting. One open report per member: CONFLICT otherwise.
 */
export const requestDoubleReport = defineCommand({
  name: 'requestDoubleReport',
  input: requestDoubleReportInput,
  roles: WRITERS,
  async run(input, { caller, manager }) {
    const community = await regionForWrite(manager, caller, input.communityCode, {
      field: 'input.communityCode',
      action: 'register a double report',
      levels: ['COMMUNITY'],
    });
    const member = await manager.findOneBy(PartyMember, { id: input.memberId });
    if (!member || !coversRegion(caller, member.regionCode)) throw notFound(`Party member ${input.memberId}`, 'input.memberId');
    try {
      return await manager.save(
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
    } catch (error) {
      if (isUniqueViolation(error) && (error as { constraint?: string }).constraint === 'double_report_open_key') {
        throw conflict('The member already has an open double report; withdraw it before reporting elsewhere', 'input.memberId');
      }
      throw error;
    }
  },
});

/**
 * Takes one step of a report's lifecycle in the community's scope: the state machine says whether the
 * step may be taken (CONFLICT otherwise), and the change is written only if nobody changed the report
 * meanwhile (optimistic version), with its history row.
 */
async function stepDoubleReport(
  context: CommandContext,
  id: string,
  action: DoubleReportAction,
  change: Partial<DoubleReport>,
  // confirmDoubleReport takes the id as its own argument, the other steps inside `input`.
  field = 'input.id',
): Promise<DoubleReport> {
  const { caller, manager, now } = context;
  const report = await manager.findOneBy(DoubleReport, { id });
  if (!report) throw notFound(`Double report ${id}`, field);
  await regionForWrite(manager, caller, report.regionCode, { field, action: 'handle this double report' });
  const to = doubleReportLifecycle.check(action, report.status, () => true, field);
  return applyVersionedChange(manager, {
    entity: DoubleReport,
    current: report,
    change: { ...change, status: to },
    field,
    history: {
      entity: DoubleReportEvent,
      row: (before, after, version) => ({
        doubleReportId: before.id,
        regionCode: before.regionCode,
        version,
        action,
        fromStatus: before.status,
        toStatus: after.status,
        actor: caller.subject,
        occurredAt: now,
      }),
    },
  });
}

/** The community checks the certificate and letter and confirms the report. */
export const confirmDoubleReport = defineCommand({
  name: 'confirmDoubleReport',
  input: uuidInput('a double report id'),
  argument: 'id',
  roles: WRITERS,
  run: (id, context) => stepDoubleReport(context, id, 'CONFIRM', { confirmedAt: context.now }, 'id'),
});

/**
 * The community assigns a confirmed member to a grid and, by skill and wish, a volunteer team. Both
 * must be records their owners announced (GRID and VOLUNTEER_TEAM references), in the caller's scope,
 * the grid not retired: an unknown id is BAD_USER_INPUT naming the field and nothing is written.
 */
export const assignDoubleReport = defineCommand({
  name: 'assignDoubleReport',
  input: assignDoubleReportInput,
  roles: WRITERS,
  async run(input, context) {
    const gridId = input.gridId.toLowerCase();
    const volunteerTeamId = input.volunteerTeamId?.toLowerCase() ?? null;
    // The report itself first (NOT_FOUND, FORBIDDEN, CONFLICT), then what it is assigned to.
    const report = await context.manager.findOneBy(DoubleReport, { id: input.id });
    if (!report) throw notFound(`Double report ${input.id}`, 'input.id');
    await regionForWrite(context.manager, context.caller, report.regionCode, { field: 'input.id', action: 'handle this double report' });
    doubleReportLifecycle.check('ASSIGN', report.status, () => true, 'input.id');
    await requireReference(context.manager, 'GRID', gridId, { field: 'input.gridId', identity: context.caller });
    if (volunteerTeamId)
      await requireReference(context.manager, 'VOLUNTEER_TEAM', volunteerTeamId, {
        field: 'input.volunteerTeamId',
        identity: context.caller,
      });
    const assigned = await stepDoubleReport(context, input.id, 'ASSIGN', { assignedAt: context.now, gridId, volunteerTeamId });
    context.publish(
      DoubleReportAssigned,
      {
        doubleReportId: assigned.id,
        memberId: assigned.memberId,
        regionCode: assigned.regionCode,
        gridId,
        volunteerTeamId,
      },
      { type: 'DoubleReport', id: assigned.id },
    );
    return assigned;
  },
});

/** The report is withdrawn (the member moved, left the unit…), with a reason; the member may report again. */
export const withdrawDoubleReport = defineCommand({
  name: 'withdrawDoubleReport',
  input: withdrawDoubleReportInput,
  roles: WRITERS,
  run: (input, context) => stepDoubleReport(context, input.id, 'WITHDRAW', { withdrawnAt: context.now, withdrawalReason: input.reason }),
});

export const doubleReportCommands = [requestDoubleReport, confirmDoubleReport, assignDoubleReport, withdrawDoubleReport];
