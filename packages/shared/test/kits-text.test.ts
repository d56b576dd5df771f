import fc from 'fast-check';
import { z } from 'zod';
import {
  codeInput,
  forbiddenCharacterIn,
  freeTextInput,
  noteInput,
  optionalText,
  parseInput,
  personNameInput,
  thingNameInput,
  type DomainError,
} from '../src';

/** The BAD_USER_INPUT error parseInput throws, or undefined when the value is accepted. */
function refusal(schema: z.ZodType, value: unknown) {
  try {
    parseInput(z.object({ field: schema }), { field: value });
    return undefined;
  } catch (error) {
    return error as DomainError;
  }
}

// Characters no person types, one of each kind the kits refuse.
const REFUSED = {
  NUL: '\u0000',
  BEL: '\u0007',
  ESC: '\u001B',
  DEL: '\u007F',
  'C1 (NEL)': '\u0085',
  'C1 (CSI)': '\u009B',
  LRE: '\u202A',
  RLO: '\u202E',
  LRI: '\u2066',
  PDI: '\u2069',
  LRM: '\u200E',
  'zero-width space': '\u200B',
  BOM: '\uFEFF',
  'soft hyphen': '\u00AD',
  'lone high surrogate': '\uD800',
  'lone low surrogate': '\uDC00',
  'line separator': '\u2028',
  noncharacter: '\uFFFF',
};

const KITS = {
  personNameInput: personNameInput(),
  thingNameInput: thingNameInput(),
  freeTextInput: freeTextInput(),
  noteInput: noteInput(),
  codeInput: codeInput(),
};

describe('text kits', () => {
  describe.each(Object.entries(KITS))('%s', (_kit, schema) => {
    it.each(Object.entries(REFUSED))('refuses %s anywhere, naming the field and the character', (_name, character) => {
      for (const value of [`${character}张三丰`, `张三${character}丰`, `张三丰${character}`]) {
        const error = refusal(schema, value);
        expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.field' });
        expect(error?.message).toContain(`U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
      }
    });

    it.each(['', ' ', '   ', '\u3000', ' \u00A0 '])('refuses blank %j', (value) => {
      expect(refusal(schema, value)?.message).toMatch(/cannot be blank/);
    });

    it('refuses what is not a string, naming the field', () => {
      for (const value of [12, true, {}, [], null]) expect(refusal(schema, value)?.extensions?.field).toBe('input.field');
    });

    it('trims', () => {
      expect(parseInput(schema, '  李明丽  ')).toBe('李明丽');
    });

    it('keeps any text of printable characters (property)', () => {
      const printable = fc
        .string({ unit: 'grapheme', minLength: 2, maxLength: 20 })
        .map((s) => s.trim())
        .filter((s) => [...s.normalize('NFC')].length >= 2 && forbiddenCharacterIn(s, 'single') === undefined && !/\s/u.test(s));
      fc.assert(fc.property(printable, (value) => parseInput(schema, value) === value.normalize('NFC')));
    });

    it('refuses any text holding a control character other than a line break or tab (property)', () => {
      const control = fc
        .integer({ min: 0, max: 0x9f })
        .filter((c) => (c < 0x20 || c >= 0x7f) && ![0x09, 0x0a, 0x0d].includes(c))
        .map((c) => String.fromCharCode(c));
      const text = fc.string({ maxLength: 10 }).filter((s) => forbiddenCharacterIn(s, 'single') === undefined);
      fc.assert(
        fc.property(text, control, text, (before, c, after) => {
          const error = refusal(schema, `张${before}${c}${after}三`);
          return error?.extensions?.code === 'BAD_USER_INPUT' && /control character|NUL/.test(error.message);
        }),
      );
    });
  });

  it('counts characters as Postgres does (a supplementary character is one)', () => {
    expect(parseInput(personNameInput({ max: 3 }), '𠀀𠀁𠀂')).toBe('𠀀𠀁𠀂');
    expect(refusal(personNameInput({ max: 3 }), '𠀀𠀁𠀂𠀃')?.message).toMatch(/at most 3 characters/);
  });

  it('keeps a default when an option is given as undefined', () => {
    expect(refusal(personNameInput({ max: undefined, label: undefined }), '名'.repeat(51))?.message).toMatch(/a name has at most 50/);
  });

  it('refuses over-long text, naming the maximum', () => {
    expect(refusal(thingNameInput(), '网'.repeat(101))?.message).toMatch(/a name has at most 100 characters/);
    expect(refusal(noteInput({ max: 500 }), '记'.repeat(501))?.message).toMatch(/a note has at most 500 characters/);
  });

  it('names and codes are one line; free text and notes keep line feeds and tabs', () => {
    expect(refusal(personNameInput(), '张\n三')?.message).toMatch(/line break \(U\+000A\); this field is one line/);
    expect(refusal(thingNameInput(), '网格\t一')?.message).toMatch(/tab/);
    expect(parseInput(freeTextInput(), '第一行\n\t第二行')).toBe('第一行\n\t第二行');
    expect(parseInput(noteInput(), '第一行\r\n第二行\r第三行')).toBe('第一行\n第二行\n第三行');
  });

  it('free text keeps emoji sequences joined with U+200D', () => {
    expect(parseInput(freeTextInput(), '谢谢 👨‍👩‍👧')).toBe('谢谢 👨‍👩‍👧');
    expect(refusal(personNameInput(), '张\u200D三')).toBeDefined();
  });

  it('normalises to NFC', () => {
    expect(parseInput(personNameInput(), 'Zoe\u0301')).toBe('Zoé');
  });

  it('codes have no spaces inside and may have their own pattern', () => {
    const gridCode = codeInput({ label: 'a grid code', pattern: /^[A-Z0-9-]+$/, patternMessage: "a grid code is A–Z, 0–9 and '-'" });
    expect(parseInput(gridCode, ' ZS-01 ')).toBe('ZS-01');
    expect(refusal(gridCode, 'ZS 01')?.message).toMatch(/a grid code has no spaces inside/);
    expect(refusal(gridCode, 'zs-01')?.message).toMatch(/A–Z, 0–9/);
  });

  it('optional text: absent or null is null; blank is refused like any blank', () => {
    const optional = optionalText(noteInput());
    expect(parseInput(optional, undefined)).toBeNull();
    expect(parseInput(optional, null)).toBeNull();
    expect(parseInput(optional, ' 已处理 ')).toBe('已处理');
    expect(refusal(optional, '   ')?.message).toMatch(/a note cannot be blank/);
    expect(refusal(optional, '\u0000')?.message).toMatch(/NUL/);
  });

  it('names a nested field by its path', () => {
    const schema = z.object({ members: z.array(z.object({ name: personNameInput() })) });
    try {
      parseInput(schema, { members: [{ name: '张三' }, { name: '李\u202E四' }] });
      throw new Error('accepted');
    } catch (error) {
      expect((error as DomainError).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.members.1.name' });
    }
  });
});
