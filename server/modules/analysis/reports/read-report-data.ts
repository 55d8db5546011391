import type { Executor } from '../../../platform/db/transaction.js';
import type { Actor } from '../../../platform/permissions/scope.js';
import { childKind } from '../access.js';
import { readMonthlyAnalysis } from '../read-monthly-analysis.js';
import { readWeeklyAnalysis } from '../read-weekly-analysis.js';
import { findAreaNode, type AreaNode } from '../repository.js';
import type { ReportData } from './report-tables.js';
import type { ClaimedReport } from './repository.js';

/**
 * A read-only reader whose scope is the report's unit. A kept report is the unit's, not its
 * requester's: whoever asked, its monthly ranking holds the units under it and nothing wider.
 */
function unitReader(unit: AreaNode): Actor {
  return { userId: 0, username: 'report', displayName: 'report', roles: [{ role: 'auditor', orgNodeId: unit.id, path: unit.path }], organisationId: null, residentId: null, sessionId: 0 };
}

/** The analysis a report lays out: the weekly or monthly view's own use case, for the report's unit. */
export async function readReportData(db: Executor, report: Pick<ClaimedReport, 'unit_id' | 'kind' | 'period'>): Promise<ReportData> {
  const unit = await findAreaNode(db, report.unit_id);
  const reader = unitReader(unit);
  const ref = { kind: unit.kind, id: unit.id };
  if (report.kind === 'weekly') return { kind: 'weekly', data: await readWeeklyAnalysis(db, reader, { week: report.period, unit: ref }) };
  // The units one level down, as the monthly view ranks them (a grid ranks among grids).
  return { kind: 'monthly', data: await readMonthlyAnalysis(db, reader, { month: report.period, unit: ref, unitKind: childKind(unit.kind) ?? 'grid' }) };
}
