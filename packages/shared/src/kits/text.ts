import { z } from 'zod';

/**
 * Text input, one set of rules for the whole graph. Every kit trims, normalises to Unicode NFC (so
 * the same name typed on two phones is stored the same way), refuses blank, refuses characters no
 * person types, and counts length in characters (code points) as Postgres `varchar(n)` does.
 *
 * Refused everywhere: NUL, C0 and C1 control characters and DEL (Unicode Cc), invisible format
 * characters (Cf: bidirectional overrides and isolates U+202A–U+202E and U+2066–U+2069, marks
 * U+200E/U+200F/U+061C, zero-width space U+200B, word joiner U+2060, BOM U+FEFF, soft hyphen U+00AD,
 * tag characters…), lone surrogates (Cs), the line and paragraph separators U+2028/U+2029 and the
 * noncharacters U+FFFE/U+FFFF. Free text and notes keep line feeds and tabs (a carriage return is
 * turned into a line feed) and the zero-width joiners U+200C/U+200D, which emoji sequences and some
 * scripts need. Private-use characters are kept: some registries type rare name characters (生僻字)
 * with them.
 *
 * One rule for optional text (notes, descriptions, instructors…): leaving it out or sending null
 * means none; a blank or whitespace-only value is refused like any other blank, never stored and
 * never silently turned into null, so every service answers a blank note the same way.
 */

// ─── Characters ───────────────────────────────────────────────────────────────

/** Single-line text: no control character at all, no format character, no separator. */
const SINGLE_LINE_FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\uFFFE\uFFFF]/u;
/** Multi-line text: the same, but line feed, tab and the zero-width (non-)joiners are kept. */
const MULTI_LINE_FORBIDDEN = /(?![\n\t\u200C\u200D])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\uFFFE\uFFFF]/u;

const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** Which lines a text may span: names and codes are one line; free text and notes may have several. */
export type TextLines = 'single' | 'multi';

const hex = (codePoint: number) => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;

/** Words for a refused character, e.g. "a bidirectional control (U+202E)". */
export function describeCharacter(character: string): string {
  const codePoint = character.codePointAt(0)!;
  const at = hex(codePoint);
  if (codePoint === 0) return `a NUL character (${at})`;
  if (character === '\n' || character === '\r') return `a line break (${at}); this field is one line`;
  if (character === '\t') return `a tab (${at}); this field is one line`;
  if (/\p{Cc}/u.test(character)) return `a control character (${at})`;
  if (BIDI_CONTROLS.test(character)) return `a bidirectional control (${at})`;
  if (/\p{Cs}/u.test(character)) return `a lone surrogate (${at}), half of a broken character`;
  if (/[\p{Zl}\p{Zp}]/u.test(character)) return `a line or paragraph separator (${at})`;
  if (/\p{Cf}/u.test(character)) return `an invisible format character (${at})`;
  return `a noncharacter (${at})`;
}

/**
 * The first character of a text that no person types, described, or undefined when there is none.
 * Used by the text kits and by the platform guard that checks every string argument of every operation.
 */
export function forbiddenCharacterIn(value: string, lines: TextLines = 'single'): string | undefined {
  const match = (lines === 'single' ? SINGLE_LINE_FORBIDDEN : MULTI_LINE_FORBIDDEN).exec(value);
  return match ? describeCharacter(match[0]) : undefined;
}

/** Length in characters (code points), as Postgres counts `varchar(n)`; "𠀀" is one, not two. */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

// ─── Kits ─────────────────────────────────────────────────────────────────────

export interface TextOptions {
  /** Fewest characters after trimming (at least 1: blank is always refused). */
  min?: number;
  /** Most characters after trimming. */
  max?: number;
  /** How the field is named in messages, e.g. "a reason", "an address". */
  label?: string;
}

export interface CodeOptions extends TextOptions {
  /** The code's own shape, checked after the character rules, e.g. /^[A-Z0-9-]+$/. */
  pattern?: RegExp;
  /** Why a code not matching `pattern` is refused, e.g. "a grid code is upper-case letters, digits and '-'". */
  patternMessage?: string;
}

