import {
  badInput,
  type CommandContext,
  conflict,
  defineCommand,
  recordForWrite,
  requireReference,
  requireWritableRegion,
  todayInChina,
  WRITERS,
} from '@gg/shared';
import { isClosedHalf } from '../evaluation/periods.rules';
import { COUNTY_ADMINS } from '../evaluation-scheme/evaluation-scheme.commands';
import { PropertyCompany } from '../property-company/property-company.entity';
import { latestList, publishListVersion } from './red-black-list.compile';
import { RedBlackList, SeriousViolation } from './red-black-list.entity';
import { correctRedBlackListInput, publishRedBlackListInput, recordSeriousViolationInput } from './red-black-list.inputs';

/** Publishes a county's red-and-black list of a closed half year (the scheduled job does the same on 1 January and 1 July). */
export const publishRedBlackList = defineCommand({
  name: 'publishRedBlackList',
  input: publishRedBlackListInput,
  roles: COUNTY_ADMINS,
  async run(input, ctx) {
    requireWritableRegion(ctx.caller, input.countyCode, 'publish a red-and-black list', 'input.countyCode');
    await requireReference(ctx.manager, 'REGION', input.countyCode, { field: 'input.countyCode', identity: ctx.caller });
    if (!isClosedHalf(input.half, todayInChina(ctx.now)))
      throw badInput('input.half', `${input.half} has not ended: a list covers a closed half year`);
    await ctx.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`red-black-list:${input.countyCode}:${input.half}`]);
    const existing = await latestList(ctx, input.countyCode, input.half);
    if (existing)
      throw conflict(
        `The ${input.half} list of ${input.countyCode} is published (version ${existing.version}); correct it with correctRedBlackList`,
        'input.half',
      );
    return publishListVersion(ctx, input.countyCode, input.half, null, null, 'input.half');
  },
});

/**
 * Corrects a published list: compiles it again from the records as they are now (a violation recorded
 * since, a quarter evaluated late) as a new version naming the one it replaces, with the reason. The
 * replaced version stays as it was, readable.
 */
export const correctRedBlackList = defineCommand({
  name: 'correctRedBlackList',
  input: correctRedBlackListInput,
  roles: COUNTY_ADMINS,
  async run(input, ctx) {
    const list = await recordForWrite(ctx.manager, RedBlackList, input.listId, {
      identity: ctx.caller,
      field: 'input.listId',
      label: 'Red-and-black list',
    });
    requireWritableRegion(ctx.caller, list.regionCode, 'correct a red-and-black list', 'input.listId');
    await ctx.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`red-black-list:${list.regionCode}:${list.half}`]);
    const latest = (await latestList(ctx, list.regionCode, list.half))!;
    if (latest.id !== list.id)
      throw conflict(`Version ${list.version} was already replaced by version ${latest.version}: correct the latest one`, 'input.listId');
    return publishListVersion(ctx, list.regionCode, list.half, list, input.reason, 'input.listId');
  },
});

/** What a serious violation records; `inspectionFindingId` when a random inspection found it. */
export interface SeriousViolationFacts {
  occurredOn: string;
  description: string;
  inspectionFindingId?: string | null;
}

/**
 * The use case the black list reads, for every way a serious violation comes to be known: recorded
 * directly (`recordSeriousViolation`) or found in a random inspection (`recordInspectionFinding`, in
 * its transaction). The company is the caller's to check (found for writing, in scope).
 */
export function recordViolation(
  ctx: Pick<CommandContext, 'manager' | 'caller'>,
  company: Pick<PropertyCompany, 'id' | 'regionCode'>,
  facts: SeriousViolationFacts,
): Promise<SeriousViolation> {
  return ctx.manager.save(
    ctx.manager.create(SeriousViolation, {
      regionCode: company.regionCode,
      companyId: company.id,
      occurredOn: facts.occurredOn,
      description: facts.description,
      recordedBy: ctx.caller.subject,
      inspectionFindingId: facts.inspectionFindingId ?? null,
    }),
  );
}

/** Records a serious violation (严重违规) of a company: the company goes on the black list of that half year. */
export const recordSeriousViolation = defineCommand({
  name: 'recordSeriousViolation',
  input: recordSeriousViolationInput,
  roles: WRITERS,
  async run(input, ctx) {
    const company = await recordForWrite(ctx.manager, PropertyCompany, input.companyId, {
      identity: ctx.caller,
      field: 'input.companyId',
      label: 'Property company',
    });
    requireWritableRegion(ctx.caller, company.regionCode, 'record a violation', 'input.companyId');
    return recordViolation(ctx, company, { occurredOn: input.occurredOn, description: input.description });
  },
});
