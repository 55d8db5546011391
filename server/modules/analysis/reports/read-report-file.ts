import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import type { ReportFormat } from '../../../platform/db/schema-analysis.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { readReport } from './read-report.js';
import { reportFile } from './repository.js';

/**
 * One file of a report once it is done; 409 (with status and progress) while it is being made or
 * after it failed. A download is an export of the street's figures: it writes an audit row (who,
 * which report and file, its size) in the transaction that reads the file.
 */
export async function readReportFile(db: Executor, options: Caller & { id: number; format: ReportFormat }) {
  const { format } = options;
  return inTransaction(db, async (tx) => {
    const row = await readReport(tx, options.actor, options.id);
    switch (row.status) {
      case 'queued':
      case 'running':
        throw new AppError('REPORT_NOT_READY', { id: row.id, status: row.status, progress: row.progress });
      case 'failed':
        throw new AppError('REPORT_FAILED', { id: row.id, error: row.error });
      case 'done': {
        if (!row.formats.includes(format)) throw new AppError('REPORT_FORMAT_NOT_MADE', { id: row.id, format, formats: row.formats });
        const bytes = Buffer.from((await reportFile(tx, row.id, format))!);
        await appendAudit(tx, {
          actor: auditActor(options),
          action: 'analysis.report.downloaded',
          targetType: 'analysis_report',
          targetId: row.id,
          summary: { format, bytes: bytes.length, unitKind: row.unit_kind, unitId: row.unit_id, kind: row.kind, period: row.period },
          requestId: options.requestId,
          streetId: row.street_id,
        });
        return { row, bytes };
      }
    }
  });
}
