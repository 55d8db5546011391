import { Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../api/dashboard';
import { useFormatters } from '../../../i18n/format';
import { ChartPanel } from './ScreenPanel';
import { trendOption } from './screenCharts';

type Day = Dashboard['trend']['items'][number];

/** Received, resolved and overdue per day. */
export function TrendPanel({ trend, className }: { trend: Dashboard['trend']; className?: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const names = useMemo(() => ({ received: t('screen.trend.received'), resolved: t('screen.trend.resolved'), overdue: t('screen.trend.overdue') }), [t]);
  const option = useMemo(() => trendOption(trend.items, names, format), [trend.items, names, format]);
  const count = (v: number) => format.number(v);
  return (
    <ChartPanel
      title={t('screen.trend.title')}
      className={className}
      option={option}
      table={
        <Table<Day>
          size="small"
          rowKey="day"
          pagination={false}
          sticky
          dataSource={trend.items}
          columns={[
            { title: t('screen.trend.day'), dataIndex: 'day', render: (v: string) => format.date(v) },
            { title: names.received, dataIndex: 'received', align: 'right', render: count },
            { title: names.resolved, dataIndex: 'resolved', align: 'right', render: count },
            { title: names.overdue, dataIndex: 'overdue', align: 'right', render: count },
          ]}
        />
      }
    />
  );
}
