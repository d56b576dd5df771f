import { regionCodeInput } from '@gg/shared';
import { z } from 'zod';
import { QUARTER_PATTERN } from '../evaluation/periods.rules';

export const quarterInput = z
  .string()
  .regex(QUARTER_PATTERN, 'a quarter is YYYYQn, e.g. 2025Q2')
  .refine((q) => q >= '2000Q1' && q <= '2100Q4', 'a quarter is between 2000Q1 and 2100Q4');

export const requestQuarterlyEvaluationInput = z.object({
  countyCode: regionCodeInput(['COUNTY'], 'a quarterly evaluation'),
  quarter: quarterInput,
});
