import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckCharacter,
  creditCodeProblem,
  normaliseCreditCode,
} from '../src/property-company/property-company.rules';
import { createPropertyCompanyInput } from '../src/property-company/property-company.inputs';

/** The example printed with GB 32100-2015 and widely quoted; the implementation was checked on it first. */
const STANDARD_EXAMPLE = '91350100M000100Y43';

/** Published codes of well-known enterprises (business licences, public registries). */
const PUBLISHED = [
  '91440300708461136T', // 深圳市腾讯计算机系统有限公司
  '914403001922038216', // 华为技术有限公司
  '91330100716105852F', // 阿里巴巴(中国)有限公司
  '91110000802100433B', // 北京百度网讯科技有限公司
];

/** Codes made with this implementation for the demo data (real county division codes). */
const GENERATED = ['91520201MA6DN2Q4XY', '91520322MA6HT0C53Q', '91522627MA6GR8W2PE', '91320925MA1MY5J6UH'];

const valid = { name: '明湖物业服务有限公司', creditCode: STANDARD_EXAMPLE, regionCode: '520201001001' };

describe('unified social credit code', () => {
  it('accepts the standard example and published codes', () => {
    for (const code of [STANDARD_EXAMPLE, ...PUBLISHED, ...GENERATED]) expect(creditCodeProblem(code)).toBeUndefined();
  });

  it('computes the check character from the first 17 characters', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckCharacter('91440300708461136')).toBe('T');
    expect(creditCodeCheckCharacter('91330100716105852')).toBe('F');
  });

  it('writes a check value of 31 as 0', () => {
    // 17 zeros weigh 0, so 31 − 0 = 31, which the standard writes as 0.
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
    expect(creditCodeProblem('91520201MA6DN2Q4K0')).toBeUndefined();
    expect(creditCodeProblem('91520201MA6DN2Q4KY')).toMatch(/require "0"/);
  });

  it('refuses a wrong length and says so', () => {
    expect(creditCodeProblem(STANDARD_EXAMPLE.slice(0, 17))).toMatch(/18 characters, not 17/);
    expect(creditCodeProblem(`${STANDARD_EXAMPLE}0`)).toMatch(/18 characters, not 19/);
    expect(creditCodeProblem('')).toMatch(/18 characters, not 0/);
  });

  it('refuses illegal characters and names the position', () => {
    for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
      const code = `91350100M000100${letter}43`;
      expect(creditCodeProblem(code)).toMatch(new RegExp(`character 16 \\("${letter}"\\) is not allowed`));
    }
    expect(creditCodeProblem('91350100m000100Y43')).toMatch(/character 9 \("m"\) is not allowed/);
    expect(creditCodeProblem('91350100-000100Y43')).toMatch(/character 9/);
  });

  it('refuses a bad registration authority or division code', () => {
    expect(creditCodeProblem('H1350100M000100Y43')).toMatch(/registration authority/);
    expect(creditCodeProblem('9135A100M000100Y43')).toMatch(/division code/);
  });

  it('refuses a wrong check character and gives the expected one', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('the check character is "4" but the first 17 characters require "3"');
    expect(creditCodeProblem('91440300708461136U')).toMatch(/check character is "U".*require "T"/);
  });

  it('catches a single changed character and two swapped neighbours', () => {
    for (const code of [STANDARD_EXAMPLE, ...PUBLISHED]) {
      const body = code.slice(0, 17);
      // Change one character of the body to the next one in the charset.
      const i = 10;
      const changed = body.slice(0, i) + CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(body[i]!) + 1) % 31] + body.slice(i + 1);
      expect(creditCodeProblem(changed + code[17])).toMatch(/check character/);
      // Swap two different neighbours in the organisation code.
      const j = [...Array(8).keys()].map((k) => k + 8).find((k) => body[k] !== body[k + 1])!;
      const swapped = body.slice(0, j) + body[j + 1] + body[j] + body.slice(j + 2);
      expect(creditCodeProblem(swapped + code[17])).toMatch(/check character/);
    }
  });

  it('normalises to upper case before checking', () => {
    expect(normaliseCreditCode(' 91350100m000100y43 ')).toBe(STANDARD_EXAMPLE);
  });
});

describe('create property company input', () => {
  it('parses a valid input, normalising the code and defaulting the Party fields', () => {
    const parsed = createPropertyCompanyInput.parse({ ...valid, creditCode: '91350100m000100y43' });
    expect(parsed).toEqual({ ...valid, creditCode: STANDARD_EXAMPLE, hasPartyOrganisation: false, partyBuildingInstructor: null });
  });

  it('names the offending field', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...valid, name: '物' }, 'name'],
      [{ ...valid, name: '物'.repeat(101) }, 'name'],
      [{ ...valid, creditCode: '91350100M000100Y44' }, 'creditCode'],
      [{ ...valid, regionCode: '5202' }, 'regionCode'],
      [{ ...valid, regionCode: '5202010010' }, 'regionCode'],
      [{ ...valid, partyBuildingInstructor: '王'.repeat(51) }, 'partyBuildingInstructor'],
      [{ ...valid, partyBuildingInstructor: '  ' }, 'partyBuildingInstructor'],
    ];
    for (const [input, field] of cases) {
      const result = createPropertyCompanyInput.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual([field]);
    }
  });

  it('accepts registration at county, street and community level', () => {
    for (const regionCode of ['520201', '520201001', '520201001001']) {
      expect(createPropertyCompanyInput.safeParse({ ...valid, regionCode }).success).toBe(true);
    }
  });
});
