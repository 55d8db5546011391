import { Input, Table, type TableColumnsType } from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getTopUnits, RATE_NAMES, type RankedUnitKind, type TopUnits as TopUnitsData } from '../../api/rates';
import { useApi } from '../../components/useApi';
import { useFormatters } from '../../i18n/format';
import { ChartOrTable } from './ChartOrTable';
import { inLanguage, localToday } from './period';
import { RateCell } from './RateCell';
import { volumeOption } from './rateChart';

type TopItem = TopUnitsData['items'][number];

/** The ten units of a kind that received most cases on a day: bars, or the same as a table. */
export function TopUnits({ unitKind }: { unitKind: RankedUnitKind }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const dateId = useId();
  const today = localToday();
  const [date, setDate] = useState(today);
  const top = useApi((signal) => getTopUnits(unitKind, date, signal), [unitKind, date], { keepPrevious: true });
  const items = top.data?.items ?? [];
  const title = t('rates.top');

  const option = useMemo(
    () => volumeOption(items.map((i) => ({ name: i.unit.name, received: i.counts.received })), t, format),
    [items, t, format],
  );

  const columns: TableColumnsType<TopItem> = [
    { title: t('rates.position'), dataIndex: 'position', align: 'right' },
    { title: t('rates.unit'), key: 'unit', render: (_, i) => i.unit.name },
    { title: t('rates.received'), key: 'received', align: 'right', render: (_, i) => format.number(i.counts.received) },
    ...RATE_NAMES.map((name) => ({
      title: t(`rates.${name}`),
      key: name,
      align: 'right' as const,
      render: (_: unknown, i: TopItem) => <RateCell ratio={i[name]} />,
    })),
  ];

  return (
    <>
      <div className="wb-toolbar">
        <label htmlFor={dateId}>{t('rates.topDate')}</label>
        <Input
          id={dateId}
          type="date"
          value={date}
          max={today}
          style={{ width: 180 }}
          onChange={(e) => e.target.value && setDate(e.target.value)}
        />
      </div>
      {top.data && items.length === 0 ? (
        <p className="wb-muted">{t('rates.emptyTop')}</p>
      ) : (
        <ChartOrTable
          title={title}
          option={option}
          table={
            <Table<TopItem>
              size="small"
              rowKey={(i) => `${i.unit.kind}-${i.unit.id}`}
              columns={columns}
              dataSource={items}
              loading={top.loading}
              pagination={false}
              scroll={{ x: 'max-content' }}
            />
          }
        />
      )}
      {top.data && <p className="wb-muted">{inLanguage(top.data.rule, i18n.language)}</p>}
    </>
  );
}
