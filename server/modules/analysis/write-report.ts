import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { z } from 'zod';
import type { MonthlyAnalysis, WeeklyAnalysis } from './schema.js';

type Lang = 'zh' | 'en';
type Weekly = z.infer<typeof WeeklyAnalysis>;
type Monthly = z.infer<typeof MonthlyAnalysis>;
type Ratio = { numerator: number; denominator: number; value: number | null };
type Cell = string | number | null;

const RATES = ['responseRate', 'resolutionRate', 'satisfactionRate'] as const;
const RATE_NAMES: Record<(typeof RATES)[number], Record<Lang, string>> = {
  responseRate: { zh: '响应率', en: 'Response rate' },
  resolutionRate: { zh: '解决率', en: 'Resolution rate' },
  satisfactionRate: { zh: '满意率', en: 'Satisfaction rate' },
};

/** A sheet with a bold header row and one row per item; widths follow the header. */
function addTable(workbook: ExcelJS.Workbook, name: string, header: string[], rows: Cell[][], note?: string) {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = header.map((h) => ({ header: h, width: Math.max(10, h.length * 2 + 4) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  if (note) {
    sheet.addRow([]);
    sheet.addRow([note]);
  }
  return sheet;
}

/** A rate as its value (a fraction, formatted as a percentage) beside its numerator and denominator. */
const ratioCells = (r: Ratio): Cell[] => [r.value, r.numerator, r.denominator];
const ratioHeader = (lang: Lang) => RATES.flatMap((k) => [RATE_NAMES[k][lang], lang === 'zh' ? '分子' : 'numerator', lang === 'zh' ? '分母' : 'denominator']);

function percentColumns(sheet: ExcelJS.Worksheet, columns: number[]) {
  for (const c of columns) sheet.getColumn(c).numFmt = '0.0%';
}

function classProblemRows(items: Monthly['priorityCandidates']['items'], lang: Lang): Cell[][] {
  return items.map((p) => [p.place.name, lang === 'zh' ? p.category.nameZh : p.category.nameEn, p.count, p.firstAt, p.lastAt, p.publicIds.join(' ')]);
}

const classProblemHeader = (lang: Lang) =>
  lang === 'zh' ? ['地点', '类别', '次数', '首次', '最近', '诉求编号'] : ['Place', 'Category', 'Times', 'First', 'Last', 'Case numbers'];

function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gongzhi';
  workbook.created = new Date();
  return workbook;
}

/**
 * 周调度 as a workbook: the overdue list, the class problems and the units behind their street.
 * Every figure is the weekly view's own (the same use case answers GET /api/analysis/weekly).
 */
export async function writeWeeklyReport(out: Writable, data: Weekly, lang: Lang): Promise<void> {
  const workbook = newWorkbook();
  const zh = lang === 'zh';
  addTable(
    workbook,
    zh ? '超时诉求' : 'Overdue',
    zh ? ['编号', '状态', '接收时间', '办结时限', '督办级别'] : ['Number', 'Status', 'Received', 'Due', 'Supervision level'],
    data.overdue.items.map((c) => [c.publicId, c.status, c.receivedAt, c.dueAt, c.supervisionLevel]),
    zh ? `${data.unit.name} ${data.week}：截至 ${data.overdue.asOf} 共 ${data.overdue.total} 件超时` : `${data.unit.name} ${data.week}: ${data.overdue.total} overdue as of ${data.overdue.asOf}`,
  );
  addTable(workbook, zh ? '类问题' : 'Class problems', classProblemHeader(lang), classProblemRows(data.classProblems.items, lang), data.classProblems.rule[lang]);
  const behind = addTable(
    workbook,
    zh ? '落后单位' : 'Falling behind',
    zh ? ['单位', '指标', '单位值', '分子', '分母', '街道值', '差距'] : ['Unit', 'Rate', 'Unit value', 'numerator', 'denominator', 'Street value', 'Gap'],
    data.fallingBehind.items.map((i) => [i.unit.name, RATE_NAMES[i.rate][lang], ...ratioCells(i.value), i.streetValue.value, i.gap]),
    data.fallingBehind.rule[lang],
  );
  percentColumns(behind, [3, 6, 7]);
  await workbook.xlsx.write(out);
}

/** 月点评 as a workbook: the three-rate ranking with the change on last month, and 每月一题 candidates. */
export async function writeMonthlyReport(out: Writable, data: Monthly, lang: Lang): Promise<void> {
  const workbook = newWorkbook();
  const zh = lang === 'zh';
  const ranking = addTable(
    workbook,
    zh ? '三率排名' : 'Ranking',
    [...(zh ? ['名次', '单位', '综合得分'] : ['Rank', 'Unit', 'Composite']), ...ratioHeader(lang), zh ? '上月名次' : 'Last month', zh ? '名次变化' : 'Rank change'],
    data.ranking.items.map((i) => [i.rank, i.unit.name, i.composite, ...RATES.flatMap((k) => ratioCells(i[k])), i.previous.rank, i.change.rank]),
    data.ranking.rule[lang],
  );
  percentColumns(ranking, [3, 4, 7, 10]);
  addTable(workbook, zh ? '每月一题' : 'Priority problems', classProblemHeader(lang), classProblemRows(data.priorityCandidates.items, lang), data.priorityCandidates.rule[lang]);
  await workbook.xlsx.write(out);
}
