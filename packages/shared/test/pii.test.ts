import {
  decryptPersonal,
  encryptPersonal,
  lookupHash,
  maskAddress,
  maskName,
  maskPhone,
  maskResidentId,
  residentIdCheckCharacter,
  residentIdProblem,
} from '../src/pii';

/** A valid ID built from its first 17 digits. */
const validId = (first17: string) => first17 + residentIdCheckCharacter(first17);

describe('masking', () => {
  it('masks names, phones, resident IDs and addresses', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskResidentId('52020119900307123X')).toBe('520201**********3X');
    expect(maskAddress('钟山区荷城街道明湖社区3栋2单元501')).toBe('钟山区荷城街********');
  });
});

describe('resident ID numbers (GB 11643)', () => {
  it('computes the ISO 7064 MOD 11-2 check character', () => {
    // The standard's own example: 11010519491231002X.
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(residentIdProblem('11010519491231002X')).toBeUndefined();
    expect(residentIdProblem('11010519491231002x')).toBeUndefined();
  });

  it('refuses wrong length, characters, dates and check characters', () => {
    expect(residentIdProblem('1101051949123100')).toMatch(/18 characters/);
    expect(residentIdProblem('11010519491231A02X')).toMatch(/17 digits/);
    expect(residentIdProblem(validId('52020119900230123'))).toMatch(/birth date/);
    expect(residentIdProblem(validId('52020130000101123'), new Date('2026-11-23'))).toMatch(/birth date/);
    expect(residentIdProblem('110105194912310021')).toMatch(/check character/);
  });
});

describe('encryption at rest', () => {
  const key = 'a'.repeat(64);
  it('round-trips, uses a fresh nonce each time and detects tampering', () => {
    const a = encryptPersonal('11010519491231002X', key);
    const b = encryptPersonal('11010519491231002X', key);
    expect(a).not.toBe(b);
    expect(a).not.toContain('11010519491231002X');
    expect(decryptPersonal(a, key)).toBe('11010519491231002X');
    const [v, n, t, d] = a.split(':');
    const tampered = [v, n, t, Buffer.from('x' + Buffer.from(d!, 'base64').toString('latin1'), 'latin1').toString('base64')].join(':');
    expect(() => decryptPersonal(tampered, key)).toThrow();
    expect(() => decryptPersonal(a, 'b'.repeat(64))).toThrow();
  });

  it('hashes for exact look-up, case-insensitively, and depends on the key', () => {
    expect(lookupHash('11010519491231002x', 'k1')).toBe(lookupHash('11010519491231002X', 'k1'));
    expect(lookupHash('11010519491231002X', 'k1')).not.toBe(lookupHash('11010519491231002X', 'k2'));
  });
});
