import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { conflict, forbidden } from './errors';

/** Why a step may not be taken: the wrong party is FORBIDDEN whatever the state; the wrong state is a CONFLICT. */
export interface Problem {
  code: 'FORBIDDEN' | 'CONFLICT';
  message: string;
}

/** One step of a lifecycle: the states it may start from, where it goes, and which party takes it. */
export interface Transition<S extends string, P extends string> {
  from: readonly S[];
  to: S;
  by: P;
  /**
   * The step in the past tense for the CONFLICT message ("A wish cannot be given back from ON_WALL"),
   * when `pastTense` of the action's words would not read right (a verb with its object, an
   * irregular verb the rule does not know).
   */
  pastTense?: string;
}

export interface StateMachineDefinition<S extends string, A extends string, P extends string> {
  /** What the lifecycle is of, in messages ("case", "double report", "service order"). */
  subject: string;
  states: readonly S[];
  transitions: Record<A, Transition<S, P>>;
  /** Each party in words, for the FORBIDDEN message ("the reporter of the case"). */
  parties: Record<P, string>;
}

/**
 * A lifecycle stated once as a table (states, steps, who takes each), so rules, messages and tests
 * come from one place: cases, double reports, and later service orders, wishes and distributions.
 * `problem` is pure (unit-tested per action × state × party); `apply` writes a step with an
 * optimistic version check and its history row.
 */
export interface StateMachine<S extends string, A extends string, P extends string> extends StateMachineDefinition<S, A, P> {
  /** Why `action` may not be taken from `state` by someone who is the parties `isParty` says, or undefined. */
  problem(action: A, state: S, isParty: (party: P) => boolean): Problem | undefined;
  /** Throws the problem as a GraphQL error naming `field` (FORBIDDEN for the wrong party, CONFLICT for the wrong state), else returns the target state. */
  check(action: A, state: S, isParty: (party: P) => boolean, field: string): S;
  /** The actions a party could take from a state (what a front-end offers as buttons). */
  available(state: S, isParty: (party: P) => boolean): A[];
}

const words = (action: string) => action.toLowerCase().replace(/_/g, '-');

/** Verbs whose past participle the rule below would get wrong. */
const IRREGULAR: Record<string, string> = {
  withdraw: 'withdrawn',
  give: 'given',
  take: 'taken',
  send: 'sent',
  pay: 'paid',
  put: 'put',
  set: 'set',
  split: 'split',
  hold: 'held',
  write: 'written',
  undo: 'undone',
  admit: 'admitted',
  submit: 'submitted',
  commit: 'committed',
  refer: 'referred',
  transfer: 'transferred',
};

/** Prefixes joined to a verb by a hyphen in an action name (AUTO_CLOSE: auto-closed). */
const PREFIXES = new Set(['auto', 're', 'pre', 'co', 'self', 'counter']);

/**
 * The past participle of an action's verb, for messages: rate → rated, decline → declined, resolve →
 * resolved, carry → carried, cancel → cancelled and fulfil → fulfilled (British spelling doubles the
 * final l), stop → stopped, withdraw → withdrawn. A prefixed verb keeps its prefix (auto-close →
 * auto-closed); undefined for a verb with its object (start-mediation), which needs `pastTense`.
 */
export function pastTense(action: string): string | undefined {
  const parts = action
    .toLowerCase()
    .split(/[_\s-]+/)
    .filter(Boolean);
  if (parts.length === 2 && PREFIXES.has(parts[0]!)) return `${parts[0]}-${pastTense(parts[1]!)}`;
  if (parts.length !== 1) return undefined;
  const verb = parts[0]!;
  if (IRREGULAR[verb]) return IRREGULAR[verb];
  if (verb.endsWith('e')) return `${verb}d`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ied`;
  if (/[^aeiou][aeiou]l$/.test(verb)) return `${verb}led`;
  // One syllable ending consonant-vowel-consonant doubles the consonant (stop → stopped; not w, x, y).
  if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(verb)) return `${verb}${verb.at(-1)}ed`;
  return `${verb}ed`;
}

export function defineStateMachine<S extends string, A extends string, P extends string>(
  definition: StateMachineDefinition<S, A, P>,
): StateMachine<S, A, P> {
  for (const [action, step] of Object.entries(definition.transitions) as Array<[A, Transition<S, P>]>) {
    for (const state of [...step.from, step.to]) {
      if (!definition.states.includes(state)) throw new Error(`${definition.subject}: ${action} names unknown state ${state}`);
    }
  }
  const problem = (action: A, state: S, isParty: (party: P) => boolean): Problem | undefined => {
    const step = definition.transitions[action];
    if (!isParty(step.by))
      return { code: 'FORBIDDEN', message: `Only ${definition.parties[step.by]} may ${words(action)} this ${definition.subject}` };
    if (!step.from.includes(state)) {
      const past = step.pastTense ?? pastTense(action);
      const only = `only from ${step.from.join(' or ')}`;
      return {
        code: 'CONFLICT',
        message: past
          ? `A ${definition.subject} cannot be ${past} from ${state}; ${only}`
          : `The ${words(action)} step cannot be taken on a ${definition.subject} in ${state}; ${only}`,
      };
    }
    return undefined;
  };
  return {
    ...definition,
    problem,
    check(action, state, isParty, field) {
      const found = problem(action, state, isParty);
      if (found) throw found.code === 'FORBIDDEN' ? forbidden(found.message, field) : conflict(found.message, field);
      return definition.transitions[action].to;
    },
    available(state, isParty) {
      return (Object.keys(definition.transitions) as A[]).filter((a) => problem(a, state, isParty) === undefined);
    },
  };
}

/** A record with an optimistic version (incremented by every change; history rows are numbered by it). */
export interface Versioned extends ObjectLiteral {
  id: string;
  version: number;
}

export interface VersionedChange<T extends Versioned, H extends ObjectLiteral> {
  entity: EntityTarget<T>;
  current: T;
  change: Partial<T>;
  /** The input field named when someone else changed the record meanwhile. */
  field: string;
  /** The history row of this step, given the record before and after; its sequence is the new version. */
  history?: { entity: EntityTarget<H>; row: (before: T, after: T, version: number) => Partial<H> };
}

/**
 * Writes a change only if the record is still at the version that was read, and appends its history
 * row, inside the caller's transaction. Of two concurrent changes the second finds the version moved
 * and gets a CONFLICT, so its transaction writes nothing (exactly one of two racing accepts wins).
 */
export async function applyVersionedChange<T extends Versioned, H extends ObjectLiteral>(
  manager: EntityManager,
  step: VersionedChange<T, H>,
): Promise<T> {
  const { current } = step;
  const version = current.version + 1;
  const result = await manager
    .createQueryBuilder()
    .update(step.entity)
    .set({ ...step.change, version } as never)
    .where('id = :id AND version = :version', { id: current.id, version: current.version })
    .execute();
  if (result.affected !== 1) throw conflict(`The record was changed by someone else meanwhile; reload it and try again`, step.field);
  const next = Object.assign(Object.create(Object.getPrototypeOf(current) as object) as T, current, step.change, { version });
  if (step.history) await manager.insert(step.history.entity, step.history.row(current, next, version) as never);
  return next;
}
