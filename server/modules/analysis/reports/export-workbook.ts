import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import type { RateUnitKind } from '../../../platform/db/schema-cases.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import type { UnitParam } from '../access.js';
import { readMonthlyAnalysis } from '../read-monthly-analysis.js';
import { readWeeklyAnalysis } from '../read-weekly-analysis.js';
import { findAreaNode } from '../repository.js';
import { sharedReportRenderer, type ReportRenderer } from './report-renderer.js';
import type { Lang, ReportData } from './report-tables.js';

export type WorkbookQuery = { kind: 'weekly'; week: string; unit: UnitParam } | { kind: 'monthly'; month: string; unit: UnitParam; unitKind: RateUnitKind };

/**
 * The weekly or monthly view as an .xlsx workbook made now (not a kept report): the view's own use
 * case, so every figure is the view's, laid out in the report renderer's worker thread as kept
 * reports are, so a large workbook does not stall the server. Like a kept report's download it is
 * an export of the street's figures, audited (who, which view and period, the file's size).
 */
export async function exportWorkbook(db: Executor, options: Caller & { query: WorkbookQuery; lang: Lang; renderer?: ReportRenderer; now?: Date }) {
  const { query: q, actor } = options;
  const report: ReportData =
    q.kind === 'weekly'
      ? { kind: 'weekly', data: await readWeeklyAnalysis(db, actor, { week: q.week, unit: q.unit }) }
      : { kind: 'monthly', data: await readMonthlyAnalysis(db, actor, { month: q.month, unit: q.unit, unitKind: q.unitKind }) };
  const unit = report.data.unit;
  const period = q.kind === 'weekly' ? q.week : q.month;
  const bytes = await (options.renderer ?? sharedReportRenderer()).render({ format: 'xlsx', data: report, lang: options.lang, generatedAt: options.now ?? new Date() });
  const { streetId } = await findAreaNode(db, unit.id);
  await inTransaction(db, (tx) =>
    appendAudit(tx, {
      actor: auditActor(options),
      action: 'analysis.workbook.exported',
      targetType: 'org_node',
      targetId: unit.id,
      summary: { kind: q.kind, period, unitKind: unit.kind, bytes: bytes.length, ...(q.kind === 'monthly' ? { rankedKind: q.unitKind } : {}) },
      requestId: options.requestId,
      streetId,
    }),
  );
  return { unit, period, bytes };
}
