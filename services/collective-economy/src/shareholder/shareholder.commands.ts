import { badInput, defineCommand, notFound, scopeCondition, WRITERS, type CommandContext } from '@gg/shared';
import { randomUUID } from 'node:crypto';
import { lockBooks } from '../ledger/ledger.commands';
import { Shareholder, ShareMovement } from './shareholder.entity';
import { registerShareholderInput, transferSharesInput } from './shareholder.inputs';
import { registerAsOf } from './shareholder.register';
import { capitalMoved, transferProblem } from './shareholder.rules';

/** Registers a resident as a shareholder with the shares issued to them and the capital contributed (入股). */
export const registerShareholder = defineCommand({
  name: 'registerShareholder',
  input: registerShareholderInput,
  roles: WRITERS,
  async run(input, ctx) {
    const organisation = await lockBooks(ctx, input.collectiveOrganisationId, 'input.collectiveOrganisationId', true);
    const shareholder = await ctx.manager.save(
      ctx.manager.create(Shareholder, { organisationId: organisation.id, regionCode: organisation.regionCode, name: input.name }),
    );
    await ctx.manager.insert(ShareMovement, {
      organisationId: organisation.id,
      regionCode: organisation.regionCode,
      shareholderId: shareholder.id,
      effectiveOn: input.joinedOn,
      shares: BigInt(input.shares),
      capitalFen: input.capital,
      kind: 'ISSUE',
      transferId: null,
      recordedBy: ctx.caller.subject,
    });
    return shareholder;
  },
});

async function scopedShareholder(ctx: CommandContext, id: string, field: string): Promise<Shareholder> {
  const scope = scopeCondition(ctx.caller, 's.region_code');
  const found = await ctx.manager
    .getRepository(Shareholder)
    .createQueryBuilder('s')
    .where('s.id = :id', { id })
    .andWhere(scope.sql, scope.params)
    .getOne();
  if (!found) throw notFound('Shareholder', field);
  return found;
}

/**
 * Transfers shares between two shareholders of one organisation on a day (股权转让), with the same
 * fraction of the giver's capital; both halves are kept, so the register of any earlier day is unchanged.
 */
export const transferShares = defineCommand({
  name: 'transferShares',
  input: transferSharesInput,
  roles: WRITERS,
  async run(input, ctx) {
    const from = await scopedShareholder(ctx, input.fromShareholderId, 'input.fromShareholderId');
    const to = await scopedShareholder(ctx, input.toShareholderId, 'input.toShareholderId');
    if (to.organisationId !== from.organisationId)
      throw badInput('input.toShareholderId', 'shares are transferred within one collective organisation');
    // Serialises transfers of one organisation: two cannot both spend the same shares.
    const organisation = await lockBooks(ctx, from.organisationId, 'input.fromShareholderId', true);
    // Recorded in date order: a back-dated transfer could overdraw the register of a later day.
    const latest = await ctx.manager
      .getRepository(ShareMovement)
      .createQueryBuilder('m')
      .select('max(m.effective_on)::text', 'day')
      .where('m.shareholder_id = :id', { id: from.id })
      .getRawOne<{ day: string | null }>();
    if (latest?.day && latest.day > input.transferredOn)
      throw badInput('input.transferredOn', `the shareholder's shares last moved on ${latest.day}: a transfer is dated on or after it`);
    const held = (await registerAsOf(ctx.manager, organisation.id, input.transferredOn)).find((l) => l.shareholderId === from.id);
    const moved = BigInt(input.shares);
    const problem = transferProblem(held?.shares ?? 0n, moved, from.id === to.id);
    if (problem) throw badInput(from.id === to.id ? 'input.toShareholderId' : 'input.shares', problem);
    const capital = capitalMoved(held!.capitalFen, held!.shares, moved);
    const transferId = randomUUID();
    const half = {
      organisationId: organisation.id,
      regionCode: organisation.regionCode,
      effectiveOn: input.transferredOn,
      transferId,
      recordedBy: ctx.caller.subject,
    };
    await ctx.manager.insert(ShareMovement, [
      { ...half, shareholderId: from.id, shares: -moved, capitalFen: -capital, kind: 'TRANSFER_OUT' as const },
      { ...half, shareholderId: to.id, shares: moved, capitalFen: capital, kind: 'TRANSFER_IN' as const },
    ]);
    return { from, to, shares: input.shares, transferredOn: input.transferredOn };
  },
});
