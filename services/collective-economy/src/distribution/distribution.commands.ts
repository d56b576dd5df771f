import {
  applyVersionedChange,
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
import { appendEntry, lockBooks } from '../ledger/ledger.commands';
import type { ReversalGuard } from '../ledger/ledger.guards';
import { accountTotals, isPeriodClosed } from '../ledger/ledger.queries';
import { incomeStatementOf, type LineAmounts } from '../ledger/ledger.rules';
import { registerAsOf } from '../shareholder/shareholder.register';
import { Distribution, DistributionAllocation } from './distribution.entity';
import { draftDistributionInput, distributionStepInput } from './distribution.inputs';
import { distributionLifecycle, type DistributionAction } from './distribution.lifecycle';
import { planDistribution } from './distribution.rules';
import { rateOfYear } from './share-rate.queries';

/**
 * Drafts the distribution of a closed year: net income from the year's entries, the community's
 * share at the rate of that year (`setCommunityShareRate`, else the organisation's own), the rest to
 * the register at the record date (largest remainder). The use case the year-end job drafts through.
 */
export const draftDistribution = defineCommand({
  name: 'draftDistribution',
  input: draftDistributionInput,
  roles: WRITERS,
  async run(input, ctx) {
    const organisation = await lockBooks(ctx, input.collectiveOrganisationId, 'input.collectiveOrganisationId');
    const year = String(input.year);
    if (input.recordDate <= `${year}-12-31`) throw badInput('input.recordDate', `the record date falls after the year ${year} has ended`);
    if (!(await isPeriodClosed(ctx.manager, organisation.id, year)))
      throw conflict(`The books of ${year} are not closed: close the year before distributing it`, 'input.year');
    const statement = incomeStatementOf(await accountTotals(ctx.manager, organisation.id, { from: `${year}-01-01`, to: `${year}-12-31` }));
    const register = await registerAsOf(ctx.manager, organisation.id, input.recordDate);
    const rate = await rateOfYear(ctx.manager, organisation, input.year);
    const plan = planDistribution(statement.totalIncomeFen, statement.totalExpenseFen, BigInt(rate.basisPoints), register);
    let distribution: Distribution;
    try {
      distribution = await ctx.manager.save(
        ctx.manager.create(Distribution, {
          organisationId: organisation.id,
          regionCode: organisation.regionCode,
          year: input.year,
          recordDate: input.recordDate,
          status: 'DRAFTED',
          incomeFen: statement.totalIncomeFen,
          expenseFen: statement.totalExpenseFen,
          communityShareBp: rate.basisPoints,
          communityShareFen: plan.communityShareFen,
          shareholdersFen: plan.shareholdersFen,
          nothingToDistribute: plan.nothingToDistribute,
          draftedBy: ctx.caller.subject,
          reviewedBy: null,
          approvedBy: null,
          postedEntryId: null,
          reviewedAt: null,
          approvedAt: null,
          postedAt: null,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`The year ${year} already has a distribution`, 'input.year');
      throw error;
    }
    if (plan.allocations.length > 0) {
      await ctx.manager.insert(
        DistributionAllocation,
        plan.allocations.map((a) => ({ ...a, distributionId: distribution.id, regionCode: organisation.regionCode })),
      );
    }
    return distribution;
  },
});

async function scopedDistribution(ctx: CommandContext, id: string): Promise<Distribution> {
  const scope = scopeCondition(ctx.caller, 'd.region_code');
  const found = await ctx.manager
    .getRepository(Distribution)
    .createQueryBuilder('d')
    .where('d.id = :id', { id })
    .andWhere(scope.sql, scope.params)
    .getOne();
  if (!found) throw notFound('Distribution', 'input.distributionId');
  return found;
}

/** A step of the lifecycle, with the optimistic version check: of two concurrent steps one wins, the other is a CONFLICT. */
async function step(ctx: CommandContext, distribution: Distribution, action: DistributionAction, change: Partial<Distribution>) {
  const status = distributionLifecycle.check(
    action,
    distribution.status,
    (party) => party === 'staff' || ctx.caller.subject !== distribution.draftedBy,
    'input.distributionId',
  );
  return applyVersionedChange(ctx.manager, {
    entity: Distribution,
    current: distribution,
    change: { ...change, status },
    field: 'input.distributionId',
  });
}

export const reviewDistribution = defineCommand({
  name: 'reviewDistribution',
  input: distributionStepInput,
  roles: WRITERS,
  async run(input, ctx) {
    return step(ctx, await scopedDistribution(ctx, input.distributionId), 'REVIEW', {
      reviewedBy: ctx.caller.subject,
      reviewedAt: ctx.now,
    });
  },
});

/** Approves a reviewed distribution: only an administrator who did not draft it (four eyes). */
export const approveDistribution = defineCommand({
  name: 'approveDistribution',
  input: distributionStepInput,
  roles: WRITERS,
  async run(input, ctx) {
    return step(ctx, await scopedDistribution(ctx, input.distributionId), 'APPROVE', {
      approvedBy: ctx.caller.subject,
      approvedAt: ctx.now,
    });
  },
});

/**
 * Posts an approved distribution to the ledger, once: retained earnings to the community share and
 * the dividends payable. A loss year posts no entry: it distributes nothing.
 */
export const postDistribution = defineCommand({
  name: 'postDistribution',
  input: distributionStepInput,
  roles: WRITERS,
  async run(input, ctx) {
    const distribution = await scopedDistribution(ctx, input.distributionId);
    distributionLifecycle.check('POST', distribution.status, () => true, 'input.distributionId');
    let postedEntryId: string | null = null;
    if (!distribution.nothingToDistribute) {
      const organisation = await lockBooks(ctx, distribution.organisationId, 'input.distributionId');
      const total = distribution.communityShareFen + distribution.shareholdersFen;
      const lines: LineAmounts[] = [
        { account: 'RETAINED_EARNINGS', debitFen: total, creditFen: 0n },
        { account: 'COMMUNITY_SHARE_PAYABLE', debitFen: 0n, creditFen: distribution.communityShareFen },
        { account: 'DISTRIBUTIONS_PAYABLE', debitFen: 0n, creditFen: distribution.shareholdersFen },
      ];
      const entry = await appendEntry(ctx, organisation, {
        postedOn: todayInChina(ctx.now),
        description: `${distribution.year}年度收益分配`,
        lines: lines.filter((l) => l.debitFen + l.creditFen > 0n),
      });
      postedEntryId = entry.id;
    }
    return step(ctx, distribution, 'POST', { postedEntryId, postedAt: ctx.now });
  },
});

/** The entry of a posted distribution is not reversed by hand: the distribution is posted once and stays posted. */
export const distributionOnReversal: ReversalGuard = async (ctx, entry) =>
  (await ctx.manager.getRepository(Distribution).existsBy({ postedEntryId: entry.id }))
    ? 'This entry posted an annual distribution: a distribution is posted once and stands, so it is not reversed by hand'
    : undefined;
