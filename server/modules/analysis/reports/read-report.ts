import type { Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/permissions/scope.js';
import { resolveAreaUnit } from '../access.js';
import { findReport, type ReportRow } from './repository.js';

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
