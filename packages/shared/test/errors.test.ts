import { formatError, redactValues } from '../src/errors';

describe('coercion errors keep personal values out', () => {
  it('drops the quoted value and keeps the variable, path and reason', () => {
    expect(
      redactValues(
        'Variable "$i" got invalid value 52020119900307120 at "i.residentId"; String cannot represent a non string value: 52020119900307120',
      ),
    ).toBe('Variable "$i" got an invalid value at "i.residentId"; String cannot represent a non string value');
    expect(redactValues('Variable "$s" got invalid value "13812341234x"; Expected type "Int".')).toBe(
      'Variable "$s" got an invalid value; Expected type "Int".',
    );
    expect(redactValues('String cannot represent a non string value: 52020119900307123')).toBe(
      'String cannot represent a non string value',
    );
    expect(redactValues('Expected value of type "Int!", found "张三".')).toBe('Expected value of type "Int!"');
  });

  it('applies to input errors in formatError, not to other messages', () => {
    const format = formatError(false);
    const coerced = format({ message: 'String cannot represent a non string value: 520201', extensions: { code: 'BAD_USER_INPUT' } }, null);
    expect(coerced.message).toBe('String cannot represent a non string value');
    const other = format({ message: 'Case 42 is outside your scope', extensions: { code: 'FORBIDDEN' } }, null);
    expect(other.message).toBe('Case 42 is outside your scope');
  });
});
