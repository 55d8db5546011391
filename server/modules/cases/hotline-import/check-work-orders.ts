import type { ImportRowError } from '../../../platform/db/schema.js';
import type { Priority } from '../../../platform/db/schema-cases.js';
import type { Executor } from '../../../platform/db/transaction.js';
import type { Scope } from '../../../platform/permissions/scope.js';
import type { ProgressSink } from '../../org/exchange/progress.js';
import { nodesByCodeInScope } from '../../org/exchange/repository.js';
import { cellText, RowReader } from '../../org/exchange/row-reader.js';
import { sortErrors } from '../../org/exchange/run-import.js';
import { HOTLINE_COLUMNS, PRIORITY_LABELS } from './columns.js';
import type { HotlineSheet } from './read-file.js';
import {
  CategoryIndex,
  readAddress,
  readCategory,
  readConfidential,
  readDescription,
  readPhone,
  readPlace,
  readReceivedAt,
  readReporterName,
  readWorkOrderNo,
  type PlacedBy,
} from './read-work-order.js';
import { gridsWithBoundary, importedWorkOrders, listCategoryRefs } from './repository.js';

/** One valid row: everything submitCase needs to take the work order in as a hotline case. */
export interface WorkOrder extends PlacedBy {
  row: number;
  externalRef: string;
  receivedAt: Date;
  reporterName: string | null;
  reporterPhone: string | null;
  description: string;
  categoryId: number;
  /** The category was left blank and came from the suggester. */
  suggested: boolean;
  priority: Priority | undefined;
  address: string | null;
  reporterHidden: boolean;
  /** A case with this work-order number already came in from the hotline: skipped, not an error. */
  alreadyImported: boolean;
}

/** The top category code for a demand's text, or undefined when there is none to suggest. */
export type SuggestCategory = (text: string) => string | undefined;

const PROGRESS_STEP = 200;

/**
 * The streets the caller's scope lies in: the first two levels (district, street) of each path,
 * or the path itself when the scope is wider than a street.
 */
export function streetsOf(scope: Scope): Scope {
  const paths = scope.paths.map((p) => {
    const ids = p.split('/').filter(Boolean);
    return ids.length >= 2 ? `/${ids[0]}/${ids[1]}/` : p;
  });
  return { paths: [...new Set(paths)] };
}

/**
 * Checks every row of a work-order file and collects every error (row, column, reason); nothing
 * is written. Buildings must lie in `scope` (the caller's case.manage scope); points must fall in
 * a grid of the caller's street; a blank category takes the suggester's top choice.
 */
export async function checkWorkOrders(
  db: Executor,
  options: { scope: Scope; sheet: HotlineSheet; suggest: SuggestCategory; progress: ProgressSink; now?: number },
): Promise<{ records: WorkOrder[]; errors: ImportRowError[] }> {
  const { sheet } = options;
  const codes = new Set<string>();
  const refs = new Set<string>();
  for (const row of sheet.rows) {
    const code = cellText(row.cells.buildingCode);
    if (code) codes.add(code);
    const ref = cellText(row.cells.workOrderNo);
    if (ref) refs.add(ref);
  }
  const [buildings, grids, categories, imported] = await Promise.all([
    codes.size ? nodesByCodeInScope(db, options.scope, [...codes]) : Promise.resolve([]),
    gridsWithBoundary(db, streetsOf(options.scope)),
    listCategoryRefs(db),
    importedWorkOrders(db, [...refs]),
  ]);
  const buildingByCode = new Map(buildings.map((b) => [b.code, b]));
  const index = new CategoryIndex(categories);
  const now = options.now ?? Date.now();

  const errors: ImportRowError[] = [];
  const records: WorkOrder[] = [];
  const firstRowOf = new Map<string, number>();
  for (const [i, sheetRow] of sheet.rows.entries()) {
    const r = new RowReader(sheetRow, HOTLINE_COLUMNS, errors);
    const before = errors.length;
    const externalRef = readWorkOrderNo(r);
    if (externalRef !== undefined) {
      const first = firstRowOf.get(externalRef);
      if (first !== undefined) r.fail('workOrderNo', `与第 ${first} 行的工单编号重复`);
      else firstRowOf.set(externalRef, r.row);
    }
    const receivedAt = readReceivedAt(r, now);
    const reporterName = readReporterName(r);
    const reporterPhone = readPhone(r);
    const description = readDescription(r);
    let categoryId: number | undefined;
    let suggested = false;
    if (!r.blank('category')) categoryId = readCategory(r, index);
    else if (description !== undefined) {
      const code = options.suggest(description);
      const category = code === undefined ? undefined : index.code(code);
      if (category?.active && category.leaf) {
        categoryId = category.id;
        suggested = true;
      } else r.fail('category', '无法根据诉求内容推荐事项类别，请填写事项类别');
    }
    const priority = r.choice('priority', PRIORITY_LABELS, false);
    const place = readPlace(r, buildingByCode, grids);
    const address = readAddress(r);
    const reporterHidden = readConfidential(r);
    if (
      errors.length === before &&
      externalRef !== undefined &&
      receivedAt !== undefined &&
      description !== undefined &&
      categoryId !== undefined &&
      place !== undefined &&
      reporterHidden !== undefined
    ) {
      records.push({
        ...place,
        row: r.row,
        externalRef,
        receivedAt,
        reporterName: reporterName ?? null,
        reporterPhone: reporterPhone ?? null,
        description,
        categoryId,
        suggested,
        priority,
        address: address ?? null,
        reporterHidden,
        alreadyImported: imported.has(externalRef),
      });
    }
    if ((i + 1) % PROGRESS_STEP === 0) await options.progress.advance(PROGRESS_STEP);
  }
  await options.progress.advance(sheet.rows.length % PROGRESS_STEP);
  return { records, errors: sortErrors(HOTLINE_COLUMNS, errors) };
}
