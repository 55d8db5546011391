import { Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getUnitRates, RATE_NAMES, type RateUnit, type UnitRates } from '../../api/rates';
import { useApi } from '../../components/useApi';
import { useFormatters } from '../../i18n/format';
import { mapLimit } from '../cases/mapLimit';
import { ChartOrTable } from './ChartOrTable';
import { daysOfMonth } from './period';
import { RateCell } from './RateCell';
import { dailyRatesOption } from './rateChart';

/** One unit's three rates for each day of the month so far: a line chart, or the same as a table. */
export function UnitDailyRates({ unit, month, title }: { unit: RateUnit; month: string; title: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const [done, setDone] = useState(0);
  const days = useMemo(() => daysOfMonth(month), [month]);

  // One request per day (at most 31), four at a time.
  const daily = useApi(
    (signal) => {
      setDone(0);
      return mapLimit(days, 4, (day) => getUnitRates(unit, 'day', day, signal), setDone);
    },
    [unit.kind, unit.id, days],
  );

  const dayLabel = useMemo(() => {
    const formatter = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', timeZone: 'UTC' });
    return (day: string) => formatter.format(new Date(`${day}T00:00:00Z`));
  }, [i18n.language]);

  const rows = daily.data ?? [];
  const option = useMemo(
    () => dailyRatesOption(rows.map((r) => ({ label: dayLabel(r.from), rates: r })), t, format),
    [rows, dayLabel, t, format],
  );

  if (!daily.data) {
    return <p role="status">{daily.loading ? t('rates.loadingDays', { done, total: days.length }) : t('rates.empty')}</p>;
  }

  const columns: TableColumnsType<UnitRates> = [
    { title: t('rates.date'), dataIndex: 'from', render: (v: string) => format.date(v) },
    ...RATE_NAMES.map((name) => ({
      title: t(`rates.${name}`),
      key: name,
      align: 'right' as const,
      render: (_: unknown, row: UnitRates) => <RateCell ratio={row[name]} />,
    })),
    { title: t('rates.received'), key: 'received', align: 'right', render: (_, row) => format.number(row.counts.received) },
  ];

  return (
    <ChartOrTable
      title={title}
      option={option}
      table={
        <Table<UnitRates>
          size="small"
          rowKey="from"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      }
    />
  );
}
