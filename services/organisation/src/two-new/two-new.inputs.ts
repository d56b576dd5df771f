import { regionCodeInput, thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { TWO_NEW_ENTITY_KINDS } from './two-new.rules';

export const registerTwoNewEntityInput = z.object({
  name: thingNameInput(),
  kind: z.enum(TWO_NEW_ENTITY_KINDS),
  regionCode: regionCodeInput(['STREET', 'COMMUNITY'], 'a two-new entity'),
  partyOrganisationId: uuidInput('a Party organisation id').nullish(),
});
export type RegisterTwoNewEntityInput = z.infer<typeof registerTwoNewEntityInput>;
