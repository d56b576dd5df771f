import { badInput, defineCommand, requireReference, requireWritableRegion, todayInChina } from '@gg/shared';
import { isClosedQuarter, yearOf } from '../evaluation/periods.rules';
import { COUNTY_ADMINS, currentScheme } from '../evaluation-scheme/evaluation-scheme.commands';
import { quarterlyEvaluationJob } from './quarterly-evaluation.jobs';
import { requestQuarterlyEvaluationInput } from './quarterly-evaluation.inputs';
import { openRun } from './quarterly-evaluation.run';

/**
 * Asks for a county's evaluation of a closed quarter now (besides the scheduled one): records the run
 * (one per county and quarter) and starts the job after commit. A quarter already evaluated is
 * answered with its run, unchanged: a run is computed once.
 */
export const requestQuarterlyEvaluation = defineCommand({
  name: 'requestQuarterlyEvaluation',
  input: requestQuarterlyEvaluationInput,
  roles: COUNTY_ADMINS,
  async run(input, ctx) {
    requireWritableRegion(ctx.caller, input.countyCode, 'evaluate a quarter', 'input.countyCode');
    await requireReference(ctx.manager, 'REGION', input.countyCode, { field: 'input.countyCode', identity: ctx.caller });
    if (!isClosedQuarter(input.quarter, todayInChina(ctx.now)))
      throw badInput('input.quarter', `${input.quarter} has not ended: a quarter is evaluated once it is closed`);
    if (!(await currentScheme(ctx.manager, input.countyCode, yearOf(input.quarter))))
      throw badInput('input.quarter', `county ${input.countyCode} has no evaluation scheme for ${yearOf(input.quarter)}: define one first`);
    const run = await openRun(ctx.manager, input.countyCode, input.quarter, ctx.caller.subject);
    if (run.status !== 'COMPLETED')
      ctx.enqueue(
        quarterlyEvaluationJob,
        { countyCode: input.countyCode, quarter: input.quarter },
        // One job per request (the handler is idempotent): a request after a failed attempt runs again.
        { jobId: `quarterly-evaluation-${input.countyCode}-${input.quarter}-${ctx.now.getTime()}` },
      );
    return run;
  },
});
