import type * as ExcelJS from 'exceljs';
import type { ImportKind } from '../../../platform/db/schema.js';
import { AppError } from '../../../platform/errors.js';
import { columnsOf, GUIDE_SHEET, SHEET_NAMES, type ColumnKey, type ColumnSpec } from './columns.js';

/** A cell reduced to what validation needs: formulas give their result, rich text its text. */
export type CellPrimitive = string | number | boolean | Date | null;

export interface SheetRow<K extends string = ColumnKey> {
  /** The row number as the user sees it in Excel (the header is row 1). */
  row: number;
  cells: Partial<Record<K, CellPrimitive>>;
}

export interface ImportSheet {
  kind: ImportKind;
  rows: SheetRow[];
  /** Columns found in the header row; an absent optional column leaves its field unchanged. */
  columns: Set<ColumnKey>;
}

/** A file larger than this is refused up front rather than validated for minutes. */
export const MAX_IMPORT_ROWS = 200_000;

// Parts of a sheet that play no role in reading values; data validations in particular are
// expanded cell by cell by the reader, which is slow for whole-column ranges.
const IGNORED_NODES = ['dataValidations', 'conditionalFormatting', 'hyperlinks', 'drawing', 'picture', 'extLst', 'tableParts', 'rowBreaks'];

export function invalidFile(reason: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('INVALID_FILE', { reason, message, ...extra });
}

export function cellPrimitive(value: ExcelJS.CellValue): CellPrimitive {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return null;
    if (typeof result === 'object' && !(result instanceof Date)) return 'error' in result ? String(result.error) : null;
    return result as CellPrimitive;
  }
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellPrimitive(value.text as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return null;
}

export function isBlank(value: CellPrimitive | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Header text compared without spaces and a trailing required-marker. */
function normalizeHeader(text: string): string {
  return text.replace(/\s+/g, '').replace(/[*＊]$/, '');
}

/**
 * exceljs, loaded on the first workbook read or written: ~29 MiB of resident memory that a
 * process taking cases and serving dashboards never needs (the report worker thread loads its
 * own).
 */
export const loadExcelJS = async () => (await import('exceljs')).default;

/** An uploaded .xlsx workbook, or INVALID_FILE when it cannot be read as one. */
export async function loadXlsx(file: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new (await loadExcelJS()).Workbook();
  try {
    await workbook.xlsx.load(file as never, { ignoreNodes: IGNORED_NODES });
  } catch {
    throw invalidFile('unreadable', '文件不是可读取的 Excel 工作簿（.xlsx）');
  }
  return workbook;
}

/** The data sheet: the one with the layout's name, else the first that is not the 说明 sheet. */
export function dataSheet(workbook: ExcelJS.Workbook, sheetName: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(sheetName) ?? workbook.worksheets.find((ws) => ws.name !== GUIDE_SHEET);
  if (!sheet) throw invalidFile('no_sheet', '工作簿中没有工作表');
  return sheet;
}

/**
 * Opens an uploaded workbook and checks its shape: a readable .xlsx, a data sheet, every required
 * column in the header, at least one data row. Any failure is INVALID_FILE naming what is wrong.
 */
export async function readImportSheet(kind: ImportKind, file: Buffer): Promise<ImportSheet> {
  const sheet = dataSheet(await loadXlsx(file), SHEET_NAMES[kind]);
  return { kind, ...readSheetRows(sheet, columnsOf(kind)) };
}

/**
 * The rows of a data sheet under the columns of a layout, found by their headers in row 1:
 * every required column must be there and at least one row must hold data (INVALID_FILE else).
 */
export function readSheetRows<K extends string>(
  sheet: ExcelJS.Worksheet,
  specs: readonly ColumnSpec<K>[],
): { rows: SheetRow<K>[]; columns: Set<K> } {
  const positions = new Map<K, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const text = cellPrimitive(cell.value);
    if (typeof text !== 'string') return;
    const spec = specs.find((c) => c.header === normalizeHeader(text));
    if (spec && !positions.has(spec.key)) positions.set(spec.key, col);
  });
  const missing = specs.filter((c) => c.required && !positions.has(c.key)).map((c) => c.header);
  if (missing.length) {
    throw invalidFile('missing_columns', `缺少必需的列：${missing.join('、')}`, { missingColumns: missing, sheet: sheet.name });
  }

  const rows: SheetRow<K>[] = [];
  let tooMany = false;
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1 || tooMany) return;
    const cells: SheetRow<K>['cells'] = {};
    let empty = true;
    for (const [key, col] of positions) {
      const value = cellPrimitive(row.getCell(col).value);
      cells[key] = value;
      if (!isBlank(value)) empty = false;
    }
    if (empty) return;
    if (rows.length >= MAX_IMPORT_ROWS) tooMany = true;
    else rows.push({ row: rowNumber, cells });
  });
  if (tooMany) throw invalidFile('too_many_rows', `数据行超过 ${MAX_IMPORT_ROWS} 行，请分成多个文件导入`, { maxRows: MAX_IMPORT_ROWS });
  if (rows.length === 0) throw invalidFile('no_rows', '文件中没有数据行');
  return { rows, columns: new Set(positions.keys()) };
}
