import { Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../api/dashboard';
import { RATE_NAMES } from '../../../api/rates';
import { useFormatters } from '../../../i18n/format';
import { ChartPanel } from './ScreenPanel';
import { gaugesOption } from './screenCharts';

/** 响应率、解决率、满意率 of the unit as gauges, each with its numerator and denominator. */
export function RatesPanel({ rates, className }: { rates: Dashboard['rates']; className?: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const rows = useMemo(() => RATE_NAMES.map((name) => ({ name, label: t(`rates.${name}`), ratio: rates[name] })), [rates, t]);
  const option = useMemo(() => gaugesOption(rows.map((r) => ({ name: r.label, ratio: r.ratio })), t('rates.noData'), format), [rows, t, format]);
  return (
    <ChartPanel
      title={t('screen.rates.title')}
      className={className}
      option={option}
      table={
        <Table<(typeof rows)[number]>
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('screen.rates.rate'), dataIndex: 'label' },
            { title: t('screen.rates.value'), key: 'value', align: 'right', render: (_, r) => (r.ratio.value === null ? t('rates.noData') : format.percent(r.ratio.value)) },
            { title: t('screen.rates.fraction'), key: 'fraction', align: 'right', render: (_, r) => `${format.number(r.ratio.numerator)} / ${format.number(r.ratio.denominator)}` },
          ]}
        />
      }
    />
  );
}
