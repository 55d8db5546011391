import { Select, Table, type TableColumnsType } from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard, DashboardRankItem } from '../../../api/dashboard';
import { RATE_NAMES, type RateName } from '../../../api/rates';
import { useFormatters } from '../../../i18n/format';
import { RateCell } from '../../rates/RateCell';
import { ChartPanel, ScreenPanel } from './ScreenPanel';
import { SCREEN_COLOURS, barsOption } from './screenCharts';

type SortKey = 'composite' | RateName | 'received';
const SORT_KEYS: SortKey[] = ['composite', ...RATE_NAMES, 'received'];
const MAX_BARS = 12;

/** The value a unit is ranked by; null when it has no data for it (it goes last). */
function valueOf(item: DashboardRankItem, key: SortKey): number | null {
  if (key === 'composite') return item.composite;
  if (key === 'received') return item.counts.received;
  return item[key].value;
}

/** The units one level down ranked by the ranking rule's composite, a single rate, or volume. */
export function RankingPanel({ ranking, className }: { ranking: Dashboard['ranking']; className?: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const selectId = useId();
  const [sortBy, setSortBy] = useState<SortKey>('composite');
  const title = ranking.unitKind ? t('screen.ranking.title', { kind: t(`analysis.kinds.${ranking.unitKind}`) }) : t('screen.ranking.titleNone');
  const sortName = (key: SortKey) => (key === 'composite' ? t('screen.ranking.byComposite') : key === 'received' ? t('screen.ranking.byReceived') : t(`rates.${key}`));

  const sorted = useMemo(() => {
    if (sortBy === 'composite') return ranking.items; // already in the ranking rule's order
    return [...ranking.items].sort((a, b) => (valueOf(b, sortBy) ?? -1) - (valueOf(a, sortBy) ?? -1) || a.unit.id - b.unit.id);
  }, [ranking.items, sortBy]);
  const option = useMemo(() => {
    const shown = sorted.filter((i) => valueOf(i, sortBy) !== null).slice(0, MAX_BARS);
    const percent = sortBy !== 'received';
    return barsOption(
      shown.map((i) => {
        const v = valueOf(i, sortBy)!;
        return { name: i.unit.name, value: percent ? Math.round(v * 1000) / 10 : v, label: percent ? format.percent(v) : format.number(v) };
      }),
      sortName(sortBy),
      sortBy === 'received' ? SCREEN_COLOURS.received : SCREEN_COLOURS.resolved,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- sortName reads t only
  }, [sorted, sortBy, format, t]);

  if (!ranking.unitKind) {
    return (
      <ScreenPanel title={title} className={className}>
        <p className="screen-muted">{t('screen.ranking.none')}</p>
      </ScreenPanel>
    );
  }

  const columns: TableColumnsType<DashboardRankItem> = [
    { title: t('screen.ranking.rank'), key: 'rank', align: 'right', render: (_, i) => i.rank ?? t('analysis.monthly.unranked') },
    { title: t('screen.ranking.unit'), key: 'unit', render: (_, i) => i.unit.name },
    { title: t('screen.ranking.composite'), key: 'composite', align: 'right', render: (_, i) => (i.composite === null ? t('rates.noData') : format.percent(i.composite)) },
    ...RATE_NAMES.map((name) => ({ title: t(`rates.${name}`), key: name, align: 'right' as const, render: (_: unknown, i: DashboardRankItem) => <RateCell ratio={i[name]} /> })),
    { title: t('screen.ranking.byReceived'), key: 'received', align: 'right', render: (_, i) => format.number(i.counts.received) },
  ];

  return (
    <ChartPanel
      title={title}
      className={className}
      extra={
        <>
          <label htmlFor={selectId} className="visually-hidden">
            {t('screen.ranking.by')}
          </label>
          <Select<SortKey> id={selectId} value={sortBy} onChange={setSortBy} options={SORT_KEYS.map((k) => ({ value: k, label: sortName(k) }))} style={{ minWidth: 110 }} popupMatchSelectWidth={false} />
        </>
      }
      option={option}
      table={<Table<DashboardRankItem> size="small" rowKey={(i) => i.unit.id} pagination={false} sticky dataSource={sorted} columns={columns} scroll={{ x: 'max-content' }} />}
    />
  );
}
