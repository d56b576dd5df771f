import { maskName, maskPhone, maskResidentId, personalValue, todayInChina, type SubgraphContext } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import { loadCollectiveOrganisation } from '../collective-organisation/collective-organisation.queries';
import type { Shareholder } from './shareholder.entity';
import { loadShareholder, myShareholdings, residentIdOf, shareHistoryOf, shareRegister } from './shareholder.queries';
import { holdingOn, mayRevealShareholder } from './shareholder.rules';

/** A personal field of a shareholder: masked, or whole when asked for and allowed, audited either way. */
function personal(
  context: SubgraphContext,
  shareholder: Shareholder,
  field: string,
  value: string | null,
  reveal: boolean | null | undefined,
  mask: (value: string) => string,
): Promise<string | null> {
  return personalValue(context, { recordType: 'Shareholder', recordId: shareholder.id, regionCode: shareholder.regionCode }, field, value, {
    reveal: reveal ?? false,
    allowed: mayRevealShareholder(context.identity, shareholder),
    mask,
  });
}

/** Thin: the register and a shareholder's history to their SDL shape; shares fit an Int (at most 100,000,000 issued at a time). */
export const shareholderResolvers: Resolvers = {
  Query: {
    shareRegister: async (_, args, context) => {
      const lines = await shareRegister(context, args.collectiveOrganisationId, args.asOf);
      return (
        lines &&
        lines.map(async (line) => ({
          shareholder: (await loadShareholder(context, line.shareholderId))!,
          shares: Number(line.shares),
          capital: line.capitalFen,
        }))
      );
    },
    shareholder: (_, args, context) => loadShareholder(context, args.id),
    myShareholdings: (_, __, context) => myShareholdings(context),
  },
  Shareholder: {
    name: async (s, args, context) => (await personal(context, s, 'name', s.name, args.reveal, maskName))!,
    phone: (s, args, context) => personal(context, s, 'phone', s.phone, args.reveal, maskPhone),
    // Decrypted to be masked or, once the read is audited, shown whole; the cipher never leaves.
    residentId: (s, args, context) => personal(context, s, 'residentId', residentIdOf(s), args.reveal, maskResidentId),
    accountLinked: (s) => s.accountSubject !== null,
    collectiveOrganisation: async (shareholder, _, context) => (await loadCollectiveOrganisation(context, shareholder.organisationId))!,
    shares: async (s, args, context) =>
      Number(
        holdingOn(
          (await shareHistoryOf(context, s.id)).map((v) => v.movement),
          args.asOf ?? todayInChina(new Date()),
        ).shares,
      ),
    capital: async (s, args, context) =>
      holdingOn(
        (await shareHistoryOf(context, s.id)).map((v) => v.movement),
        args.asOf ?? todayInChina(new Date()),
      ).capitalFen,
    shareHistory: (s, _, context) => shareHistoryOf(context, s.id),
  },
  ShareMovement: {
    kind: (v) => v.movement.kind,
    effectiveOn: (v) => v.movement.effectiveOn,
    shares: (v) => Number(v.movement.shares),
    capital: (v) => v.movement.capitalFen,
    transferId: (v) => v.movement.transferId,
    // Another shareholder is seen only by who may see them: a resident sees that shares moved, not to whom.
    counterparty: (v, _, context) => (v.counterpartyId ? loadShareholder(context, v.counterpartyId) : null),
    recordedBy: (v) => v.movement.recordedBy,
    recordedAt: (v) => v.movement.createdAt,
  },
};
