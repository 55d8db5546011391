import * as echarts from 'echarts';
import { RATE_NAMES, RATES, type Lang, type ReportData } from './report-tables.js';

/**
 * The charts of a report as SVG, drawn by ECharts on the server (no DOM, no canvas), from the
 * same data as the tables beside them (the tables are the charts' text alternative).
 */

export interface ReportChart {
  title: string;
  svg: string;
  width: number;
  height: number;
}

interface Bars {
  title: string;
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  /** Values are fractions, shown as percentages on a 0–100 % axis. */
  percent: boolean;
  width: number;
}

const COLORS = ['#0958d9', '#ad4e00', '#237804'];
const TEXT = { color: 'rgba(0,0,0,0.85)', fontFamily: 'Noto Sans SC' };

function barChart(b: Bars): ReportChart {
  const height = Math.min(420, 90 + b.categories.length * b.series.length * 18);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: b.width, height });
  const label = (v: number) => (b.percent ? `${(v * 100).toFixed(1)}%` : String(v));
  chart.setOption({
    animation: false,
    textStyle: TEXT,
    color: COLORS,
    legend: b.series.length > 1 ? { top: 0, textStyle: TEXT } : undefined,
    grid: { left: 8, right: 56, top: b.series.length > 1 ? 28 : 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', ...(b.percent ? { max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%`, ...TEXT } } : { minInterval: 1, axisLabel: TEXT }) },
    yAxis: { type: 'category', inverse: true, data: b.categories, axisLabel: { ...TEXT, width: 150, overflow: 'truncate' } },
    series: b.series.map((s) => ({
      name: s.name,
      type: 'bar',
      barMaxWidth: 18,
      label: { show: true, position: 'right', ...TEXT, formatter: (p: { value: number | null }) => (p.value === null ? '' : label(p.value)) },
      data: s.values,
    })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return { title: b.title, svg, width: b.width, height };
}

const MAX_BARS = 12;

/** The charts of a weekly or monthly report, `width` points wide; none where there is nothing to draw. */
export function reportCharts(report: ReportData, lang: Lang, width: number): ReportChart[] {
  const zh = lang === 'zh';
  const rateNames = RATES.map((r) => RATE_NAMES[r][lang]);
  if (report.kind === 'weekly') {
    const { data } = report;
    const street = data.fallingBehind.street;
    const charts: ReportChart[] = [];
    if (RATES.some((r) => street[r].value !== null)) {
      charts.push(barChart({ title: zh ? '本周街道三率' : "The street's three rates this week", categories: rateNames, series: [{ name: data.unit.name, values: RATES.map((r) => street[r].value) }], percent: true, width }));
    }
    const problems = data.classProblems.items.slice(0, MAX_BARS);
    if (problems.length) {
      charts.push(
        barChart({
          title: zh ? '类问题次数' : 'Class problems: times',
          categories: problems.map((p) => `${p.place.name} · ${zh ? p.category.nameZh : p.category.nameEn}`),
          series: [{ name: zh ? '次数' : 'Times', values: problems.map((p) => p.count) }],
          percent: false,
          width,
        }),
      );
    }
    return charts;
  }
  const ranked = report.data.ranking.items.filter((i) => i.rank !== null).slice(0, MAX_BARS);
  if (!ranked.length) return [];
  return [
    barChart({
      title: zh ? `三率（排名前 ${ranked.length} 位）` : `The three rates (top ${ranked.length} by rank)`,
      categories: ranked.map((i) => `${i.rank}. ${i.unit.name}`),
      series: RATES.map((r, k) => ({ name: rateNames[k]!, values: ranked.map((i) => i[r].value) })),
      percent: true,
      width,
    }),
  ];
}
