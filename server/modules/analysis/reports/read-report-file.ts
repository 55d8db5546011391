import type { ReportFormat } from '../../../platform/db/schema-analysis.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/permissions/scope.js';
import { readReport } from './read-report.js';
import { reportFile } from './repository.js';

/** One file of a report once it is done; 409 (with status and progress) while it is being made or after it failed. */
export async function readReportFile(db: Executor, actor: Actor, q: { id: number; format: ReportFormat }) {
  const row = await readReport(db, actor, q.id);
  switch (row.status) {
    case 'queued':
    case 'running':
      throw new AppError('REPORT_NOT_READY', { id: row.id, status: row.status, progress: row.progress });
    case 'failed':
      throw new AppError('REPORT_FAILED', { id: row.id, error: row.error });
    case 'done': {
      if (!row.formats.includes(q.format)) throw new AppError('REPORT_FORMAT_NOT_MADE', { id: row.id, format: q.format, formats: row.formats });
      const bytes = await reportFile(db, row.id, q.format);
      return { row, bytes: Buffer.from(bytes!) };
    }
  }
}
