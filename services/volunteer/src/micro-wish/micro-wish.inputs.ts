import { freeTextInput, optionalText, regionCodeInput, thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { CLAIMANT_KINDS, claimantIsOrganisation } from './micro-wish.rules';

export const postWishInput = z.object({
  regionCode: regionCodeInput(['COMMUNITY'], 'a wish'),
  title: thingNameInput({ label: 'a wish', min: 2, max: 100 }),
  description: optionalText(freeTextInput({ label: 'a description', min: 1, max: 1000 })),
  onBehalf: z.boolean().default(false),
  // The app generates one per wish (a UUID is ideal) and sends it again on every retry.
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/, "an idempotency key is 8–100 letters, digits, '-' or '_'")
    .nullish()
    .transform((v) => v ?? null),
});
export type PostWishInput = z.infer<typeof postWishInput>;

export const claimWishInput = z
  .object({
    wishId: uuidInput('a wish'),
    claimantKind: z.enum(CLAIMANT_KINDS),
    claimantName: optionalText(thingNameInput({ label: 'a claimant name', min: 2, max: 100 })),
  })
  .superRefine((input, ctx) => {
    if (claimantIsOrganisation(input.claimantKind) && !input.claimantName)
      ctx.addIssue({ code: 'custom', path: ['claimantName'], message: 'an agency or merchant claiming is named' });
    if (!claimantIsOrganisation(input.claimantKind) && input.claimantName)
      ctx.addIssue({ code: 'custom', path: ['claimantName'], message: 'a person claims as themselves: no name is given' });
  });

export const fulfilWishInput = z.object({
  wishId: uuidInput('a wish'),
  evidence: freeTextInput({ label: 'the evidence', min: 2, max: 1000 }),
});

/** A step naming only the wish (confirming it, releasing a claim). */
export const wishStepInput = z.object({
  wishId: uuidInput('a wish'),
});
