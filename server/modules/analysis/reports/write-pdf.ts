import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { reportCharts } from './report-charts.js';
import { reportFonts } from './report-fonts.js';
import { RATE_NAMES, RATES, reportTables, type Cell, type Lang, type Ratio, type ReportData, type ReportTable } from './report-tables.js';

/**
 * A 周报 or 月报 as a PDF (A4): title and period, the key figures, charts, then the same tables as
 * the workbook (report-tables.ts), each with its rule. Chinese or English throughout.
 */

const MARGIN = 48;
const PAGE = { width: 595.28, height: 841.89 };
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const BOTTOM = PAGE.height - MARGIN - 14; // room for the page number
const FONT = 'NotoSansSC';
const BOLD = 'NotoSansSC-Bold';
const GREY = '#595959';

type Doc = PDFKit.PDFDocument;

const TITLES = {
  weekly: { zh: '民情分析周报（周调度）', en: 'Weekly analysis report' },
  monthly: { zh: '民情分析月报（月点评）', en: 'Monthly analysis report' },
} as const;

/** A local (UTC+8) 'YYYY-MM-DD HH:mm' for an instant. */
const localTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
const ratio = (r: Ratio, lang: Lang) => (r.value === null ? (lang === 'zh' ? '无数据（分母为 0）' : 'no data (denominator 0)') : `${percent(r.value)} (${r.numerator}/${r.denominator})`);

function cellText(value: Cell, asPercent: boolean): string {
  if (value === null) return '—';
  if (typeof value === 'number') return asPercent ? percent(value) : Number.isInteger(value) ? String(value) : value.toFixed(3);
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? localTime(value) : value;
}

/** The figures a reader looks for first, each a line of text. */
function keyFigures(report: ReportData, lang: Lang): string[] {
  const zh = lang === 'zh';
  if (report.kind === 'weekly') {
    const d = report.data;
    return [
      ...RATES.map((r) => `${RATE_NAMES[r][lang]}${zh ? '（本街道本周）' : ' (street, this week)'}: ${ratio(d.fallingBehind.street[r], lang)}`),
      zh ? `超时诉求：${d.overdue.total} 件（截至 ${localTime(d.overdue.asOf)}）` : `Overdue cases: ${d.overdue.total} (as of ${localTime(d.overdue.asOf)})`,
      zh ? `类问题：${d.classProblems.items.length} 个（${d.classProblems.from} 至 ${d.classProblems.to}）` : `Class problems: ${d.classProblems.items.length} (${d.classProblems.from} to ${d.classProblems.to})`,
      zh ? `低于街道的单位指标：${d.fallingBehind.items.length} 项` : `Unit rates below the street's: ${d.fallingBehind.items.length}`,
    ];
  }
  const d = report.data;
  const ranked = d.ranking.items.filter((i) => i.rank !== null);
  const first = ranked[0];
  return [
    zh ? `参与排名单位：${ranked.length} 个（共 ${d.ranking.items.length} 个）` : `Units ranked: ${ranked.length} of ${d.ranking.items.length}`,
    ...(first ? [zh ? `第 1 名：${first.unit.name}，综合得分 ${percent(first.composite!)}` : `Rank 1: ${first.unit.name}, composite ${percent(first.composite!)}`] : []),
    zh ? `“每月一题”候选：${d.priorityCandidates.items.length} 个` : `Priority-problem candidates: ${d.priorityCandidates.items.length}`,
  ];
}

/** Column widths in proportion to the longest text of each column, within bounds. */
function columnWidths(doc: Doc, header: string[], rows: string[][]): number[] {
  doc.font(FONT).fontSize(8);
  const natural = header.map((h, c) => Math.min(160, Math.max(36, ...[h, ...rows.map((r) => r[c]!)].map((t) => doc.widthOfString(t) + 8))));
  const total = natural.reduce((a, b) => a + b, 0);
  return natural.map((w) => (w * CONTENT_WIDTH) / total);
}

function ensureRoom(doc: Doc, height: number): boolean {
  if (doc.y + height <= BOTTOM) return false;
  doc.addPage();
  return true;
}

