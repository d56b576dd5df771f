import { isUuid, pageSize, regionPrefix } from '../src';

describe('list arguments', () => {
  it('accepts region prefixes of 2 to 12 digits only, so a LIKE can never be widened', () => {
    expect(regionPrefix('52')).toBe('52');
    expect(regionPrefix('520201001001')).toBe('520201001001');
    for (const bad of ['5', '52%', '52_1', '5202010010011', '']) {
      expect(() => regionPrefix(bad)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'regionCode' } }));
    }
  });

  it('bounds page sizes', () => {
    expect(pageSize(undefined)).toBe(100);
    expect(pageSize(500)).toBe(500);
    expect(() => pageSize(0)).toThrow(/first/);
    expect(() => pageSize(501)).toThrow(/first/);
  });

  it('recognises uuids', () => {
    expect(isUuid('00000000-0000-4000-8000-000000000101')).toBe(true);
    expect(isUuid('not-a-uuid')).toBe(false);
  });
});
