import { conflict, defineCommand, isUniqueViolation, WRITERS, recordForWrite } from '@gg/shared';
import { applyCaseChange, caseForWrite, fail } from './case.commands';
import { CaseWhistle, GridCase } from './case.entity';
import { answerWhistleInput, blowWhistleInput } from './case.inputs';
import { actorOf, WHISTLE_ROLES, whistleProblem } from './case.rules';

/**
 * Blows the whistle on a case to named departments (吹哨), each to answer within the limit; one
 * whistle per department and case (CONFLICT for a department already whistled).
 */
export const blowWhistle = defineCommand({
  name: 'blowWhistle',
  input: blowWhistleInput,
  roles: WHISTLE_ROLES,
  run: async (input, context) => {
    const current = await caseForWrite(context, input.caseId);
    const problem = whistleProblem(current, actorOf(context.caller));
    if (problem) fail(problem);
    const answerBy = new Date(context.now.getTime() + input.limitHours * 3600 * 1000);
    try {
      // A savepoint, so a department already whistled is a CONFLICT and nothing else is tried.
      await context.manager.transaction((manager) =>
        manager.insert(
          CaseWhistle,
          input.departments.map((department) => ({
            caseId: current.id,
            regionCode: current.regionCode,
            department,
            blownBy: context.caller.subject,
            blownAt: context.now,
            answerBy,
            answeredAt: null,
            answeredBy: null,
            answerAction: null,
            flaggedAt: null,
          })),
        ),
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict('A whistle was already blown on this case to one of these departments', 'input.departments');
      throw error;
    }
    const note = `${input.departments.join('、')}: answer within ${input.limitHours} h${input.note ? `; ${input.note}` : ''}`;
    return applyCaseChange(
      context.manager,
      current,
      {},
      {
        action: 'WHISTLE',
        actorSubject: context.caller.subject,
        actorName: context.caller.name,
        note,
        now: context.now,
      },
    );
  },
});

/** A department answers a whistle (报到) with what it does; once only. An answer after the limit is kept and shows as late. */
export const answerWhistle = defineCommand({
  name: 'answerWhistle',
  input: answerWhistleInput,
  roles: WRITERS,
  run: async (input, context) => {
    const whistle = await recordForWrite(context.manager, CaseWhistle, input.whistleId, {
      identity: context.caller,
      field: 'input.whistleId',
      label: 'Whistle',
    });
    const result = await context.manager
      .createQueryBuilder()
      .update(CaseWhistle)
      .set({ answeredAt: context.now, answeredBy: context.caller.subject, answerAction: input.action })
      .where('id = :id AND answered_at IS NULL', { id: whistle.id })
      .execute();
    if (result.affected !== 1) throw conflict(`${whistle.department} has already answered this whistle`, 'input.whistleId');
    const current = await context.manager.findOneByOrFail(GridCase, { id: whistle.caseId });
    await applyCaseChange(
      context.manager,
      current,
      {},
      {
        action: 'ANSWER_WHISTLE',
        actorSubject: context.caller.subject,
        actorName: context.caller.name,
        note: `${whistle.department}: ${input.action}`,
        now: context.now,
      },
    );
    return Object.assign(whistle, { answeredAt: context.now, answeredBy: context.caller.subject, answerAction: input.action });
  },
});
