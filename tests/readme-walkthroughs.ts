import { Kind, Lexer, parse, Source, TokenKind } from 'graphql';
import { ROLES } from '@gg/shared';

/**
 * Reads the README's walkthroughs, so a test can run them exactly as a reader would.
 *
 * The README marks each walkthrough with `<!-- walkthrough: its name -->` … `<!-- /walkthrough -->`.
 * Inside one, in order:
 * - each operation of a ```graphql block is a step, sent with the token of the role its comment names
 *   first (`# COMMUNITY_STAFF → ASSIGNED`); the comments of an operation are those from the end of the
 *   previous operation's line to the end of its own last line;
 * - that token is made by the README's own `npm run token -- …` command for the role: the last one
 *   written before the operation, else the first one after it (anywhere in the README);
 * - `"…"` in an operation is the `id` answered by the walkthrough's latest mutation that answered one;
 * - after `→` in the comment, each UPPER_CASE word (`REPORTED`, `CLOSED`) must be a value in the answer;
 * - `→ refused: BAD_USER_INPUT on input.amount` says the operation must be refused with that code, naming
 *   that field (the `on …` part is optional), as a reader trying it would see;
 * - a mutation answering a list carries the `id` of the list's first item;
 * - each command of a ```bash block is a step: `npm run token` commands must print a token, any other
 *   command (curl) must print a GraphQL answer without errors (run with the test gateway's URL).
 */

export interface TokenCommand {
  command: string;
  role: string;
  offset: number;
}

export type Step =
  | {
      kind: 'operation';
      text: string;
      role: string | undefined;
      token: TokenCommand | undefined;
      expected: string[];
      mutation: boolean;
      /** The error the operation must be refused with (its code, and the field it must name when given). */
      refused?: { code: string; field: string | undefined };
    }
  | { kind: 'command'; text: string; makesToken: boolean };

export interface Walkthrough {
  name: string;
  steps: Step[];
}

const ROLE_PATTERN = new RegExp(`\\b(${ROLES.join('|')})\\b`);
const TOKEN_COMMAND = /npm run (?:-s )?token -- [^\n`#)]*/g;
const BLOCK = /```(graphql|bash)\n([\s\S]*?)```/g;
const WALKTHROUGH = /<!-- walkthrough: ([^>]*?) -->([\s\S]*?)<!-- \/walkthrough -->/g;

export function tokenCommandsOf(readme: string): TokenCommand[] {
  return [...readme.matchAll(TOKEN_COMMAND)]
    .filter((m) => !m[0].includes('…')) // a command written about, not one to run
    .map((m) => {
      const command = m[0].trim();
      const role = /--role\s+(\S+)/.exec(command)?.[1] ?? 'CITY_ADMIN'; // the CLI's default role
      return { command, role, offset: m.index };
    });
}

/** The README's token command for a role, as seen from a place in the README. */
function tokenFor(commands: TokenCommand[], role: string, offset: number): TokenCommand | undefined {
  const forRole = commands.filter((c) => c.role === role);
  return forRole.filter((c) => c.offset < offset).pop() ?? forRole.find((c) => c.offset > offset);
}

/** Offsets where each line of the text ends. */
function endOfLine(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}

function operationSteps(block: string, blockOffset: number, commands: TokenCommand[]): Step[] {
  const document = parse(block);
  const comments: Array<{ at: number; text: string }> = [];
  const lexer = new Lexer(new Source(block));
  // The lexer links comment tokens into its chain but skips them in advance(): walk the chain.
  while (lexer.advance().kind !== TokenKind.EOF);
  for (let t = lexer.token.prev; t; t = t.prev) if (t.kind === TokenKind.COMMENT) comments.push({ at: t.start, text: t.value ?? '' });
  let from = 0;
  return document.definitions.map((definition) => {
    const loc = definition.loc!;
    const to = endOfLine(block, loc.end - 1);
    const comment = comments
      .filter((c) => c.at >= from && c.at <= to)
      .sort((a, b) => a.at - b.at)
      .map((c) => c.text)
      .join(' ');
    from = to;
    const role = ROLE_PATTERN.exec(comment)?.[1];
    const afterArrow = comment.split('→')[1] ?? '';
    const refusal = /refused:?\s+([A-Z_]+)(?:\s+on\s+([\w.]+))?/.exec(afterArrow);
    const expected = afterArrow
      .split(/[,(]/)
      .map((item) => item.trim())
      .filter((item) => /^[A-Z][A-Z_]+$/.test(item));
    return {
      kind: 'operation',
      text: block.slice(loc.start, loc.end),
      role,
      token: role ? tokenFor(commands, role, blockOffset + loc.start) : undefined,
      expected,
      mutation: definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'mutation',
      ...(refusal ? { refused: { code: refusal[1]!, field: refusal[2] } } : {}),
    } satisfies Step;
  });
}

function commandSteps(block: string): Step[] {
  return block
    .replace(/\s*\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((text) => ({ kind: 'command', text, makesToken: /^npm run (-s )?token -- /.test(text) }) satisfies Step);
}

export function readWalkthroughs(readme: string): Walkthrough[] {
  const commands = tokenCommandsOf(readme);
  return [...readme.matchAll(WALKTHROUGH)].map((w) => {
    const bodyOffset = w.index + w[0].indexOf(w[2]!);
    const steps = [...w[2]!.matchAll(BLOCK)].flatMap((b) => {
      const contentOffset = bodyOffset + b.index + b[0].indexOf(b[2]!);
      return b[1] === 'graphql' ? operationSteps(b[2]!, contentOffset, commands) : commandSteps(b[2]!);
    });
    return { name: w[1]!, steps };
  });
}

/** GraphQL blocks outside every walkthrough: examples nobody would run. */
export function graphqlOutsideWalkthroughs(readme: string): string[] {
  return [...readme.replace(WALKTHROUGH, '').matchAll(BLOCK)].filter((b) => b[1] === 'graphql').map((b) => b[2]!);
}

/** Every value in a GraphQL answer, for the `→ EXPECTED` checks. */
export function valuesOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(valuesOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(valuesOf);
  return [value];
}
