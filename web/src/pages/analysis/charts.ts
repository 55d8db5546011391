import type { Formatters } from '../../i18n/format';
import type { ChartOption } from '../rates/EChart';

const AXIS = { color: 'rgba(0,0,0,0.75)' };

/**
 * One series of counts as bars: vertical for a few periods side by side, horizontal (most first)
 * for named things. A highlighted bar (the day analysed) is also named so on its axis label.
 */
export function barOption(
  bars: { name: string; value: number; highlight?: boolean }[],
  seriesName: string,
  format: Formatters,
  horizontal = false,
): ChartOption {
  const category = { type: 'category', data: bars.map((b) => b.name), axisLabel: { ...AXIS, interval: 0 } };
  const value = { type: 'value', minInterval: 1, axisLabel: AXIS };
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => format.number(typeof v === 'number' ? v : null) },
    grid: { left: 16, right: 24, top: 24, bottom: 16, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [
      {
        name: seriesName,
        type: 'bar',
        barMaxWidth: 40,
        label: { show: true, position: horizontal ? 'right' : 'top', color: 'rgba(0,0,0,0.85)' },
        data: bars.map((b) => ({
          value: b.value,
          itemStyle: { color: b.highlight ? '#ad4e00' : '#0958d9' },
        })),
      },
    ],
  };
}
