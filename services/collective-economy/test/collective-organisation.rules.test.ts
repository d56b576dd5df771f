import { createCollectiveOrganisationInput } from '../src/collective-organisation/collective-organisation.inputs';
import { foundedOnProblem, todayInChina } from '../src/collective-organisation/collective-organisation.rules';

const valid = { name: '康友家政', regionCode: '522627001001', foundedOn: '2023-04-18' };

function problemOf(input: Record<string, unknown>): { path: string; message: string } | undefined {
  const result = createCollectiveOrganisationInput.safeParse(input);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  return { path: issue.path.join('.'), message: issue.message };
}

describe('collective organisation input', () => {
  it('defaults to no business lines, zero capital and a 50,000.00 yuan income target, and trims the name', () => {
    expect(createCollectiveOrganisationInput.parse({ ...valid, name: '  康友家政  ' })).toEqual({
      ...valid,
      businessLines: [],
      registeredCapitalFen: '0',
      annualIncomeTarget: 5_000_000n,
    });
  });

  it('keeps money as exact digits, without leading zeros', () => {
    expect(createCollectiveOrganisationInput.parse({ ...valid, registeredCapitalFen: '999999999999999' }).registeredCapitalFen).toBe(
      '999999999999999',
    );
    expect(createCollectiveOrganisationInput.parse({ ...valid, registeredCapitalFen: '000120' }).registeredCapitalFen).toBe('120');
  });

  it.each(['', '12.50', '-1', '1e5', '+5', ' 5', '1000000000000000'])('refuses the amount %p', (amount) => {
    expect(problemOf({ ...valid, registeredCapitalFen: amount })?.path).toBe('registeredCapitalFen');
  });

  it('needs a 2–100 character name', () => {
    expect(problemOf({ ...valid, name: ' 康 ' })?.path).toBe('name');
    expect(problemOf({ ...valid, name: '家'.repeat(101) })?.path).toBe('name');
    expect(problemOf({ ...valid, name: '家'.repeat(100) })).toBeUndefined();
  });

  it('belongs to a community: a 12-digit code', () => {
    expect(problemOf({ ...valid, regionCode: '522627001' })?.path).toBe('regionCode');
    expect(problemOf({ ...valid, regionCode: '52262700100x' })?.path).toBe('regionCode');
  });

  it('takes at most 10 business lines, each once', () => {
    expect(problemOf({ ...valid, businessLines: ['HOUSEKEEPING', 'LEASING'] })).toBeUndefined();
    expect(problemOf({ ...valid, businessLines: ['HOUSEKEEPING', 'LEASING', 'HOUSEKEEPING'] })).toEqual({
      path: 'businessLines',
      message: 'a business line is listed once',
    });
    expect(problemOf({ ...valid, businessLines: Array(11).fill('OTHER') })).toEqual({
      path: 'businessLines',
      message: 'at most 10 business lines',
    });
    expect(problemOf({ ...valid, businessLines: ['FARMING'] })?.path).toBe('businessLines.0');
  });

  it('needs a real calendar date', () => {
    expect(problemOf({ ...valid, foundedOn: '2023-02-30' })?.path).toBe('foundedOn');
    expect(problemOf({ ...valid, foundedOn: '2023-4-18' })?.path).toBe('foundedOn');
  });
});

describe('founding date', () => {
  it('may be today or earlier, never later', () => {
    expect(foundedOnProblem('2026-11-23', '2026-11-23')).toBeUndefined();
    expect(foundedOnProblem('1999-12-31', '2026-11-23')).toBeUndefined();
    expect(foundedOnProblem('2026-11-24', '2026-11-23')).toBe('the founding date 2026-11-24 is after today (2026-11-23)');
    expect(foundedOnProblem('2027-01-01', '2026-12-31')).toBeDefined();
  });

  it('counts days on the China calendar (UTC+8)', () => {
    expect(todayInChina(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(todayInChina(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
    expect(todayInChina(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });
});
