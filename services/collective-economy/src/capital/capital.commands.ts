import { badInput, conflict, countyOf, defineCommand, recordForWrite, todayInChina, WRITERS, type CommandContext } from '@gg/shared';
import { CollectiveOrganisation } from '../collective-organisation/collective-organisation.entity';
import { lockBooks } from '../ledger/ledger.commands';
import type { LedgerEntry } from '../ledger/ledger.entity';
import { lastDayOf } from '../ledger/ledger.rules';
import { depreciateMonth, enterBooks, postAsset, postedValueOf, postingDayOf } from './capital.books';
import { Capital, CapitalChange } from './capital.entity';
import { disposalProblem } from './capital.guards';
import { postDepreciationInput, recordCapitalChangeInput, registerCapitalInput } from './capital.inputs';
import { depreciationPolicyOf } from './capital.policy';
import { capitalValueAsOf, historyOf } from './capital.queries';
import { categoryOf, changeProblem, monthsToDepreciate, type AssetKind } from './capital.rules';

/**
 * Registers a fund, an asset or a resource of an organisation (登记三资) with its value on the day it
 * came; an asset takes its county's useful life for its kind and residual rate, which it keeps, and
 * enters the books (fixed assets / accumulation fund) on that day, or the first open day after it when
 * that day's books are closed, at its value then (see `enterBooks`).
 */
export const registerCapital = defineCommand({
  name: 'registerCapital',
  input: registerCapitalInput,
  roles: WRITERS,
  async run(input, ctx) {
    const organisation = await lockBooks(ctx, input.collectiveOrganisationId, 'input.collectiveOrganisationId');
    const category = categoryOf(input.kind);
    let usefulLifeMonths: number | null = null;
    let residualRateBp: number | null = null;
    if (category === 'ASSET') {
      const policy = await depreciationPolicyOf(ctx.manager, countyOf(organisation.regionCode)!);
      usefulLifeMonths = policy.usefulLifeMonths[input.kind as AssetKind];
      residualRateBp = policy.residualRateBp;
    }
    const capital = await ctx.manager.save(
      ctx.manager.create(Capital, {
        organisationId: organisation.id,
        regionCode: organisation.regionCode,
        category,
        kind: input.kind,
        name: input.name,
        location: input.location,
        acquiredOn: input.acquiredOn,
        usefulLifeMonths,
        residualRateBp,
        registeredBy: ctx.caller.subject,
      }),
    );
    await ctx.manager.insert(CapitalChange, {
      capitalId: capital.id,
      organisationId: organisation.id,
      regionCode: organisation.regionCode,
      kind: 'ACQUIRED',
      effectiveOn: input.acquiredOn,
      amountFen: input.value,
      reason: '登记',
      recordedBy: ctx.caller.subject,
    });
    await enterBooks(ctx, capital);
    return capital;
  },
});

/** The capital named by a write, in scope, locked so changes of one capital are recorded one after another. */
export function capitalForWrite(ctx: CommandContext, id: string, field: string): Promise<Capital> {
  return recordForWrite(ctx.manager, Capital, id, { identity: ctx.caller, field, label: 'Capital', lock: true });
}

/**
 * Records a change of a capital's value (an improvement, a partial write-off) or its disposal (处置),
 * in date order; the history only grows, so its value on every earlier day stays as it was. A disposal
 * is refused (CONFLICT) while something still holds the capital on that day: see `guardDisposal`.
 * An asset's change is posted in the same transaction (on its day, or today when that day's books
 * are closed): the cost against the accumulation fund; a disposal takes the asset out of the books.
 */
export const recordCapitalChange = defineCommand({
  name: 'recordCapitalChange',
  input: recordCapitalChangeInput,
  roles: WRITERS,
  async run(input, ctx) {
    const capital = await capitalForWrite(ctx, input.capitalId, 'input.capitalId');
    if (input.kind === 'DISPOSED' && input.amount !== 0n) throw badInput('input.amount', 'a disposal carries no amount');
    const history = await historyOf(ctx.manager, capital.id);
    const change = { kind: input.kind, effectiveOn: input.effectiveOn, amountFen: input.amount };
    const problem = changeProblem(history, change, capitalValueAsOf(capital, history, input.effectiveOn).bookValueFen);
    if (problem) throw badInput(problem.field, problem.message);
    if (input.kind === 'DISPOSED') {
      // What other aggregates hold on to (a lease running on the day): refused, the capital stays as it is.
      const held = await disposalProblem(ctx, capital, input.effectiveOn);
      if (held) throw conflict(held.message, held.field);
    }
    await ctx.manager.insert(CapitalChange, {
      ...change,
      capitalId: capital.id,
      organisationId: capital.organisationId,
      regionCode: capital.regionCode,
      reason: input.reason,
      recordedBy: ctx.caller.subject,
    });
    const postedOn = await postingDayOf(ctx, capital.organisationId, input.effectiveOn);
    const disposal = input.kind === 'DISPOSED';
    await postAsset(ctx, capital, {
      mode: disposal ? 'DISPOSE' : 'CHANGE',
      postedOn,
      asOf: disposal ? input.effectiveOn : postedOn,
      description: disposal ? '固定资产处置' : input.kind === 'INCREASE' ? '固定资产增加' : '固定资产减少',
    });
    return capital;
  },
});

/**
 * Posts the depreciation of an organisation's fixed assets (计提折旧) for every month through one that has
 * ended and is not posted yet, exactly as the monthly run does (each asset and month once, on the month's
 * last day), in one transaction: a period is not closed while its depreciation is pending, so the
 * accountant need not wait for the run on the 1st. A month in closed books is left to the next open
 * month, as the run leaves it. Answers the entries posted (none when the books hold everything already).
 */
export const postDepreciation = defineCommand({
  name: 'postDepreciation',
  input: postDepreciationInput,
  roles: WRITERS,
  async run(input, ctx) {
    const last = lastDayOf(input.throughMonth);
    if (last >= todayInChina(ctx.now))
      throw badInput('input.throughMonth', `${input.throughMonth} has not ended yet: its depreciation counts on its last day, ${last}`);
    const organisation = await recordForWrite(ctx.manager, CollectiveOrganisation, input.collectiveOrganisationId, {
      identity: ctx.caller,
      field: 'input.collectiveOrganisationId',
      label: 'Collective organisation',
    });
    const assets = await ctx.manager
      .getRepository(Capital)
      .createQueryBuilder('c')
      .where(`c.organisation_id = :id AND c.category = 'ASSET' AND c.acquired_on <= :last`, { id: organisation.id, last })
      .orderBy('c.id', 'ASC')
      .getMany();
    const entries: LedgerEntry[] = [];
    for (const asset of assets) {
      // Locked before its postings are read, so a run at the same time waits and then finds them posted.
      const capital = await capitalForWrite(ctx, asset.id, 'input.collectiveOrganisationId');
      const disposal = (await historyOf(ctx.manager, asset.id)).find((c) => c.kind === 'DISPOSED');
      // One registered before the books kept assets enters them first; its months since are posted below.
      await enterBooks(ctx, capital);
      const { depreciatedThrough } = await postedValueOf(ctx.manager, asset.id);
      for (const month of monthsToDepreciate(depreciatedThrough, disposal?.effectiveOn ?? null, input.throughMonth)) {
        const posted = await depreciateMonth(ctx, asset.id, month, 'input.collectiveOrganisationId');
        if (posted && posted !== 'BLOCKED') entries.push(posted);
      }
    }
    return entries;
  },
});
