import path from 'node:path';
import { Readable } from 'node:stream';
import type * as ExcelJS from 'exceljs';
import { dataSheet, invalidFile, loadExcelJS, loadXlsx, readSheetRows, type SheetRow } from '../../org/exchange/read-sheet.js';
import { HOTLINE_COLUMNS, HOTLINE_SHEET, type HotlineColumnKey } from './columns.js';

export type HotlineRow = SheetRow<HotlineColumnKey>;

export interface HotlineSheet {
  format: 'xlsx' | 'csv';
  rows: HotlineRow[];
  columns: Set<HotlineColumnKey>;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The file's text when it is UTF-8 (BOM or not) without NUL characters; undefined for anything binary. */
function utf8Text(file: Buffer): string | undefined {
  const body = file.subarray(0, 3).equals(UTF8_BOM) ? file.subarray(3) : file;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}

/**
 * CSV through exceljs, every cell kept as the text written: exceljs would otherwise turn
 * work-order numbers into numbers (losing leading zeros) and guess at dates.
 */
async function readCsv(text: string): Promise<ExcelJS.Worksheet> {
  const workbook = new (await loadExcelJS()).Workbook();
  try {
    return await workbook.csv.read(Readable.from([text]), {
      sheetName: HOTLINE_SHEET,
      map: (value: unknown) => (value === '' ? null : value),
    });
  } catch {
    throw invalidFile('unreadable', 'CSV 文件无法解析，请检查引号和分隔符');
  }
}

/**
 * Opens an uploaded work-order file: an .xlsx workbook (recognised by its content), or a CSV
 * file in UTF-8 with or without BOM. Anything else, and a file without the required columns or
 * without data rows, is INVALID_FILE naming what is wrong.
 */
export async function readHotlineFile(file: Buffer, fileName: string): Promise<HotlineSheet> {
  const extension = path.extname(fileName).toLowerCase();
  if (file.subarray(0, 4).equals(ZIP_MAGIC)) {
    const sheet = dataSheet(await loadXlsx(file), HOTLINE_SHEET);
    return { format: 'xlsx', ...readSheetRows(sheet, HOTLINE_COLUMNS) };
  }
  if (file.subarray(0, 4).equals(OLE_MAGIC)) {
    throw invalidFile('legacy_xls', '不支持旧版 Excel（.xls）文件，请另存为 .xlsx 后上传');
  }
  const text = extension === '.xlsx' ? undefined : utf8Text(file);
  if (text === undefined) {
    throw invalidFile('unreadable', '文件不是可读取的 Excel 工作簿（.xlsx）或 UTF-8 编码的 CSV 文件；GBK 编码的 CSV 请另存为“CSV UTF-8”');
  }
  return { format: 'csv', ...readSheetRows(await readCsv(text), HOTLINE_COLUMNS) };
}
