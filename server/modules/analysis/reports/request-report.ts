import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import type { ReportFormat, ReportKind } from '../../../platform/db/schema-analysis.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { localDay } from '../../cases/time-limits.js';
import { resolveAreaUnit, type UnitParam } from '../access.js';
import { reportPeriodRange } from './report-periods.js';
import { findReport, insertReport } from './repository.js';

/**
 * Asks for a 周报 or 月报 of an area unit in the reader's rates.read scope (403 without the
 * right, 404 out of scope, as the views answer). The row is queued; a background worker of any
 * app process makes the files (generate-report.ts). A period still under way may be reported on
 * (its figures so far); one that has not begun is refused.
 */
export async function requestReport(
  db: Executor,
  options: Caller & { unit: UnitParam; kind: ReportKind; period: string; format: ReportFormat | 'both'; lang: 'zh' | 'en'; now: Date },
) {
  const unit = await resolveAreaUnit(db, options.actor, options.unit);
  if (reportPeriodRange(options.kind, options.period).from > localDay(options.now)) {
    throw new AppError('REPORT_PERIOD_NOT_STARTED', { kind: options.kind, period: options.period });
  }
  const formats: ReportFormat[] = options.format === 'both' ? ['pdf', 'xlsx'] : [options.format];
  return inTransaction(db, async (tx) => {
    const { id } = await insertReport(tx, { unit, kind: options.kind, period: options.period, formats, lang: options.lang, requestedBy: auditActor(options), now: options.now });
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'analysis.report.request',
      targetType: 'analysis_report',
      targetId: id,
      summary: { after: { unitKind: unit.kind, unitId: unit.id, kind: options.kind, period: options.period, formats, lang: options.lang } },
      requestId: options.requestId,
      streetId: unit.streetId,
    });
    return (await findReport(tx, id))!;
  });
}
