import type { Writable } from 'node:stream';
import type * as ExcelJS from 'exceljs';
import type { ImportKind } from '../../../platform/db/schema.js';
import { loadExcelJS } from './read-sheet.js';
import { GUIDE_SHEET, layoutOf, type ColumnKey, type ColumnSpec, type SheetLayout } from './columns.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An attachment header with an ASCII fallback name and the real (Chinese) name per RFC 6266. */
export function attachmentHeader(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export type SheetValues<K extends string = ColumnKey> = Partial<Record<K, string | number | null>>;

/** Rows that get drop-downs: the data written plus room for as many again, at least 10,000. */
const MIN_DROPDOWN_ROWS = 10_000;
/** Excel refuses a literal list longer than this in a data validation. */
const MAX_LIST_FORMULA = 255;

interface DataValidationsModel {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

function columnLetter(index: number): string {
  let n = index;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function dropDown(spec: ColumnSpec<string>, tagNames: string[]): ExcelJS.DataValidation | undefined {
  if (!spec.options) return undefined;
  const options = spec.options === 'tags' ? tagNames : spec.options;
  const formula = `"${options.join(',')}"`;
  if (options.length === 0 || formula.length > MAX_LIST_FORMULA) return undefined;
  // Tags take several values per cell, so their list only suggests and never refuses.
  const strict = spec.options !== 'tags';
  return {
    type: 'list',
    allowBlank: !spec.required,
    formulae: [formula],
    showErrorMessage: strict,
    errorStyle: 'stop',
    errorTitle: spec.header,
    error: `请从下拉列表中选择：${options.join('、')}`,
  };
}

function addDataSheet<K extends string>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  layout: SheetLayout<K>,
  tagNames: string[],
  rows: readonly SheetValues<K>[],
) {
  const specs = layout.columns;
  const sheet = workbook.addWorksheet(layout.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = specs.map((c) => ({ header: c.header, key: c.key, width: c.width, ...(c.text ? { style: { numFmt: '@' } } : {}) }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  const lastRow = Math.max(rows.length * 2, MIN_DROPDOWN_ROWS) + 1;
  // The model-level collection takes whole ranges; exceljs types only declare the per-cell form.
  const validations = (sheet as unknown as { dataValidations: DataValidationsModel }).dataValidations;
  specs.forEach((spec, i) => {
    const validation = dropDown(spec, tagNames);
    const letter = columnLetter(i + 1);
    if (validation) validations.add(`${letter}2:${letter}${lastRow}`, validation);
  });
  for (const values of rows) sheet.addRow(specs.map((c) => values[c.key] ?? null)).commit();
  sheet.commit();
}

function addGuideSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, layout: SheetLayout<string>, tagNames: string[]) {
  const sheet = workbook.addWorksheet(GUIDE_SHEET);
  sheet.columns = [
    { header: '列名 Column', width: 18 },
    { header: '是否必填 Required', width: 16 },
    { header: '填写说明', width: 70 },
    { header: 'Description', width: 80 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const spec of layout.columns) {
    const tags = spec.options === 'tags' && tagNames.length ? { zh: ` 可用标签：${tagNames.join('、')}`, en: ` Tags: ${tagNames.join(', ')}` } : { zh: '', en: '' };
    sheet
      .addRow([spec.header, spec.required ? '必填 required' : '选填 optional', spec.help.zh + tags.zh, spec.help.en + tags.en])
      .commit();
  }
  sheet.addRow([]).commit();
  const rules = sheet.addRow(['导入规则 Rules']);
  rules.font = { bold: true };
  rules.commit();
  layout.rules.forEach((rule, i) => sheet.addRow([String(i + 1), '', rule.zh, rule.en]).commit());
  sheet.commit();
}

/**
 * Streams a workbook in the import layout: the data sheet (header, drop-downs, rows) and the
 * 说明 sheet. With no rows it is the blank template; with rows, an export that imports again.
 */
export async function writeWorkbook(out: Writable, kind: ImportKind, tagNames: string[], rows: readonly SheetValues[]): Promise<void> {
  await writeLayoutWorkbook(out, layoutOf(kind), tagNames, rows);
}

/** The same for any import layout (e.g. hotline work orders): data sheet and 说明 sheet. */
export async function writeLayoutWorkbook<K extends string>(
  out: Writable,
  layout: SheetLayout<K>,
  tagNames: string[],
  rows: readonly SheetValues<K>[],
): Promise<void> {
  const workbook = new (await loadExcelJS()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Gongzhi';
  addDataSheet(workbook, layout, tagNames, rows);
  addGuideSheet(workbook, layout, tagNames);
  await workbook.commit();
}
