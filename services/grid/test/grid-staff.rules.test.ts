import { endProblem } from '../src/grid-staff/grid-staff.rules';
import { leaderProblem } from '../src/ten-household-unit/ten-household-unit.rules';

describe('ending an appointment', () => {
  const appointed = new Date('2026-03-01T00:00:00Z');
  const now = new Date('2026-11-23T08:00:00Z');

  it('ends between the appointment and now, allowing a minute of clock difference', () => {
    expect(endProblem(appointed, appointed, now)).toBeUndefined();
    expect(endProblem(appointed, new Date(now.getTime() + 30_000), now)).toBeUndefined();
    expect(endProblem(appointed, new Date('2026-02-28T23:59:59Z'), now)).toMatch(/before it began/);
    expect(endProblem(appointed, new Date(now.getTime() + 61_000), now)).toMatch(/future/);
  });

  it('keeps a person whose appointment ended from leading a unit', () => {
    expect(leaderProblem('g1', { gridId: 'g1', role: 'HOUSEHOLD_LEADER', endedAt: null })).toBeUndefined();
    expect(leaderProblem('g1', { gridId: 'g1', role: 'HOUSEHOLD_LEADER', endedAt: now })).toMatch(/ended/);
  });
});
