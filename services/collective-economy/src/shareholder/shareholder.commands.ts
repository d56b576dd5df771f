import {
  badInput,
  conflict,
  defineCommand,
  isUniqueViolation,
  notFound,
  protectResidentId,
  scopeCondition,
  tableOf,
  WRITERS,
  type CommandContext,
} from '@gg/shared';
import { randomUUID } from 'node:crypto';
import { lockBooks } from '../ledger/ledger.commands';
import { Shareholder, ShareMovement } from './shareholder.entity';
import { registerShareholderInput, transferSharesInput, updateShareholderInput } from './shareholder.inputs';
import { registerAsOf } from './shareholder.register';
import { capitalMoved, frozenRegisterProblem, transferProblem } from './shareholder.rules';

/** A unique index refusing a second person or account: CONFLICT naming the field that repeats. */
function duplicateOf(error: unknown): Error | undefined {
  if (!isUniqueViolation(error)) return undefined;
  const constraint = (error as { constraint?: string }).constraint;
  if (constraint === 'shareholder_account_key')
    return conflict('This resident account is already linked to another shareholder of the organisation', 'input.accountSubject');
  return conflict('A shareholder with this resident ID number is already registered in the organisation', 'input.residentId');
}

/**
 * The latest record date of the organisation's distributions. Read from the distribution table
 * here (the distribution folder imports this one, not the reverse): a movement dated on or before
 * it would change a register a distribution was drafted from. Books locked FOR UPDATE by the
 * caller, so no draft lands between this read and the write.
 */
async function latestRecordDate(ctx: CommandContext, organisationId: string): Promise<string | null> {
  const [row] = (await ctx.manager.query(
    `SELECT max(record_date)::text AS day FROM ${tableOf(ctx.manager.connection, 'distribution')} WHERE organisation_id = $1`,
    [organisationId],
  )) as Array<{ day: string | null }>;
  return row?.day ?? null;
}

/**
 * Registers a resident as a shareholder (入股): the person (name, resident ID number, phone, their
 * account when they have one), the shares issued to them and the capital contributed.
 */
export const registerShareholder = defineCommand({
  name: 'registerShareholder',
  input: registerShareholderInput,
  roles: WRITERS,
  async run(input, ctx) {
    const organisation = await lockBooks(ctx, input.collectiveOrganisationId, 'input.collectiveOrganisationId', true);
    const frozen = frozenRegisterProblem(input.joinedOn, await latestRecordDate(ctx, organisation.id));
    if (frozen) throw conflict(`The shares cannot be issued on ${input.joinedOn}: ${frozen}`, 'input.joinedOn');
    const residentId = protectResidentId(input.residentId);
    let shareholder: Shareholder;
    try {
      shareholder = await ctx.manager.save(
        ctx.manager.create(Shareholder, {
          organisationId: organisation.id,
          regionCode: organisation.regionCode,
          name: input.name,
          phone: input.phone,
          residentIdCipher: residentId.cipher,
          residentIdHash: residentId.hash,
          accountSubject: input.accountSubject,
        }),
      );
    } catch (error) {
      throw duplicateOf(error) ?? error;
    }
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

async function scopedShareholder(ctx: CommandContext, id: string, field: string, lock = false): Promise<Shareholder> {
  const scope = scopeCondition(ctx.caller, 's.region_code');
  const query = ctx.manager
    .getRepository(Shareholder)
    .createQueryBuilder('s')
    .where('s.id = :id', { id })
    .andWhere(scope.sql, scope.params);
  if (lock) query.setLock('pessimistic_write');
  const found = await query.getOne();
  if (!found) throw notFound('Shareholder', field);
  return found;
}

/**
 * Completes or corrects a shareholder's personal details and links (or unlinks) their resident
 * account: how shareholders registered with a name only become persons. Shares move only by transfer.
 */
export const updateShareholder = defineCommand({
  name: 'updateShareholder',
  input: updateShareholderInput,
  roles: WRITERS,
  async run(input, ctx) {
    const shareholder = await scopedShareholder(ctx, input.shareholderId, 'input.shareholderId', true);
    const change: Partial<Shareholder> = {};
    if (input.name !== undefined) change.name = input.name;
    if (input.phone !== undefined) change.phone = input.phone;
    if (input.accountSubject !== undefined) change.accountSubject = input.accountSubject;
    if (input.residentId !== undefined) {
      const protectedId = protectResidentId(input.residentId);
      change.residentIdCipher = protectedId.cipher;
      change.residentIdHash = protectedId.hash;
    }
    if (Object.keys(change).length === 0) throw badInput('input', 'nothing to change: give a name, resident ID number, phone or account');
    try {
      await ctx.manager.update(Shareholder, { id: shareholder.id }, change);
    } catch (error) {
      throw duplicateOf(error) ?? error;
    }
    return Object.assign(shareholder, change);
  },
});

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
      .where('m.shareholder_id IN (:...ids)', { ids: [from.id, to.id] })
      .getRawOne<{ day: string | null }>();
    if (latest?.day && latest.day > input.transferredOn)
      throw badInput('input.transferredOn', `the shareholders' shares last moved on ${latest.day}: a transfer is dated on or after it`);
    const frozen = frozenRegisterProblem(input.transferredOn, await latestRecordDate(ctx, organisation.id));
    if (frozen) throw conflict(`The shares cannot be transferred on ${input.transferredOn}: ${frozen}`, 'input.transferredOn');
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
    return { id: transferId, from, to, shares: input.shares, transferredOn: input.transferredOn };
  },
});
