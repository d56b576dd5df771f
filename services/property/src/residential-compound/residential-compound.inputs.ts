import { dateInput, personNameInput, regionCodeInput, thingNameInput, type DateRange } from '@gg/shared';
import { z } from 'zod';
import {
  committeeRolesProblem,
  committeeTermProblem,
  managementCompanyProblem,
  MANAGEMENT_MODES,
  OWNERS_COMMITTEE_ROLES,
  OWNERS_COMMITTEE_SIZE,
} from './residential-compound.rules';

/** A day a management began: recorded work, so not in the future and not before 2000. */
const MANAGEMENT_DAY: DateRange = {
  earliest: { day: '2000-01-01' },
  latest: { daysFromToday: 0 },
  rule: 'is a day that has come (not after today) and not before 2000-01-01',
};

/** A committee's term: elected since 2000, ending at most a few years ahead. */
const TERM_DAY: DateRange = {
  earliest: { day: '2000-01-01' },
  latest: { daysFromToday: 366 * 6 },
  rule: 'is not before 2000-01-01 and at most six years from today',
};

const id = z.string();
const mode = z.enum(MANAGEMENT_MODES);

/** A management names its company exactly when the mode is PROFESSIONAL; the problem names companyId. */
function companyFitsMode(
  value: { managementMode: (typeof MANAGEMENT_MODES)[number]; companyId?: string | null },
  ctx: z.RefinementCtx,
): void {
  const problem = managementCompanyProblem(value.managementMode, value.companyId);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['companyId'] });
}

export const registerResidentialCompoundInput = z
  .object({
    name: thingNameInput({ label: 'a compound name' }),
    regionCode: regionCodeInput(['COMMUNITY'], 'a residential compound'),
    gridId: id,
    managementMode: mode,
    companyId: id.nullish(),
    managedSince: dateInput(MANAGEMENT_DAY, { label: 'the day the management began' }),
  })
  .superRefine(companyFitsMode);
export type RegisterResidentialCompoundInput = z.infer<typeof registerResidentialCompoundInput>;

export const changeCompoundManagementInput = z
  .object({
    compoundId: id,
    managementMode: mode,
    companyId: id.nullish(),
    since: dateInput(MANAGEMENT_DAY, { label: 'the day the new management begins' }),
  })
  .superRefine(companyFitsMode);
export type ChangeCompoundManagementInput = z.infer<typeof changeCompoundManagementInput>;

export const electOwnersCommitteeInput = z
  .object({
    compoundId: id,
    termStart: dateInput(TERM_DAY, { label: 'the start of the term' }),
    termEnd: dateInput(TERM_DAY, { label: 'the end of the term' }),
    members: z
      .array(z.object({ name: personNameInput({ label: 'a member name' }), role: z.enum(OWNERS_COMMITTEE_ROLES) }))
      .min(OWNERS_COMMITTEE_SIZE.min, `an owners' committee has at least ${OWNERS_COMMITTEE_SIZE.min} members`)
      .max(OWNERS_COMMITTEE_SIZE.max, `an owners' committee has at most ${OWNERS_COMMITTEE_SIZE.max} members`),
  })
  .superRefine((value, ctx) => {
    const term = committeeTermProblem(value.termStart, value.termEnd);
    if (term) ctx.addIssue({ code: 'custom', message: term, path: ['termEnd'] });
    const roles = committeeRolesProblem(value.members.map((m) => m.role));
    if (roles) ctx.addIssue({ code: 'custom', message: roles, path: ['members'] });
  });
export type ElectOwnersCommitteeInput = z.infer<typeof electOwnersCommitteeInput>;
