import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { reportTables, type Lang, type Monthly, type ReportData, type ReportTable, type Weekly } from './report-tables.js';

/** A sheet with a bold header row and one row per item; widths follow the header. */
function addTable(workbook: ExcelJS.Workbook, table: ReportTable) {
  const sheet = workbook.addWorksheet(table.title);
  sheet.columns = table.header.map((h) => ({ header: h, width: Math.max(10, h.length * 2 + 4) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  if (table.note) {
    sheet.addRow([]);
    sheet.addRow([table.note]);
  }
  for (const c of table.percentColumns ?? []) sheet.getColumn(c).numFmt = '0.0%';
}

/** A report's tables (report-tables.ts) as an .xlsx workbook, one sheet each. */
export async function writeReportXlsx(out: Writable, report: ReportData, lang: Lang): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gongzhi';
  workbook.created = new Date();
  for (const table of reportTables(report, lang)) addTable(workbook, table);
  await workbook.xlsx.write(out);
}
