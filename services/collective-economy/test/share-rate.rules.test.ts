import fc from 'fast-check';
import { basisPointsOf, percentOf } from '../src/distribution/share-rate.rules';

describe('the community share rate as people write it', () => {
  it('reads every percentage of 0–100% with up to two decimals exactly, and writes it back', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10_000n }), (basisPoints) => {
        const text = percentOf(basisPoints);
        expect(text).toMatch(/^\d{1,3}\.\d{2}$/);
        expect(basisPointsOf(text)).toEqual({ basisPoints });
      }),
    );
    expect(basisPointsOf('20')).toEqual({ basisPoints: 2000n });
    expect(basisPointsOf('12.5')).toEqual({ basisPoints: 1250n });
    expect(basisPointsOf('0.01')).toEqual({ basisPoints: 1n });
    expect(basisPointsOf('100')).toEqual({ basisPoints: 10_000n });
  });

  it.each(['100.01', '101', '20.001', '-1', '+5', '1e1', '20%', '', ' 20', '.5', '5.', '０', '0x10', '1,5'])('refuses %p', (text) => {
    expect(basisPointsOf(text)).toEqual({ problem: expect.any(String) });
  });
});
