import type { ReportFormat } from '../../../platform/db/schema-analysis.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/permissions/scope.js';
import { resolveAreaUnit, type UnitParam } from '../access.js';
import { findReport, listUnitReports, reportFile, type ReportRow } from './repository.js';

/**
 * A kept report, for a reader who may read its unit's analysis: 403 without rates.read, and
 * REPORT_NOT_FOUND for a report of a unit outside the reader's scope, as for one that never was.
 */
export async function readReport(db: Executor, actor: Actor, id: number): Promise<ReportRow> {
  const row = await findReport(db, id);
  if (!row) throw new AppError('REPORT_NOT_FOUND', { id });
  try {
    await resolveAreaUnit(db, actor, { kind: row.unit_kind, id: row.unit_id });
  } catch (err) {
    if (err instanceof AppError && err.code === 'RATE_UNIT_NOT_FOUND') throw new AppError('REPORT_NOT_FOUND', { id });
    throw err;
  }
  return row;
}

/** The reports of a unit in the reader's scope, newest first. */
export async function listReports(db: Executor, actor: Actor, q: { unit: UnitParam; kind?: 'weekly' | 'monthly'; period?: string; limit: number }) {
  const unit = await resolveAreaUnit(db, actor, q.unit);
  return listUnitReports(db, { unitId: unit.id, kind: q.kind, period: q.period, limit: q.limit });
}

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
