import { conflict, defineCommand, WRITERS } from '@gg/shared';
import { lockBooks } from '../ledger/ledger.commands';
import { Distribution } from './distribution.entity';
import { CommunityShareRate } from './share-rate.entity';
import { setCommunityShareRateInput } from './share-rate.inputs';
import { percentOf } from './share-rate.rules';

/**
 * Sets the community collective's share of net income (集体提留) from a year on. A drafted year keeps
 * the rate it was drafted at: a rate may only start after the last drafted year. The books are locked
 * for update, so a draft running meanwhile is either before the setting (and refuses it) or after it.
 */
export const setCommunityShareRate = defineCommand({
  name: 'setCommunityShareRate',
  input: setCommunityShareRateInput,
  roles: WRITERS,
  async run(input, ctx) {
    const organisation = await lockBooks(ctx, input.collectiveOrganisationId, 'input.collectiveOrganisationId', true);
    const drafted = await ctx.manager
      .getRepository(Distribution)
      .createQueryBuilder('d')
      .where('d.organisation_id = :id AND d.year >= :year', { id: organisation.id, year: input.fromYear })
      .orderBy('d.year', 'DESC')
      .getOne();
    if (drafted)
      throw conflict(
        `The year ${drafted.year} is already drafted at ${percentOf(BigInt(drafted.communityShareBp))}%: a new rate starts after the last drafted year`,
        'input.fromYear',
      );
    return ctx.manager.save(
      ctx.manager.create(CommunityShareRate, {
        organisationId: organisation.id,
        regionCode: organisation.regionCode,
        fromYear: input.fromYear,
        basisPoints: Number(input.rate),
        setBy: ctx.caller.subject,
        setAt: ctx.now,
      }),
    );
  },
});
