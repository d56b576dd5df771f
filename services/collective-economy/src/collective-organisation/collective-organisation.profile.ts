import { badInput, defineCommand, recordForWrite, requireReference, WRITERS, type CommandContext } from '@gg/shared';
import { CollectiveOrganisation } from './collective-organisation.entity';
import { changeCollectiveOrganisationProfileInput } from './collective-organisation.inputs';
import { onCommunityLine } from './collective-organisation.rules';

/**
 * Checks a founding Party secretary: a Party member the organisation service announced, in the
 * caller's scope (else NOT_FOUND), of the organisation's community or the street above it.
 */
export async function requireFoundingSecretary(ctx: CommandContext, memberId: string, community: string): Promise<string> {
  const field = 'input.foundingPartySecretaryId';
  const member = await requireReference(ctx.manager, 'PARTY_MEMBER', memberId, { field, identity: ctx.caller });
  if (!onCommunityLine(member.regionCode, community))
    throw badInput(field, `the Party member belongs to ${member.regionCode}, not to community ${community} or its street`);
  return member.key;
}

/** Changes what an organisation does, records its founding Party secretary, or sets its annual income target. */
export const changeCollectiveOrganisationProfile = defineCommand({
  name: 'changeCollectiveOrganisationProfile',
  input: changeCollectiveOrganisationProfileInput,
  roles: WRITERS,
  async run(input, ctx) {
    const organisation = await recordForWrite(ctx.manager, CollectiveOrganisation, input.collectiveOrganisationId, {
      identity: ctx.caller,
      field: 'input.collectiveOrganisationId',
      label: 'Collective organisation',
      lock: true,
    });
    const change: Partial<CollectiveOrganisation> = {};
    if (input.businessLines) change.businessLines = input.businessLines;
    if (input.annualIncomeTarget !== null && input.annualIncomeTarget !== undefined)
      change.annualIncomeTargetFen = input.annualIncomeTarget;
    if (input.foundingPartySecretaryId)
      change.foundingPartySecretaryId = await requireFoundingSecretary(ctx, input.foundingPartySecretaryId, organisation.regionCode);
    if (Object.keys(change).length === 0)
      throw badInput('input', 'nothing to change: give business lines, a founding secretary or a target');
    await ctx.manager.update(CollectiveOrganisation, { id: organisation.id }, change);
    return Object.assign(organisation, change);
  },
});
