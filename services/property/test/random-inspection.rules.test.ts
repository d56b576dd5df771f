import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { canonicalInspectors, drawCountsProblem, drawInspection, drawSample } from '../src/random-inspection/random-inspection.rules';

const candidatesAndCount = fc
  .uniqueArray(fc.uuid(), { minLength: 1, maxLength: 60 })
  .chain((ids) => fc.tuple(fc.constant(ids.sort()), fc.integer({ min: 0, max: ids.length }), fc.string({ minLength: 1, maxLength: 20 })));

describe('the seeded draw (双随机)', () => {
  it('draws count distinct candidates, the same ones for the same seed and candidates', () => {
    fc.assert(
      fc.property(candidatesAndCount, ([ids, count, seed]) => {
        const picks = drawSample(seed, 'companies', ids, count);
        expect(picks).toHaveLength(count);
        expect(new Set(picks).size).toBe(count);
        for (const pick of picks) expect(ids).toContain(pick);
        expect(drawSample(seed, 'companies', ids, count)).toEqual(picks);
      }),
    );
  });

  it('does not depend on the order the candidates were listed in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ name: fc.string({ minLength: 1, maxLength: 5 }), unit: fc.constantFrom('住建局', '组织部', '物业行业党委') }),
          {
            minLength: 2,
            maxLength: 30,
            selector: (i) => `${i.unit}|${i.name}`,
          },
        ),
        fc.uniqueArray(fc.uuid(), { minLength: 2, maxLength: 30 }),
        fc.string({ minLength: 1 }),
        (inspectors, companyIds, seed) => {
          const counts = { companies: 1 + (companyIds.length >> 1), inspectors: 1 + (inspectors.length >> 1) };
          const once = drawInspection(seed, { companyIds, inspectors }, counts);
          const reversed = drawInspection(seed, { companyIds: [...companyIds].reverse(), inspectors: [...inspectors].reverse() }, counts);
          expect(reversed).toEqual(once);
        },
      ),
    );
  });

  it('follows the published recipe: SHA-256("<seed>|<stream>|<k>") and a partial Fisher–Yates shuffle', () => {
    // Recomputed here from the description in the SDL, so a change of the algorithm (which would make
    // published draws irreproducible) fails this test.
    const candidates = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const seed = '2026-11-30 钟山区住建局 摇号';
    const pool = [...candidates];
    let k = 0;
    for (let i = 0; i < 3; i++) {
      const n = pool.length - i;
      const limit = 2 ** 48 - (2 ** 48 % n);
      let value: number;
      do value = createHash('sha256').update(`${seed}|companies|${k++}`).digest().readUIntBE(0, 6);
      while (value >= limit);
      const j = i + (value % n);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    expect(drawSample(seed, 'companies', candidates, 3)).toEqual(pool.slice(0, 3));
  });

  it('spreads picks over all candidates (every one of 5 is drawn first for some seed among 200)', () => {
    const firsts = new Set(Array.from({ length: 200 }, (_, i) => drawSample(`seed-${i}`, 'companies', ['a', 'b', 'c', 'd', 'e'], 1)[0]));
    expect(firsts.size).toBe(5);
  });

  it('orders inspectors by unit, then name, and refuses counts beyond the candidates', () => {
    expect(
      canonicalInspectors([
        { name: '乙', unit: 'B' },
        { name: '甲', unit: 'B' },
        { name: '丙', unit: 'A' },
      ]).map((i) => i.name),
    ).toEqual(['丙', '乙', '甲']); // 乙 U+4E59 before 甲 U+7532: code units, not pinyin
    expect(drawCountsProblem({ companies: 3, inspectors: 5 }, { companies: 4, inspectors: 2 })?.field).toBe('companyCount');
    expect(drawCountsProblem({ companies: 3, inspectors: 5 }, { companies: 3, inspectors: 6 })?.field).toBe('inspectorCount');
    expect(drawCountsProblem({ companies: 3, inspectors: 5 }, { companies: 3, inspectors: 5 })).toBeUndefined();
  });
});
