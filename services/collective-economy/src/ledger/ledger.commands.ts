import {
  badInput,
  conflict,
  defineCommand,
  isUniqueViolation,
  notFound,
  scopeCondition,
  todayInChina,
  WRITERS,
  type CommandContext,
} from '@gg/shared';
import { CollectiveOrganisation } from '../collective-organisation/collective-organisation.entity';
import { LedgerEntry, LedgerLine, LedgerPeriodClose } from './ledger.entity';
import { closeGuardProblem, reversalProblem } from './ledger.guards';
import { closeLedgerPeriodInput, postLedgerEntryInput, reverseLedgerEntryInput } from './ledger.inputs';
import { CAPITAL_ACCOUNTS, closeProblem, entryProblem, periodsOf, reversalOf, type LedgerAccount, type LineAmounts } from './ledger.rules';

/**
 * The organisation, in the caller's scope, locked against closing (FOR SHARE) or for closing
 * (FOR UPDATE): a post and a close of the same books are serialised, so nothing slips into a period
 * closed meanwhile; posts do not wait for each other.
 */
export async function lockBooks(ctx: CommandContext, id: string, field: string, forClosing = false): Promise<CollectiveOrganisation> {
  const scope = scopeCondition(ctx.caller, 'o.region_code');
  const organisation = await ctx.manager
    .getRepository(CollectiveOrganisation)
    .createQueryBuilder('o')
    .where('o.id = :id', { id })
    .andWhere(scope.sql, scope.params)
    .setLock(forClosing ? 'pessimistic_write' : 'pessimistic_read')
    .getOne();
  if (!organisation) throw notFound('Collective organisation', field);
  return organisation;
}

/** The closed period a day falls in, if any. */
async function closedPeriodOf(ctx: CommandContext, organisationId: string, day: string): Promise<string | undefined> {
  const closed = await ctx.manager
    .getRepository(LedgerPeriodClose)
    .createQueryBuilder('c')
    .where('c.organisation_id = :organisationId AND c.period IN (:...periods)', { organisationId, periods: periodsOf(day) })
    .getOne();
  return closed?.period;
}

export interface EntryToPost {
  postedOn: string;
  description: string;
  lines: readonly LineAmounts[];
  reversesEntryId?: string;
  reason?: string;
}

/**
 * The use case other aggregates post through (the distribution): checks balance and open period,
 * then appends the entry and its lines. The books must already be locked by `lockBooks`.
 */
export async function appendEntry(ctx: CommandContext, organisation: CollectiveOrganisation, entry: EntryToPost): Promise<LedgerEntry> {
  const problem = entryProblem(entry.lines);
  if (problem) throw badInput(problem.field, problem.message);
  const closed = await closedPeriodOf(ctx, organisation.id, entry.postedOn);
  if (closed) throw conflict(`The books of ${closed} are closed: post on a day of an open period`, 'input.postedOn');
  const saved = await ctx.manager.save(
    ctx.manager.create(LedgerEntry, {
      organisationId: organisation.id,
      regionCode: organisation.regionCode,
      postedOn: entry.postedOn,
      description: entry.description,
      reversesEntryId: entry.reversesEntryId ?? null,
      reason: entry.reason ?? null,
      postedBy: ctx.caller.subject,
    }),
  );
  await ctx.manager.insert(
    LedgerLine,
    entry.lines.map((line, position) => ({ entryId: saved.id, position, ...line })),
  );
  return saved;
}

/** Posts a balanced entry (记账) to an organisation's books, on a day of an open period. */
export const postLedgerEntry = defineCommand({
  name: 'postLedgerEntry',
  input: postLedgerEntryInput,
  roles: WRITERS,
  async run(input, ctx) {
    // The fixed-asset accounts follow the capital register only, or the two would disagree.
    const kept = input.lines.findIndex((l) => (CAPITAL_ACCOUNTS as readonly LedgerAccount[]).includes(l.account));
    if (kept >= 0)
      throw badInput(
        `input.lines.${kept}.account`,
        `${input.lines[kept]!.account} is kept by the capital register (registerCapital, recordCapitalChange and the monthly depreciation run), not posted by hand`,
      );
    const organisation = await lockBooks(ctx, input.collectiveOrganisationId, 'input.collectiveOrganisationId');
    const lines = input.lines.map((l) => ({ account: l.account, debitFen: l.debit, creditFen: l.credit }));
    return appendEntry(ctx, organisation, { postedOn: input.postedOn, description: input.description, lines });
  },
});

/**
 * Corrects an entry by posting its exact opposite with a reason (红字冲销); the original stays as it was.
 * An entry another record stands on (a rent charge or payment, a posted distribution) is refused: see `guardReversal`.
 */
export const reverseLedgerEntry = defineCommand({
  name: 'reverseLedgerEntry',
  input: reverseLedgerEntryInput,
  roles: WRITERS,
  async run(input, ctx) {
    const scope = scopeCondition(ctx.caller, 'e.region_code');
    const original = await ctx.manager
      .getRepository(LedgerEntry)
      .createQueryBuilder('e')
      .where('e.id = :id', { id: input.entryId })
      .andWhere(scope.sql, scope.params)
      .getOne();
    if (!original) throw notFound('Ledger entry', 'input.entryId');
    if (original.reversesEntryId) throw conflict('A reversal is not reversed: post the correct entry again instead', 'input.entryId');
    const owned = await reversalProblem(ctx, original);
    if (owned) throw conflict(owned, 'input.entryId');
    if (input.postedOn < original.postedOn)
      throw badInput('input.postedOn', `a reversal is posted on or after the entry it corrects (${original.postedOn})`);
    const organisation = await lockBooks(ctx, original.organisationId, 'input.entryId');
    const lines = await ctx.manager.getRepository(LedgerLine).find({ where: { entryId: original.id }, order: { position: 'ASC' } });
    try {
      return await appendEntry(ctx, organisation, {
        postedOn: input.postedOn,
        description: `Reversal: ${original.description}`.slice(0, 200),
        lines: reversalOf(lines),
        reversesEntryId: original.id,
        reason: input.reason,
      });
    } catch (error) {
      // The unique index decides: of two concurrent reversals of one entry, one is posted.
      if (isUniqueViolation(error)) throw conflict('This entry has already been reversed', 'input.entryId');
      throw error;
    }
  },
});

/** Closes a month or a year of an organisation's books (结账) once it has ended: nothing more is posted into it. */
export const closeLedgerPeriod = defineCommand({
  name: 'closeLedgerPeriod',
  input: closeLedgerPeriodInput,
  roles: WRITERS,
  async run(input, ctx) {
    const problem = closeProblem(input.period, todayInChina(ctx.now));
    if (problem) throw badInput('input.period', problem);
    const organisation = await lockBooks(ctx, input.collectiveOrganisationId, 'input.collectiveOrganisationId', true);
    // What must be posted into the period first (a month's rent not raised yet) keeps it open.
    const pending = await closeGuardProblem(ctx, organisation.id, input.period);
    if (pending) throw conflict(pending, 'input.period');
    try {
      return await ctx.manager.save(
        ctx.manager.create(LedgerPeriodClose, {
          organisationId: organisation.id,
          regionCode: organisation.regionCode,
          period: input.period,
          closedBy: ctx.caller.subject,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`The books of ${input.period} are already closed`, 'input.period');
      throw error;
    }
  },
});
