import { uuidInput } from '@gg/shared';
import { z } from 'zod';
import { gridChangeReason, gridCode, gridName } from '../grid/grid.inputs';
import { MAX_HOUSEHOLDS } from '../grid/grid.rules';

const uuid = uuidInput;

export const mergeGridsInput = z
  .object({
    gridIds: z.array(uuid('a grid id')).min(2, 'a merge takes at least two grids').max(20, 'a merge takes at most 20 grids'),
    code: gridCode,
    name: gridName,
    reason: gridChangeReason,
  })
  .superRefine((input, ctx) => {
    input.gridIds.forEach((id, i) => {
      if (input.gridIds.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: ['gridIds', i], message: 'a grid is listed twice' });
    });
  });
export type MergeGridsInput = z.infer<typeof mergeGridsInput>;

export const splitGridInput = z
  .object({
    gridId: uuid('a grid id'),
    reason: gridChangeReason,
    parts: z
      .array(
        z.object({
          code: gridCode,
          name: gridName,
          households: z.number().int().min(0).max(MAX_HOUSEHOLDS).nullish(),
          householdIds: z
            .array(uuid('a household id'))
            .nullish()
            .transform((ids) => ids ?? []),
        }),
      )
      .min(2, 'a split makes at least two grids')
      .max(10, 'a split makes at most 10 grids'),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.parts.forEach((part, p) =>
      part.householdIds.forEach((id, i) => {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['parts', p, 'householdIds', i], message: 'a household goes to one part' });
        seen.add(id);
      }),
    );
    const codes = input.parts.map((p) => p.code);
    codes.forEach((code, i) => {
      if (codes.indexOf(code) !== i) ctx.addIssue({ code: 'custom', path: ['parts', i, 'code'], message: `code ${code} is used twice` });
    });
  });
export type SplitGridInput = z.infer<typeof splitGridInput>;
