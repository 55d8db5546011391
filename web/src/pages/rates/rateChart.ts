import type { TFunction } from 'i18next';
import { RATE_NAMES, type Ratio } from '../../api/rates';
import type { Formatters } from '../../i18n/format';
import type { ChartOption } from './EChart';

// Three lines told apart by colour and by marker shape, so colour is not the only cue.
const SERIES_STYLE = [
  { color: '#0958d9', symbol: 'circle' },
  { color: '#237804', symbol: 'rect' },
  { color: '#ad4e00', symbol: 'triangle' },
] as const;

const asPercent = (ratio: Ratio) => (ratio.value === null ? null : Math.round(ratio.value * 1000) / 10);

/** The three rates of each day as lines (percent); a day without data leaves a gap. */
export function dailyRatesOption(
  days: { label: string; rates: Record<(typeof RATE_NAMES)[number], Ratio> }[],
  t: TFunction,
  format: Formatters,
): ChartOption {
  return {
    animation: false,
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: unknown) => (typeof value === 'number' ? format.percent(value / 100) : t('rates.noData')),
    },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: days.map((d) => d.label), axisLabel: { color: 'rgba(0,0,0,0.75)' } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', color: 'rgba(0,0,0,0.75)' } },
    series: RATE_NAMES.map((name, i) => ({
      name: t(`rates.${name}`),
      type: 'line',
      data: days.map((d) => asPercent(d.rates[name])),
      connectNulls: false,
      symbol: SERIES_STYLE[i]?.symbol,
      symbolSize: 7,
      itemStyle: { color: SERIES_STYLE[i]?.color },
      lineStyle: { color: SERIES_STYLE[i]?.color, width: 2 },
    })),
  };
}

/** Cases received per unit as bars, most first. */
export function volumeOption(units: { name: string; received: number }[], t: TFunction, format: Formatters): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => format.number(typeof value === 'number' ? value : null) },
    grid: { left: 16, right: 24, top: 16, bottom: 16, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: 'rgba(0,0,0,0.75)' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: units.map((u) => u.name),
      axisLabel: { color: 'rgba(0,0,0,0.85)' },
    },
    series: [
      {
        name: t('rates.received'),
        type: 'bar',
        data: units.map((u) => u.received),
        itemStyle: { color: '#0958d9' },
        label: { show: true, position: 'right', color: 'rgba(0,0,0,0.85)' },
      },
    ],
  };
}
