import {
  applyVersionedChange,
  badInput,
  defineCommand,
  recordForWrite,
  requireWritableRegion,
  WRITERS,
  type CommandContext,
} from '@gg/shared';
import { CompoundManagementPeriod, ResidentialCompound } from '../residential-compound/residential-compound.entity';
import { managementOn } from '../residential-compound/residential-compound.rules';
import { PropertyDispute, PropertyDisputeMediator, PropertyDisputeStep } from './property-dispute.entity';
import { closePropertyDisputeInput, filePropertyDisputeInput, startDisputeMediationInput } from './property-dispute.inputs';
import { closingProblem, disputeLifecycle, type DisputeAction, type DisputeStatus } from './property-dispute.rules';

/** The dispute a step names, locked, in the caller's scope (NOT_FOUND naming disputeId otherwise). */
function disputeForWrite(ctx: CommandContext, id: string): Promise<PropertyDispute> {
  return recordForWrite(ctx.manager, PropertyDispute, id, {
    identity: ctx.caller,
    field: 'input.disputeId',
    label: 'Property dispute',
    lock: true,
  });
}

/** A step of the lifecycle with its history row; of two concurrent steps one wins, the other is a CONFLICT. */
async function step(ctx: CommandContext, dispute: PropertyDispute, action: DisputeAction, change: Partial<PropertyDispute>) {
  requireWritableRegion(ctx.caller, dispute.regionCode, 'change a property dispute', 'input.disputeId');
  const status: DisputeStatus = disputeLifecycle.check(action, dispute.status, () => true, 'input.disputeId');
  return applyVersionedChange(ctx.manager, {
    entity: PropertyDispute,
    current: dispute,
    change: { ...change, status },
    field: 'input.disputeId',
    history: {
      entity: PropertyDisputeStep,
      row: (_, after, version) => ({ disputeId: after.id, sequence: version, status: after.status, recordedBy: ctx.caller.subject }),
    },
  });
}

/**
 * Files a dispute on a compound of the caller's scope. It is counted in the record of the company that
 * managed the compound on the day it was filed (from the management history), whoever manages it later.
 */
export const filePropertyDispute = defineCommand({
  name: 'filePropertyDispute',
  input: filePropertyDisputeInput,
  roles: WRITERS,
  async run(input, ctx) {
    const compound = await recordForWrite(ctx.manager, ResidentialCompound, input.compoundId, {
      identity: ctx.caller,
      field: 'input.compoundId',
      label: 'Residential compound',
    });
    requireWritableRegion(ctx.caller, compound.regionCode, 'file a property dispute', 'input.compoundId');
    const history = await ctx.manager.find(CompoundManagementPeriod, { where: { compoundId: compound.id }, order: { sequence: 'ASC' } });
    const management = managementOn(history, input.filedOn);
    if (!management)
      throw badInput('input.filedOn', `the compound's recorded management begins on ${history[0]?.since ?? '?'}, after ${input.filedOn}`);
    const dispute = await ctx.manager.save(
      ctx.manager.create(PropertyDispute, {
        regionCode: compound.regionCode,
        compoundId: compound.id,
        companyId: management.companyId,
        category: input.category,
        summary: input.summary,
        filedOn: input.filedOn,
        status: 'FILED',
        outcome: null,
        outcomeNote: null,
        closedOn: null,
        filedBy: ctx.caller.subject,
        version: 1,
      }),
    );
    await ctx.manager.insert(PropertyDisputeStep, { disputeId: dispute.id, sequence: 1, status: 'FILED', recordedBy: ctx.caller.subject });
    return dispute;
  },
});

/** Starts "3+X" mediation: housing, justice and the court, plus any other bodies, take the dispute up. */
export const startDisputeMediation = defineCommand({
  name: 'startDisputeMediation',
  input: startDisputeMediationInput,
  roles: WRITERS,
  async run(input, ctx) {
    const dispute = await disputeForWrite(ctx, input.disputeId);
    const changed = await step(ctx, dispute, 'START_MEDIATION', {});
    await ctx.manager.insert(
      PropertyDisputeMediator,
      input.mediators.map((m, position) => ({ disputeId: dispute.id, position, kind: m.kind, body: m.body })),
    );
    return changed;
  },
});

/** Closes a dispute with its outcome; a dispute closed before mediation can only be withdrawn. */
export const closePropertyDispute = defineCommand({
  name: 'closePropertyDispute',
  input: closePropertyDisputeInput,
  roles: WRITERS,
  async run(input, ctx) {
    const dispute = await disputeForWrite(ctx, input.disputeId);
    requireWritableRegion(ctx.caller, dispute.regionCode, 'close a property dispute', 'input.disputeId');
    disputeLifecycle.check('CLOSE', dispute.status, () => true, 'input.disputeId');
    const problem = closingProblem(dispute, input.outcome, input.closedOn);
    if (problem) throw badInput(`input.${problem.field}`, problem.reason);
    return step(ctx, dispute, 'CLOSE', { outcome: input.outcome, outcomeNote: input.note, closedOn: input.closedOn });
  },
});
