import { badInput, conflict, countyOf, defineCommand, forbidden, isUniqueViolation, recordForWrite } from '@gg/shared';
import { whistleTypeOf } from '../whistle-list/whistle-list.setting';
import { answerProblem, blowProblem } from '../whistle-list/whistle-list.rules';
import { applyCaseChange, caseForWrite, fail } from './case.commands';
import { reportingInCommunityOf, requireCaseDepartment } from './case.departments';
import { CaseWhistle, GridCase } from './case.entity';
import { answerWhistleInput, blowWhistleInput } from './case.inputs';
import { HOUR_MS } from './case.rules';
import { answerStateProblem, WHISTLE_ROLES, whistleProblem } from './case.whistle.rules';

/** The target of a whistle to the community's reporting-in Party members (one per case). */
const PARTY_MEMBERS = 'PARTY_MEMBERS';

/**
 * Blows the whistle on a case (吹哨) by a type of the county's whistle list: street staff blow the
 * street's types, community staff the community's. A department type names 1–10 departments of the
 * case's county, each to answer within the limit (the type's when none is given); a Party-member
 * type calls the community's reporting-in members. One whistle per target and case (CONFLICT).
 */
export const blowWhistle = defineCommand({
  name: 'blowWhistle',
  input: blowWhistleInput,
  roles: WHISTLE_ROLES,
  run: async (input, context) => {
    const current = await caseForWrite(context, input.caseId);
    const type = await whistleTypeOf(context.manager, countyOf(current.regionCode)!, input.whistleType);
    if (!type) throw badInput('input.whistleType', `input.whistleType: the county's whistle list has no type ${input.whistleType}`);
    const refused = blowProblem(type, context.caller.roles);
    if (refused) throw forbidden(refused, 'input.whistleType');
    if (type.answeredBy === 'DEPARTMENT' && input.departmentIds.length === 0)
      throw badInput('input.departmentIds', `input.departmentIds: a ${type.code} whistle names 1–10 departments`);
    if (type.answeredBy === 'PARTY_MEMBER' && input.departmentIds.length > 0)
      throw badInput(
        'input.departmentIds',
        `input.departmentIds: a ${type.code} whistle is answered by reporting-in Party members, not departments`,
      );
    for (const [i, id] of input.departmentIds.entries())
      await requireCaseDepartment(context.manager, current, id, `input.departmentIds.${i}`);
    const problem = whistleProblem(current);
    if (problem) fail(problem);
    const limitHours = input.limitHours ?? type.answerHours;
    const answerBy = new Date(context.now.getTime() + limitHours * HOUR_MS);
    const targets =
      type.answeredBy === 'DEPARTMENT'
        ? input.departmentIds.map((id) => ({ target: id, departmentId: id }))
        : [{ target: PARTY_MEMBERS, departmentId: null }];
    try {
      // A savepoint, so a target already whistled is a CONFLICT and nothing else is tried.
      await context.manager.transaction((manager) =>
        manager.insert(
          CaseWhistle,
          targets.map(({ target, departmentId }) => ({
            caseId: current.id,
            regionCode: current.regionCode,
            target,
            departmentId,
            department: null,
            whistleType: type.code,
            answerer: type.answeredBy,
            blownBy: context.caller.subject,
            blownAt: context.now,
            answerBy,
            note: input.note ?? null,
            answeredAt: null,
            answeredBy: null,
            answerAction: null,
            flaggedAt: null,
            withdrawnAt: null,
          })),
        ),
      );
    } catch (error) {
      if (isUniqueViolation(error)) {
        const field = type.answeredBy === 'DEPARTMENT' ? 'input.departmentIds' : 'input.whistleType';
        throw conflict('A whistle was already blown on this case to one of these departments (or its Party members)', field);
      }
      throw error;
    }
    const to = type.answeredBy === 'DEPARTMENT' ? `${targets.length} department(s)` : 'reporting-in Party members';
    const note = `${type.code} ${type.name} → ${to}: answer within ${limitHours} h${input.note ? `; ${input.note}` : ''}`;
    return applyCaseChange(
      context.manager,
      current,
      {},
      { action: 'WHISTLE', actorSubject: context.caller.subject, actorName: context.caller.name, note, now: context.now },
    );
  },
});

/**
 * Answers a whistle (报到) with what is done; once only. Only the staff of the department whistled to
 * (DEPARTMENT_STAFF with its id in their token), or for a Party-member whistle a Party member whose
 * double report was assigned in the case's community: anyone else is FORBIDDEN. An answer after the limit is kept and shows late.
 * A whistle withdrawn with its case (the case resolved, closed or rejected first) is not answered: CONFLICT.
 */
export const answerWhistle = defineCommand({
  name: 'answerWhistle',
  input: answerWhistleInput,
  roles: ['DEPARTMENT_STAFF', 'PARTY_MEMBER'],
  run: async (input, context) => {
    const whistle = await recordForWrite(context.manager, CaseWhistle, input.whistleId, {
      identity: context.caller,
      field: 'input.whistleId',
      label: 'Whistle',
    });
    const reportsTo = await reportingInCommunityOf(context.manager, context.caller);
    const refused = answerProblem(whistle, { ...context.caller, reportsTo });
    if (refused) throw forbidden(refused, 'input.whistleId');
    const state = answerStateProblem(whistle);
    if (state) throw conflict(state.message, 'input.whistleId');
    // The case's row first, as a change of the case takes it before its whistles' (applyCaseChange):
    // an answer racing the case's resolution waits for it instead of deadlocking with it, then finds
    // the whistle withdrawn (CONFLICT), or goes first and the resolution finds the version moved.
    // FOR NO KEY UPDATE: the lock its own update of the case takes, no stronger.
    const current = await context.manager
      .getRepository(GridCase)
      .createQueryBuilder('c')
      .setLock('for_no_key_update')
      .where('c.id = :id', { id: whistle.caseId })
      .getOneOrFail();
    const result = await context.manager
      .createQueryBuilder()
      .update(CaseWhistle)
      .set({ answeredAt: context.now, answeredBy: context.caller.subject, answerAction: input.action })
      .where('id = :id AND answered_at IS NULL AND withdrawn_at IS NULL', { id: whistle.id })
      .execute();
    if (result.affected !== 1) {
      // Answered, or withdrawn with its case, by a transaction that committed since it was read.
      const now = await context.manager.findOneByOrFail(CaseWhistle, { id: whistle.id });
      throw conflict((answerStateProblem(now) ?? { message: 'This whistle has already been answered' }).message, 'input.whistleId');
    }
    await applyCaseChange(
      context.manager,
      current,
      {},
      {
        action: 'ANSWER_WHISTLE',
        actorSubject: context.caller.subject,
        actorName: context.caller.name,
        note: `${whistle.whistleType ?? whistle.department ?? ''}: ${input.action}`,
        now: context.now,
      },
    );
    return Object.assign(whistle, { answeredAt: context.now, answeredBy: context.caller.subject, answerAction: input.action });
  },
});
