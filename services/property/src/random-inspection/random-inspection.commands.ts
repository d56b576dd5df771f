import {
  applyVersionedChange,
  badInput,
  conflict,
  defineCommand,
  isUniqueViolation,
  recordForWrite,
  requireReference,
  requireWritableRegion,
  tableOf,
  todayInChina,
  type Role,
} from '@gg/shared';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { PropertyCompany } from '../property-company/property-company.entity';
import { recordViolation } from '../red-black-list/red-black-list.commands';
import { RandomInspectionDraw, RandomInspectionFinding } from './random-inspection.entity';
import { drawRandomInspectionInput, recordInspectionFindingInput } from './random-inspection.inputs';
import { canonicalCompanies, canonicalInspectors, drawCountsProblem, drawInspection } from './random-inspection.rules';

/** The county organisation and housing departments draw and inspect (县级组织、住建部门), so county and city administrators. */
export const INSPECTION_ORGANISERS: readonly Role[] = ['CITY_ADMIN', 'COUNTY_ADMIN'];

/**
 * Draws companies and inspectors at random (双随机) for a county: every company registered in the county
 * is a candidate, the inspectors come from the pool given. The seed (given, e.g. announced beforehand,
 * or generated) and both candidate lists are recorded in canonical order with the picks, so the draw
 * can be redone by anyone and gives the same result.
 */
export const drawRandomInspection = defineCommand({
  name: 'drawRandomInspection',
  input: drawRandomInspectionInput,
  roles: INSPECTION_ORGANISERS,
  async run(input, ctx) {
    requireWritableRegion(ctx.caller, input.regionCode, 'draw a random inspection', 'input.regionCode');
    await requireReference(ctx.manager, 'REGION', input.regionCode, { field: 'input.regionCode', identity: ctx.caller });
    const rows: Array<{ id: string }> = await ctx.manager.query(
      `SELECT id FROM ${tableOf(ctx.manager.connection, 'property_company')} WHERE region_code LIKE $1 || '%'`,
      [input.regionCode],
    );
    const companyIds = canonicalCompanies(rows.map((r) => r.id));
    const inspectors = canonicalInspectors(input.inspectorPool);
    const counts = { companies: input.companyCount, inspectors: input.inspectorCount };
    const problem = drawCountsProblem({ companies: companyIds.length, inspectors: inspectors.length }, counts);
    if (problem) throw badInput(`input.${problem.field}`, problem.reason);
    const seed = input.seed ?? randomBytes(16).toString('hex');
    const drawn = drawInspection(seed, { companyIds, inspectors }, counts);
    return ctx.manager.save(
      ctx.manager.create(RandomInspectionDraw, {
        regionCode: input.regionCode,
        title: input.title,
        seed,
        candidateCompanyIds: companyIds,
        candidateInspectors: inspectors,
        drawnCompanyIds: drawn.companyIds,
        drawnInspectors: drawn.inspectors,
        drawnBy: ctx.caller.subject,
        publishedAt: null,
        version: 1,
      }),
    );
  },
});

/** Publishes a draw (一公开): from then on every reader of the county sees it and its findings. Once only. */
export const publishRandomInspectionDraw = defineCommand({
  name: 'publishRandomInspectionDraw',
  input: z.object({ drawId: z.string() }),
  argument: null,
  roles: INSPECTION_ORGANISERS,
  async run(input, ctx) {
    const draw = await recordForWrite(ctx.manager, RandomInspectionDraw, input.drawId, {
      identity: ctx.caller,
      field: 'drawId',
      label: 'Random inspection draw',
      lock: true,
    });
    requireWritableRegion(ctx.caller, draw.regionCode, 'publish a random inspection draw', 'drawId');
    if (draw.publishedAt) throw conflict(`The draw was already published on ${draw.publishedAt.toISOString()}`, 'drawId');
    return applyVersionedChange(ctx.manager, {
      entity: RandomInspectionDraw,
      current: draw,
      change: { publishedAt: ctx.now },
      field: 'drawId',
    });
  },
});

/**
 * Records what the inspection of a drawn company found: only a company of the draw, once per draw
 * (a second finding is a CONFLICT). A SERIOUS_VIOLATION is also recorded, in the same transaction,
 * as the company's serious violation (the red-and-black list's use case), naming the finding: the
 * black list reads violations from one place, however they were found.
 */
export const recordInspectionFinding = defineCommand({
  name: 'recordInspectionFinding',
  input: recordInspectionFindingInput,
  roles: INSPECTION_ORGANISERS,
  async run(input, ctx) {
    const draw = await recordForWrite(ctx.manager, RandomInspectionDraw, input.drawId, {
      identity: ctx.caller,
      field: 'input.drawId',
      label: 'Random inspection draw',
    });
    requireWritableRegion(ctx.caller, draw.regionCode, 'record an inspection finding', 'input.drawId');
    if (!draw.drawnCompanyIds.includes(input.companyId))
      throw badInput('input.companyId', `company ${input.companyId} was not drawn in this draw`);
    const company = await recordForWrite(ctx.manager, PropertyCompany, input.companyId, {
      identity: ctx.caller,
      field: 'input.companyId',
      label: 'Property company',
    });
    if (input.inspectedOn < todayInChina(draw.drawnAt))
      throw badInput(
        'input.inspectedOn',
        `the inspection (${input.inspectedOn}) cannot come before the draw (${todayInChina(draw.drawnAt)})`,
      );
    let finding: RandomInspectionFinding;
    try {
      finding = await ctx.manager.save(
        ctx.manager.create(RandomInspectionFinding, {
          regionCode: company.regionCode,
          drawId: draw.id,
          companyId: company.id,
          inspectedOn: input.inspectedOn,
          result: input.result,
          note: input.note,
          recordedBy: ctx.caller.subject,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('A finding for this company in this draw is already recorded', 'input.companyId');
      throw error;
    }
    if (finding.result === 'SERIOUS_VIOLATION')
      await recordViolation(ctx, company, {
        occurredOn: finding.inspectedOn,
        description: `双随机抽查「${draw.title}」发现严重违规${finding.note ? `：${finding.note}` : ''}`,
        inspectionFindingId: finding.id,
      });
    return finding;
  },
});
