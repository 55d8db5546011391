import type { Housing, ImportRowError } from '../../../platform/db/schema.js';
import type { Executor } from '../../../platform/db/transaction.js';
import type { Scope } from '../../../platform/permissions/scope.js';
import { HouseholdFields } from '../households/schema.js';
import { HOUSING_LABELS } from './columns.js';
import type { ProgressSink } from './progress.js';
import type { ImportSheet } from './read-sheet.js';
import { RowReader, TagCatalogue } from './row-reader.js';
import { loadSheetContext, readLocation, readTags, type Location } from './sheet-context.js';

/** One valid row of a households file. An undefined optional field keeps the stored value. */
export interface HouseholdRecord extends Location {
  row: number;
  housing: Housing;
  areaM2: string | undefined;
  tags: string[] | undefined;
  notes: string | undefined;
}

const PROGRESS_STEP = 1000;

function readArea(r: RowReader): string | undefined {
  const value = r.raw('areaM2');
  if (r.blank('areaM2')) return undefined;
  // A number cell carries binary fractions; the API's rule is "at most two decimals".
  if (typeof value === 'number' && Math.abs(value * 100 - Math.round(value * 100)) > 1e-6) return r.fail('areaM2', '面积最多保留两位小数');
  const input = typeof value === 'number' ? value : r.text('areaM2');
  return r.check('areaM2', HouseholdFields.areaM2, input, '面积应为正数，最多两位小数') ?? undefined;
}

/**
 * Checks every row of a households file and collects every error. Nothing is written; the
 * records are what the import writes when there is no error at all.
 */
export async function validateHouseholdSheet(db: Executor, scope: Scope, sheet: ImportSheet, progress: ProgressSink) {
  const context = await loadSheetContext(db, scope, sheet.rows);
  const tags = new TagCatalogue(context.tags, 'household');
  const errors: ImportRowError[] = [];
  const records: HouseholdRecord[] = [];
  const firstRowOf = new Map<string, number>();
  for (const [i, sheetRow] of sheet.rows.entries()) {
    const r = new RowReader(sheetRow, 'households', errors);
    const before = errors.length;
    const location = readLocation(r, context.buildings);
    const housing = r.choice('housing', HOUSING_LABELS, true);
    const areaM2 = readArea(r);
    const tagCodes = readTags(r, tags);
    const notes = r.blank('notes') ? undefined : r.check('notes', HouseholdFields.notes, r.text('notes'), '备注不能超过 2000 字');
    if (location) {
      const first = firstRowOf.get(location.key);
      if (first !== undefined) r.fail('room', `与第 ${first} 行重复（同一楼栋、单元、房号）`);
      else firstRowOf.set(location.key, r.row);
    }
    if (errors.length === before && location && housing) {
      records.push({ ...location, row: r.row, housing, areaM2, tags: tagCodes, notes: notes ?? undefined });
    }
    if ((i + 1) % PROGRESS_STEP === 0) await progress.advance(PROGRESS_STEP);
  }
  await progress.advance(sheet.rows.length % PROGRESS_STEP);
  return { records, errors };
}
