import { proximityOf, rankCandidates, scoreCandidate } from '../src/assignment-suggestion/assignment-suggestion.rules';

const home = '520201001001';
const offer = { communityCode: home, skills: ['理论宣讲', 'CPR '], wish: '想参加环保和便民维修' };

describe('the double-report suggestion rule', () => {
  it('scores where a grid or team is: own community > own street > own county, nothing outside the county', () => {
    expect(proximityOf(home, home)).toBe('COMMUNITY');
    expect(proximityOf(home, '520201001002')).toBe('STREET');
    expect(proximityOf(home, '520201001')).toBe('STREET');
    expect(proximityOf(home, '520201002001')).toBe('COUNTY');
    expect(proximityOf(home, '520322001001')).toBeUndefined();
    const ranked = rankCandidates(
      offer,
      [
        { id: 'county', regionCode: '520201002001' },
        { id: 'elsewhere', regionCode: '520322001001' },
        { id: 'street', regionCode: '520201001002' },
        { id: 'own', regionCode: home },
      ],
      5,
    );
    expect(ranked.map((s) => [s.id, s.rank, s.score])).toEqual([
      ['own', 1, 30],
      ['street', 2, 20],
      ['county', 3, 10],
    ]);
    expect(ranked[0]!.reasons).toEqual(["+30: in the member's own community (520201001001)"]);
  });

  it('adds shared skills, skills the wish names and a fitting category, each with its reason', () => {
    const team = { id: 't', regionCode: '520201001002', category: 'CARE', skills: ['cpr', '便民维修'] };
    expect(scoreCandidate(offer, team)).toEqual({
      id: 't',
      score: 20 + 10 + 5 + 5,
      reasons: [
        "+20: in the member's street (520201001002)",
        "+10: the member's skill CPR is one of the team's",
        "+5: the member's wish mentions the team's 便民维修",
        '+5: 维修 fits a CARE team',
      ],
    });
    // Skills outweigh a nearer team without them; equal scores keep the given order; the limit cuts.
    const ranked = rankCandidates(offer, [{ id: 'near', regionCode: home }, team, { id: 'near2', regionCode: home }], 2);
    expect(ranked.map((s) => s.id)).toEqual(['t', 'near']);
  });
});