/**
 * Spaces (any Unicode space separator, U+3000 included), tabs and line breaks around a text are
 * dropped. Unlike `String.prototype.trim` this keeps a BOM or U+2028 at the ends, so they are
 * refused like anywhere else instead of silently removed.
 */
export function trimText(value: string): string {
  return value.replace(/^[\p{Zs}\t\n\r]+|[\p{Zs}\t\n\r]+$/gu, '');
}

/** Why a (trimmed) text is refused, or undefined: a character no person types, blank, or its length. */
export function textProblem(value: string, lines: TextLines, options: Required<TextOptions>): string | undefined {
  const { min, max, label } = options;
  const character = forbiddenCharacterIn(value, lines);
  if (character) return `${label} cannot hold ${character}: no person types it`;
  if (value.length === 0) return `${label} cannot be blank`;
  const count = characterCount(value);
  if (count < min) return `${label} has at least ${min} characters`;
  if (count > max) return `${label} has at most ${max} characters`;
  return undefined;
}

/** The schema every kit is made of: one line break form, trimmed, NFC, then `textProblem`. */
export function textInput(lines: TextLines, options: Required<TextOptions>) {
  if (options.min < 1 || options.max < options.min) throw new Error(`textInput: need 1 ≤ min ≤ max, got ${options.min}..${options.max}`);
  return z
    .string()
    .overwrite((value) => trimText(lines === 'multi' ? value.replace(/\r\n?/g, '\n') : value))
    .normalize('NFC')
    .superRefine((value, context) => {
      const problem = textProblem(value, lines, options);
      if (problem) context.addIssue({ code: 'custom', message: problem, input: value });
    });
}

/** The kit's defaults with the caller's options over them; an option given as undefined keeps its default. */
function withDefaults(defaults: Required<TextOptions>, options: TextOptions): Required<TextOptions> {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...defaults, ...given };
}

/** A person's name (a resident, a member, a cadre, an assignee): one line, 1–50 characters by default. */
export function personNameInput(options: TextOptions = {}) {
  return textInput('single', withDefaults({ min: 1, max: 50, label: 'a name' }, options));
}

/** The name of a thing (a grid, an organisation, a team, a company, a department, a post): one line, 2–100 by default. */
export function thingNameInput(options: TextOptions = {}) {
  return textInput('single', withDefaults({ min: 2, max: 100, label: 'a name' }, options));
}

/** Free text (a description, a reason, an action taken, an address): may span lines, 2–2000 by default. */
export function freeTextInput(options: TextOptions = {}) {
  return textInput('multi', withDefaults({ min: 2, max: 2000, label: 'a text' }, options));
}

/** A note for the record: may span lines, 1–1000 by default. Optional notes use `optionalText(noteInput())`. */
export function noteInput(options: TextOptions = {}) {
  return textInput('multi', withDefaults({ min: 1, max: 1000, label: 'a note' }, options));
}

/**
 * A code or number people copy from a paper or a screen (certificate and letter numbers, subjects,
 * keys): one line, no whitespace inside, 1–50 characters by default, then its own `pattern` if any.
 */
export function codeInput(options: CodeOptions = {}) {
  const { pattern, patternMessage, ...text } = options;
  const settings = withDefaults({ min: 1, max: 50, label: 'a code' }, text);
  const { label } = settings;
  return textInput('single', settings).superRefine((value, context) => {
    if (/\s/u.test(value)) context.addIssue({ code: 'custom', message: `${label} has no spaces inside`, input: value });
    else if (pattern && !pattern.test(value))
      context.addIssue({ code: 'custom', message: patternMessage ?? `${label} does not have the expected form`, input: value });
  });
}

/**
 * Optional text, the one rule for the whole graph: absent or null is stored as null; a blank value
 * is refused by the kit inside (leave the field out instead).
 */
export function optionalText<S extends z.ZodType<string, string>>(schema: S) {
  return schema.nullish().transform((value): z.output<S> | null => value ?? null);
}
