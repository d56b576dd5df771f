import { regionCodeInput, thingNameInput } from '@gg/shared';
import { z } from 'zod';

/**
 * A street or community added under an existing region. Provinces, cities and counties come with the
 * GB/T 2260 load (a migration); streets and communities are added by the county as they are set up.
 */
export const addRegionInput = z.object({
  code: regionCodeInput(['STREET', 'COMMUNITY'], 'a region added by its county'),
  name: thingNameInput(),
});
export type AddRegionInput = z.infer<typeof addRegionInput>;
