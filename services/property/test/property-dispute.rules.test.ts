import { closingProblem, disputeLifecycle, DISPUTE_STATUSES, mediatorsProblem } from '../src/property-dispute/property-dispute.rules';

describe('"3+X" dispute rules', () => {
  it('asks for housing, justice and the court, a named OTHER body, and no body twice', () => {
    const three = [{ kind: 'HOUSING' as const }, { kind: 'JUSTICE' as const }, { kind: 'COURT' as const }];
    expect(mediatorsProblem(three)).toBeUndefined();
    expect(mediatorsProblem([...three, { kind: 'OTHER', body: '人民调解委员会' }, { kind: 'OTHER', body: '派出所' }])).toBeUndefined();
    expect(mediatorsProblem(three.slice(1))).toMatch(/missing HOUSING/);
    expect(mediatorsProblem([])).toMatch(/missing HOUSING, JUSTICE, COURT/);
    expect(mediatorsProblem([...three, { kind: 'OTHER' }])).toMatch(/OTHER names its body/);
    expect(mediatorsProblem([...three, { kind: 'COURT' }])).toMatch(/COURT is listed twice/);
    expect(mediatorsProblem([...three, { kind: 'OTHER', body: '派出所' }, { kind: 'OTHER', body: '派出所' }])).toMatch(/listed twice/);
  });

  it('closes a filed dispute only as withdrawn, and never before it was filed', () => {
    expect(closingProblem({ status: 'FILED', filedOn: '2025-03-01' }, 'WITHDRAWN', '2025-03-01')).toBeUndefined();
    expect(closingProblem({ status: 'FILED', filedOn: '2025-03-01' }, 'AGREEMENT_REACHED', '2025-03-02')?.field).toBe('outcome');
    expect(closingProblem({ status: 'MEDIATING', filedOn: '2025-03-01' }, 'AGREEMENT_REACHED', '2025-03-02')).toBeUndefined();
    expect(closingProblem({ status: 'MEDIATING', filedOn: '2025-03-01' }, 'NO_AGREEMENT', '2025-02-28')?.field).toBe('closedOn');
  });

  it('moves FILED → MEDIATING → CLOSED and nothing else', () => {
    const allowed = DISPUTE_STATUSES.flatMap((state) =>
      disputeLifecycle.available(state, () => true).map((action) => `${state}:${action}`),
    );
    expect(allowed.sort()).toEqual(['FILED:CLOSE', 'FILED:START_MEDIATION', 'MEDIATING:CLOSE']);
  });
});
