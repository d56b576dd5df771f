import { redemptionCodeKey, redemptionIdOfCode, signRedemptionCode } from '../src/merchant/merchant.rules';

describe('redemption codes', () => {
  const key = redemptionCodeKey('a-secret-of-the-service');
  const id = '3f2b8c1e-8d7a-4c55-9e1f-0a1b2c3d4e5f';

  it('verifies a code it signed and refuses one altered, made up or signed under another key', () => {
    const code = signRedemptionCode(id, key);
    expect(redemptionIdOfCode(code, key)).toBe(id);
    const [, signature] = code.split('.');
    const flipped = signature!.startsWith('A') ? `B${signature!.slice(1)}` : `A${signature!.slice(1)}`;
    expect(redemptionIdOfCode(`${id}.${flipped}`, key)).toBeNull();
    expect(redemptionIdOfCode(`3f2b8c1e-8d7a-4c55-9e1f-0a1b2c3d4e50.${signature}`, key)).toBeNull();
    expect(redemptionIdOfCode(code, redemptionCodeKey('another-secret'))).toBeNull();
    expect(redemptionIdOfCode('not-a-code', key)).toBeNull();
    expect(redemptionIdOfCode(`${code}.extra`, key)).toBeNull();
  });
});
