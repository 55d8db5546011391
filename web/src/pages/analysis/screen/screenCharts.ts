import type { Ratio } from '../../../api/rates';
import type { Formatters } from '../../../i18n/format';
import type { ChartOption } from '../../rates/EChart';

/**
 * ECharts options for the dark big screen. Every colour passes 3:1 against the panel background
 * (#0d1f3c) and text 4.5:1; the same numbers are in each panel's table view.
 */
export const SCREEN_COLOURS = {
  text: '#e6f0ff',
  muted: '#a9bcd9',
  line: 'rgba(169, 188, 217, 0.25)',
  received: '#4aa3ff',
  resolved: '#5cdb7d',
  overdue: '#ff7a7a',
  accent: '#ffc53d',
} as const;

const AXIS_LABEL = { color: SCREEN_COLOURS.muted, fontSize: 13 };
const SPLIT_LINE = { lineStyle: { color: SCREEN_COLOURS.line } };
const TOOLTIP = { backgroundColor: '#13294d', borderColor: '#3a5a8c', textStyle: { color: SCREEN_COLOURS.text } };

/** Received, resolved and overdue per day as three lines. */
export function trendOption(items: { day: string; received: number; resolved: number; overdue: number }[], names: { received: string; resolved: string; overdue: string }, format: Formatters): ChartOption {
  const line = (key: 'received' | 'resolved' | 'overdue') => ({
    name: names[key],
    type: 'line',
    smooth: true,
    symbolSize: 6,
    lineStyle: { width: 3, color: SCREEN_COLOURS[key] },
    itemStyle: { color: SCREEN_COLOURS[key] },
    areaStyle: key === 'received' ? { color: 'rgba(74, 163, 255, 0.15)' } : undefined,
    data: items.map((d) => d[key]),
  });
  return {
    animation: false,
    tooltip: { trigger: 'axis', ...TOOLTIP, valueFormatter: (v: unknown) => format.number(typeof v === 'number' ? v : null) },
    legend: { top: 0, textStyle: { color: SCREEN_COLOURS.text, fontSize: 13 } },
    grid: { left: 8, right: 16, top: 36, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: items.map((d) => d.day.slice(5)), axisLabel: AXIS_LABEL, axisLine: { lineStyle: { color: SCREEN_COLOURS.muted } } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
    series: [line('received'), line('resolved'), line('overdue')],
  };
}

/** The three rates as gauges side by side, each with its numerator / denominator underneath. */
export function gaugesOption(rates: { name: string; ratio: Ratio }[], noData: string, format: Formatters): ChartOption {
  const colours = [SCREEN_COLOURS.received, SCREEN_COLOURS.resolved, SCREEN_COLOURS.accent];
  return {
    animation: false,
    series: rates.map((r, i) => ({
      type: 'gauge',
      // Side by side: a radius (of half the shorter side) that leaves each gauge its third of the width.
      center: [`${(100 / rates.length) * (i + 0.5)}%`, '50%'],
      radius: '34%',
      startAngle: 210,
      endAngle: -30,
      min: 0,
      max: 100,
      progress: { show: true, width: 10, itemStyle: { color: colours[i % colours.length] } },
      axisLine: { lineStyle: { width: 10, color: [[1, 'rgba(169, 188, 217, 0.2)']] } },
      axisTick: { show: false },
      splitLine: { show: false },
      axisLabel: { show: false },
      pointer: { show: false },
      // Names break onto two lines rather than run into the next gauge on a narrow panel.
      title: { offsetCenter: [0, '96%'], color: SCREEN_COLOURS.text, fontSize: 14, width: 84, overflow: 'break', lineHeight: 18 },
      detail: {
        offsetCenter: [0, '8%'],
        color: SCREEN_COLOURS.text,
        fontSize: 22,
        fontWeight: 600,
        formatter: () =>
          r.ratio.value === null ? noData : `${format.percent(r.ratio.value)}\n{fraction|${format.number(r.ratio.numerator)} / ${format.number(r.ratio.denominator)}}`,
        rich: { fraction: { color: SCREEN_COLOURS.muted, fontSize: 13, fontWeight: 400, padding: [6, 0, 0, 0] } },
      },
      data: [{ value: r.ratio.value === null ? 0 : Math.round(r.ratio.value * 1000) / 10, name: r.name }],
    })),
  };
}

/** Named values as horizontal bars, first at the top. */
export function barsOption(bars: { name: string; value: number; label: string }[], seriesName: string, colour: string): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis', ...TOOLTIP },
    grid: { left: 8, right: 56, top: 4, bottom: 4, containLabel: true },
    xAxis: { type: 'value', axisLabel: { show: false }, splitLine: SPLIT_LINE },
    yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.name), axisLabel: { ...AXIS_LABEL, color: SCREEN_COLOURS.text }, axisLine: { show: false }, axisTick: { show: false } },
    series: [
      {
        name: seriesName,
        type: 'bar',
        barMaxWidth: 18,
        itemStyle: { color: colour, borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', color: SCREEN_COLOURS.text, formatter: (p: { dataIndex: number }) => bars[p.dataIndex]?.label ?? '' },
        data: bars.map((b) => b.value),
      },
    ],
  };
}

/** Open whistles per kind, split into departments checked in and still awaited. */
export function whistleKindsOption(kinds: { name: string; checkedIn: number; awaited: number }[], names: { checkedIn: string; awaited: string }): ChartOption {
  const stack = (key: 'checkedIn' | 'awaited', colour: string) => ({
    name: names[key],
    type: 'bar',
    stack: 'summons',
    barMaxWidth: 28,
    itemStyle: { color: colour },
    label: { show: true, color: '#0d1f3c', fontWeight: 600, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
    data: kinds.map((k) => k[key]),
  });
  return {
    animation: false,
    tooltip: { trigger: 'axis', ...TOOLTIP },
    legend: { top: 0, textStyle: { color: SCREEN_COLOURS.text, fontSize: 13 } },
    grid: { left: 8, right: 16, top: 32, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: kinds.map((k) => k.name), axisLabel: { ...AXIS_LABEL, color: SCREEN_COLOURS.text, interval: 0 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
    series: [stack('checkedIn', SCREEN_COLOURS.resolved), stack('awaited', SCREEN_COLOURS.overdue)],
  };
}