function drawRow(doc: Doc, cells: string[], widths: number[], header: boolean) {
  doc.font(header ? BOLD : FONT).fontSize(8);
  const height = Math.max(...cells.map((t, c) => doc.heightOfString(t, { width: widths[c]! - 6 }))) + 6;
  if (ensureRoom(doc, height) && !header) return false; // the caller redraws the header first
  const y = doc.y;
  if (header) doc.rect(MARGIN, y, CONTENT_WIDTH, height).fill('#f0f0f0');
  let x = MARGIN;
  doc.fillColor('black');
  cells.forEach((t, c) => {
    doc.text(t, x + 3, y + 3, { width: widths[c]! - 6, lineBreak: true });
    x += widths[c]!;
  });
  doc.moveTo(MARGIN, y + height).lineTo(MARGIN + CONTENT_WIDTH, y + height).lineWidth(0.5).strokeColor('#bfbfbf').stroke();
  doc.x = MARGIN;
  doc.y = y + height;
  return true;
}

function drawTable(doc: Doc, table: ReportTable, lang: Lang) {
  const percentCols = new Set((table.percentColumns ?? []).map((c) => c - 1));
  const rows = table.rows.map((r) => r.map((v, c) => cellText(v, percentCols.has(c))));
  ensureRoom(doc, 80);
  doc.moveDown(0.8).font(BOLD).fontSize(12).fillColor('black').text(table.title, MARGIN);
  doc.moveDown(0.3);
  if (rows.length === 0) {
    doc.font(FONT).fontSize(9).fillColor(GREY).text(lang === 'zh' ? '（无）' : '(none)');
  } else {
    const widths = columnWidths(doc, table.header, rows);
    drawRow(doc, table.header, widths, true);
    for (const row of rows) {
      if (!drawRow(doc, row, widths, false)) {
        drawRow(doc, table.header, widths, true);
        drawRow(doc, row, widths, false);
      }
    }
  }
  if (table.note) doc.moveDown(0.4).font(FONT).fontSize(8).fillColor(GREY).text(table.note, MARGIN, doc.y, { width: CONTENT_WIDTH });
}

/** The report as PDF bytes; fonts subset to the glyphs used. */
export async function writeReportPdf(report: ReportData, lang: Lang, generatedAt: Date): Promise<Buffer> {
  const fonts = reportFonts();
  const zh = lang === 'zh';
  const { unit } = report.data;
  const period = report.kind === 'weekly' ? report.data.week : report.data.month;
  const title = `${TITLES[report.kind][lang]} · ${unit.name} · ${period}`;
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, lang: zh ? 'zh-CN' : 'en', info: { Title: title, Author: 'Gongzhi', Creator: 'Gongzhi', CreationDate: generatedAt } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont(FONT, fonts.regular);
  doc.registerFont(BOLD, fonts.bold);

  doc.font(BOLD).fontSize(18).text(TITLES[report.kind][lang]);
  doc.font(FONT).fontSize(11).text(`${unit.name} · ${period}（${report.data.from} ${zh ? '至' : 'to'} ${report.data.to}）`);
  doc
    .fontSize(8)
    .fillColor(GREY)
    .text(zh ? `生成于 ${localTime(generatedAt.toISOString())}（北京时间）。所有数字取自共治平台民情分析数据，与系统内周调度、月点评视图一致。` : `Generated ${localTime(generatedAt.toISOString())} (Beijing time). Every figure comes from the Gongzhi analysis data, as in the weekly and monthly views.`);
  doc.moveDown(0.8).font(BOLD).fontSize(12).fillColor('black').text(zh ? '主要数据' : 'Key figures');
  doc.font(FONT).fontSize(10);
  for (const line of keyFigures(report, lang)) doc.text(`• ${line}`);

  for (const chart of reportCharts(report, lang, CONTENT_WIDTH)) {
    ensureRoom(doc, chart.height + 30);
    doc.moveDown(0.8).font(BOLD).fontSize(12).text(chart.title, MARGIN);
    const y = doc.y + 4;
    SVGtoPDF(doc, chart.svg, MARGIN, y, { width: chart.width, height: chart.height, fontCallback: (_family, bold) => (bold ? BOLD : FONT) });
    doc.x = MARGIN;
    doc.y = y + chart.height;
  }

  for (const table of reportTables(report, lang)) drawTable(doc, table, lang);

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc.page.margins.bottom = 0; // the footer sits in the margin; without this pdfkit would start a new page
    doc.font(FONT).fontSize(8).fillColor(GREY);
    const footer = zh ? `${title}　第 ${i + 1} / ${range.count} 页` : `${title} — page ${i + 1} of ${range.count}`;
    doc.text(footer, MARGIN, PAGE.height - MARGIN, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
