import {
  applyVersionedChange,
  badInput,
  defineCommand,
  requireReference,
  requireWritableRegion,
  ResidentialCompoundRegistered,
  CompoundManagementChanged,
  WRITERS,
  type CommandContext,
  recordForWrite,
} from '@gg/shared';
import { IsNull } from 'typeorm';
import { PropertyCompany } from '../property-company/property-company.entity';
import { CompoundManagementPeriod, OwnersCommittee, OwnersCommitteeMember, ResidentialCompound } from './residential-compound.entity';
import { changeCompoundManagementInput, electOwnersCommitteeInput, registerResidentialCompoundInput } from './residential-compound.inputs';
import { managementStartProblem } from './residential-compound.rules';

/** The managing company named by a write: it must exist in the caller's scope (NOT_FOUND naming the field otherwise). */
async function requireCompany(ctx: CommandContext, companyId: string | null | undefined, field: string): Promise<string | null> {
  if (!companyId) return null;
  const company = await recordForWrite(ctx.manager, PropertyCompany, companyId, { identity: ctx.caller, field, label: 'Property company' });
  return company.id;
}

/**
 * Registers a compound in a community of the caller's scope, in one of that community's grids (both
 * checked against the references the organisation and grid services announced), with its first
 * management period. Announced by ResidentialCompoundRegistered.
 */
export const registerResidentialCompound = defineCommand({
  name: 'registerResidentialCompound',
  input: registerResidentialCompoundInput,
  roles: WRITERS,
  async run(input, ctx) {
    requireWritableRegion(ctx.caller, input.regionCode, 'register a residential compound', 'input.regionCode');
    await requireReference(ctx.manager, 'REGION', input.regionCode, { field: 'input.regionCode', identity: ctx.caller });
    const grid = await requireReference(ctx.manager, 'GRID', input.gridId, { field: 'input.gridId', identity: ctx.caller });
    if (grid.regionCode !== input.regionCode)
      throw badInput(
        'input.gridId',
        `grid ${input.gridId} lies in ${grid.regionCode}, not in the compound's community ${input.regionCode}`,
      );
    const companyId = await requireCompany(ctx, input.companyId, 'input.companyId');
    const compound = await ctx.manager.save(
      ctx.manager.create(ResidentialCompound, {
        name: input.name,
        regionCode: input.regionCode,
        gridId: grid.key,
        managementMode: input.managementMode,
        companyId,
        managedSince: input.managedSince,
        version: 1,
      }),
    );
    await ctx.manager.insert(CompoundManagementPeriod, {
      compoundId: compound.id,
      sequence: 1,
      managementMode: input.managementMode,
      companyId,
      since: input.managedSince,
      until: null,
      recordedBy: ctx.caller.subject,
    });
    ctx.publish(
      ResidentialCompoundRegistered,
      { id: compound.id, regionCode: compound.regionCode, gridId: compound.gridId, managementMode: compound.managementMode, companyId },
      { type: 'ResidentialCompound', id: compound.id },
    );
    return compound;
  },
});

/**
 * A new management from a day on (a new company, or another mode): the open period is closed on that
 * day and a new one begins, so the history answers who managed the compound on any past day.
 */
export const changeCompoundManagement = defineCommand({
  name: 'changeCompoundManagement',
  input: changeCompoundManagementInput,
  roles: WRITERS,
  async run(input, ctx) {
    const current = await recordForWrite(ctx.manager, ResidentialCompound, input.compoundId, {
      identity: ctx.caller,
      field: 'input.compoundId',
      label: 'Residential compound',
      lock: true,
    });
    requireWritableRegion(ctx.caller, current.regionCode, 'change the management of a compound', 'input.compoundId');
    const startProblem = managementStartProblem(input.since, current.managedSince);
    if (startProblem) throw badInput('input.since', startProblem);
    const companyId = await requireCompany(ctx, input.companyId, 'input.companyId');
    await ctx.manager.update(CompoundManagementPeriod, { compoundId: current.id, until: IsNull() }, { until: input.since });
    const changed = await applyVersionedChange(ctx.manager, {
      entity: ResidentialCompound,
      current,
      change: { managementMode: input.managementMode, companyId, managedSince: input.since },
      field: 'input.compoundId',
      history: {
        entity: CompoundManagementPeriod,
        row: (_, after, version) => ({
          compoundId: after.id,
          sequence: version,
          managementMode: after.managementMode,
          companyId: after.companyId,
          since: input.since,
          until: null,
          recordedBy: ctx.caller.subject,
        }),
      },
    });
    ctx.publish(
      CompoundManagementChanged,
      { id: changed.id, regionCode: changed.regionCode, managementMode: changed.managementMode, companyId, since: input.since },
      { type: 'ResidentialCompound', id: changed.id },
    );
    return changed;
  },
});

/** Records an elected owners' committee (业委会) with its term and members; earlier committees stay readable. */
export const electOwnersCommittee = defineCommand({
  name: 'electOwnersCommittee',
  input: electOwnersCommitteeInput,
  roles: WRITERS,
  async run(input, ctx) {
    const compound = await recordForWrite(ctx.manager, ResidentialCompound, input.compoundId, {
      identity: ctx.caller,
      field: 'input.compoundId',
      label: 'Residential compound',
      lock: true,
    });
    requireWritableRegion(ctx.caller, compound.regionCode, 'record an owners committee', 'input.compoundId');
    const committee = await ctx.manager.save(
      ctx.manager.create(OwnersCommittee, {
        compoundId: compound.id,
        termStart: input.termStart,
        termEnd: input.termEnd,
        recordedBy: ctx.caller.subject,
      }),
    );
    await ctx.manager.insert(
      OwnersCommitteeMember,
      input.members.map((member, position) => ({ committeeId: committee.id, position, name: member.name, role: member.role })),
    );
    return compound;
  },
});
