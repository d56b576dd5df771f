import {
  codeInput,
  dateInput,
  noteInput,
  optionalText,
  personNameInput,
  regionCodeInput,
  thingNameInput,
  type DateRange,
} from '@gg/shared';
import { z } from 'zod';
import { DRAW_LIMITS, FINDING_RESULTS } from './random-inspection.rules';

const INSPECTION_DAY: DateRange = {
  earliest: { day: '2000-01-01' },
  latest: { daysFromToday: 0 },
  rule: 'is a day that has come (not after today) and not before 2000-01-01',
};

const id = z.string();

export const drawRandomInspectionInput = z.object({
  regionCode: regionCodeInput(['COUNTY'], 'a random inspection draw'),
  title: thingNameInput({ label: 'the title of the draw' }),
  seed: optionalText(codeInput({ label: 'the seed', max: 100 })),
  companyCount: z.number().int().min(1).max(DRAW_LIMITS.maxCompanies),
  inspectorCount: z.number().int().min(1).max(DRAW_LIMITS.maxInspectors),
  inspectorPool: z
    .array(z.object({ name: personNameInput({ label: 'an inspector name' }), unit: thingNameInput({ label: 'the inspector’s unit' }) }))
    .min(1, 'the inspector pool names at least one inspector')
    .max(DRAW_LIMITS.maxInspectorPool, `the inspector pool names at most ${DRAW_LIMITS.maxInspectorPool} inspectors`)
    .superRefine((pool, ctx) => {
      const keys = pool.map((i) => `${i.unit}\u0000${i.name}`);
      const twice = keys.findIndex((key, i) => keys.indexOf(key) !== i);
      // Listed twice, a person would have twice the chance of being drawn.
      if (twice >= 0) ctx.addIssue({ code: 'custom', message: 'an inspector is listed twice in the pool', path: [twice, 'name'] });
    }),
});
export type DrawRandomInspectionInput = z.infer<typeof drawRandomInspectionInput>;

export const recordInspectionFindingInput = z.object({
  drawId: id,
  companyId: id,
  inspectedOn: dateInput(INSPECTION_DAY, { label: 'the day of the inspection' }),
  result: z.enum(FINDING_RESULTS),
  note: optionalText(noteInput({ label: 'the note on the finding' })),
});
export type RecordInspectionFindingInput = z.infer<typeof recordInspectionFindingInput>;
