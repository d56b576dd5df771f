import { regionCodeInput, thingNameInput } from '@gg/shared';
import { z } from 'zod';
import { DEPARTMENT_KINDS } from './department.rules';

export const createDepartmentInput = z.object({
  countyCode: regionCodeInput(['COUNTY'], 'a department'),
  name: thingNameInput({ label: 'a department name' }),
  kind: z.enum(DEPARTMENT_KINDS),
});
export type CreateDepartmentInput = z.infer<typeof createDepartmentInput>;
