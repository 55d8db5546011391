import type { z } from 'zod';
import type { MonthlyAnalysis, WeeklyAnalysis } from '../schema.js';

/**
 * The tables of the 周报 (周调度) and 月报 (月点评), one definition that both the Excel and the PDF
 * writers lay out, so the two files of a report cannot disagree. Every cell comes from the
 * weekly or monthly view's own data (the same use cases answer GET /api/analysis/weekly|monthly).
 */

export type Lang = 'zh' | 'en';
export type Weekly = z.infer<typeof WeeklyAnalysis>;
export type Monthly = z.infer<typeof MonthlyAnalysis>;
export type Ratio = { numerator: number; denominator: number; value: number | null };
export type Cell = string | number | null;

/** What a report is about: the view's data, tagged with its kind. */
export type ReportData = { kind: 'weekly'; data: Weekly } | { kind: 'monthly'; data: Monthly };

export interface ReportTable {
  /** Sheet name in the workbook, section heading in the PDF. */
  title: string;
  header: string[];
  rows: Cell[][];
  /** The rule or summary under the table. */
  note?: string;
  /** 1-based columns whose numbers are fractions, shown as percentages. */
  percentColumns?: number[];
}

export const RATES = ['responseRate', 'resolutionRate', 'satisfactionRate'] as const;
export const RATE_NAMES: Record<(typeof RATES)[number], Record<Lang, string>> = {
  responseRate: { zh: '响应率', en: 'Response rate' },
  resolutionRate: { zh: '解决率', en: 'Resolution rate' },
  satisfactionRate: { zh: '满意率', en: 'Satisfaction rate' },
};

/** A rate as its value (a fraction) beside its numerator and denominator. */
const ratioCells = (r: Ratio): Cell[] => [r.value, r.numerator, r.denominator];
const ratioHeader = (lang: Lang) => RATES.flatMap((k) => [RATE_NAMES[k][lang], lang === 'zh' ? '分子' : 'numerator', lang === 'zh' ? '分母' : 'denominator']);

function classProblemRows(items: Monthly['priorityCandidates']['items'], lang: Lang): Cell[][] {
  return items.map((p) => [p.place.name, lang === 'zh' ? p.category.nameZh : p.category.nameEn, p.count, p.firstAt, p.lastAt, p.publicIds.join(' ')]);
}

const classProblemHeader = (lang: Lang) =>
  lang === 'zh' ? ['地点', '类别', '次数', '首次', '最近', '诉求编号'] : ['Place', 'Category', 'Times', 'First', 'Last', 'Case numbers'];

/** 周调度: the overdue list, the class problems and the units behind their street. */
export function weeklyTables(data: Weekly, lang: Lang): ReportTable[] {
  const zh = lang === 'zh';
  return [
    {
      title: zh ? '超时诉求' : 'Overdue',
      header: zh ? ['编号', '状态', '接收时间', '办结时限', '督办级别'] : ['Number', 'Status', 'Received', 'Due', 'Supervision level'],
      rows: data.overdue.items.map((c) => [c.publicId, c.status, c.receivedAt, c.dueAt, c.supervisionLevel]),
      note: zh ? `${data.unit.name} ${data.week}：截至 ${data.overdue.asOf} 共 ${data.overdue.total} 件超时` : `${data.unit.name} ${data.week}: ${data.overdue.total} overdue as of ${data.overdue.asOf}`,
    },
    { title: zh ? '类问题' : 'Class problems', header: classProblemHeader(lang), rows: classProblemRows(data.classProblems.items, lang), note: data.classProblems.rule[lang] },
    {
      title: zh ? '落后单位' : 'Falling behind',
      header: zh ? ['单位', '指标', '单位值', '分子', '分母', '街道值', '差距'] : ['Unit', 'Rate', 'Unit value', 'numerator', 'denominator', 'Street value', 'Gap'],
      rows: data.fallingBehind.items.map((i) => [i.unit.name, RATE_NAMES[i.rate][lang], ...ratioCells(i.value), i.streetValue.value, i.gap]),
      note: data.fallingBehind.rule[lang],
      percentColumns: [3, 6, 7],
    },
  ];
}

/** 月点评: the three-rate ranking with the change on last month, and 每月一题 candidates. */
export function monthlyTables(data: Monthly, lang: Lang): ReportTable[] {
  const zh = lang === 'zh';
  return [
    {
      title: zh ? '三率排名' : 'Ranking',
      header: [...(zh ? ['名次', '单位', '综合得分'] : ['Rank', 'Unit', 'Composite']), ...ratioHeader(lang), zh ? '上月名次' : 'Last month', zh ? '名次变化' : 'Rank change'],
      rows: data.ranking.items.map((i) => [i.rank, i.unit.name, i.composite, ...RATES.flatMap((k) => ratioCells(i[k])), i.previous.rank, i.change.rank]),
      note: data.ranking.rule[lang],
      percentColumns: [3, 4, 7, 10],
    },
    { title: zh ? '每月一题' : 'Priority problems', header: classProblemHeader(lang), rows: classProblemRows(data.priorityCandidates.items, lang), note: data.priorityCandidates.rule[lang] },
  ];
}

export function reportTables(report: ReportData, lang: Lang): ReportTable[] {
  return report.kind === 'weekly' ? weeklyTables(report.data, lang) : monthlyTables(report.data, lang);
}
