import { parentRegionOf as parentCodeOf, regionLevelOf as levelOfCode } from '@gg/shared';
import { divisionCodeOf, regionVisible } from '../src/region/region.rules';

describe('region codes', () => {
  it('derives the level from the code length', () => {
    expect(levelOfCode('52')).toBe('PROVINCE');
    expect(levelOfCode('5202')).toBe('CITY');
    expect(levelOfCode('520201')).toBe('COUNTY');
    expect(levelOfCode('520201001')).toBe('STREET');
    expect(levelOfCode('520201001001')).toBe('COMMUNITY');
    expect(levelOfCode('52020')).toBeUndefined();
    expect(levelOfCode('52a201')).toBeUndefined();
  });

  it('cuts a code to its parent level', () => {
    expect(parentCodeOf('520201001001')).toBe('520201001');
    expect(parentCodeOf('520201001')).toBe('520201');
    expect(parentCodeOf('520201')).toBe('5202');
    expect(parentCodeOf('5202')).toBe('52');
    expect(parentCodeOf('52')).toBeNull();
  });

  it('pads to the published division code', () => {
    expect(divisionCodeOf('52')).toBe('520000');
    expect(divisionCodeOf('5202')).toBe('520200');
    expect(divisionCodeOf('520201')).toBe('520201');
    expect(divisionCodeOf('520201001')).toBe('520201001000');
  });

  it('shows regions inside a scope and the ancestors of the scope, nothing else', () => {
    expect(regionVisible('520201001', ['520201'])).toBe(true);
    expect(regionVisible('5202', ['520201'])).toBe(true);
    expect(regionVisible('520322', ['520201'])).toBe(false);
    expect(regionVisible('5203', ['520201'])).toBe(false);
  });
});
