import { CaseReopened, CaseReported, CaseResolved, consumeEvent, tableOf } from '@gg/shared';

/**
 * The grid's cases on compounds become complaints here. Both handlers are upserts keyed by the case,
 * so a redelivery (at least once) or a replay changes nothing; a resolution arriving again after a
 * reopen overwrites the earlier one (the latest resolution counts).
 */
export const caseReportedConsumer = consumeEvent(CaseReported, async (p, d) => {
  await d.manager.query(
    `INSERT INTO ${tableOf(d.manager.connection, 'compound_complaint')} (case_id, region_code, compound_id, category, reported_at, deadline_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (case_id) DO UPDATE SET category = EXCLUDED.category, deadline_at = EXCLUDED.deadline_at`,
    [p.id, p.regionCode, p.compoundId, p.category, p.reportedAt, p.deadlineAt],
  );
});

export const caseResolvedConsumer = consumeEvent(CaseResolved, async (p, d) => {
  await d.manager.query(
    `UPDATE ${tableOf(d.manager.connection, 'compound_complaint')} SET resolved_at = $2, in_time = $3 WHERE case_id = $1`,
    [p.id, p.resolvedAt, p.inTime],
  );
});

export const caseReopenedConsumer = consumeEvent(CaseReopened, async (p, d) => {
  await d.manager.query(
    `UPDATE ${tableOf(d.manager.connection, 'compound_complaint')} SET resolved_at = NULL, in_time = NULL, deadline_at = $2 WHERE case_id = $1`,
    [p.id, p.deadlineAt],
  );
});
