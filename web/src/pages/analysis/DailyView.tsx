import { Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DailyAnalysis, EarlyWarning } from '../../api/analysis';
import { RATE_NAMES } from '../../api/rates';
import { useFormatters } from '../../i18n/format';
import { ChartOrTable } from '../rates/ChartOrTable';
import { inLanguage } from '../rates/period';
import { RateCell } from '../rates/RateCell';
import { barOption } from './charts';
import { categoryName } from './period';
import { Rule, Section } from './Section';

type HotCategory = DailyAnalysis['hotCategories'][number];
type TopItem = DailyAnalysis['topUnits']['items'][number];

function signed(n: number, format: ReturnType<typeof useFormatters>): string {
  return n > 0 ? `+${format.number(n)}` : format.number(n);
}

/** 日分析: the day's volume against the same weekdays before, hot categories, top 10 and new warnings. */
export function DailyView({ data, loading }: { data: DailyAnalysis | undefined; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.language;

  const volumeRows = useMemo(
    () =>
      data
        ? [
            ...data.volume.sameWeekday.map((d) => ({ key: d.date, label: format.date(d.date), received: d.received, today: false })),
            { key: data.date, label: `${t('analysis.daily.today')} ${format.date(data.date)}`, received: data.volume.received, today: true },
          ]
        : [],
    [data, format, t],
  );
  const volumeOption = useMemo(
    () => barOption(volumeRows.map((r) => ({ name: r.label, value: r.received, highlight: r.today })), t('analysis.received'), format),
    [volumeRows, format, t],
  );
  const categories = data?.hotCategories ?? [];
  const categoryOption = useMemo(
    () => barOption(categories.map((c) => ({ name: categoryName(c.category, language), value: c.received })), t('analysis.received'), format, true),
    [categories, language, format, t],
  );
  const top = data?.topUnits.items ?? [];
  const topOption = useMemo(
    () => barOption(top.map((i) => ({ name: i.unit.name, value: i.counts.received })), t('analysis.received'), format, true),
    [top, format, t],
  );

  const ratio = (r: number | null) => (r === null ? t('rates.noData') : format.percent(r));

  const categoryColumns: TableColumnsType<HotCategory> = [
    { title: t('analysis.category'), key: 'category', render: (_, c) => categoryName(c.category, language) },
    { title: t('analysis.received'), dataIndex: 'received', align: 'right', render: (v: number) => format.number(v) },
    { title: t('analysis.mean'), dataIndex: 'sameWeekdayMean', align: 'right', render: (v: number) => format.number(v) },
    { title: t('analysis.change'), dataIndex: 'change', align: 'right', render: (v: number) => signed(v, format) },
    { title: t('analysis.changeRatio'), dataIndex: 'changeRatio', align: 'right', render: ratio },
  ];
  const topColumns: TableColumnsType<TopItem> = [
    { title: t('analysis.daily.position'), dataIndex: 'position', align: 'right' },
    { title: t('rates.unit'), key: 'unit', render: (_, i) => i.unit.name },
    { title: t('analysis.received'), key: 'received', align: 'right', render: (_, i) => format.number(i.counts.received) },
    ...RATE_NAMES.map((name) => ({
      title: t(`rates.${name}`),
      key: name,
      align: 'right' as const,
      render: (_: unknown, i: TopItem) => <RateCell ratio={i[name]} />,
    })),
  ];
  const warningColumns: TableColumnsType<EarlyWarning> = [
    { title: t('analysis.daily.grid'), key: 'grid', render: (_, w) => w.grid.name },
    { title: t('analysis.category'), key: 'category', render: (_, w) => categoryName(w.category, language) },
    { title: t('analysis.count'), dataIndex: 'count', align: 'right', render: (v: number) => format.number(v) },
    { title: t('analysis.daily.baseline'), dataIndex: 'baseline', align: 'right', render: (v: number) => format.number(v) },
    { title: t('analysis.daily.pValue'), dataIndex: 'pValue', align: 'right', render: (v: number) => v.toPrecision(2) },
    { title: t('analysis.daily.why'), key: 'why', render: (_, w) => inLanguage(w.why, language) },
  ];

  return (
    <>
      <Section title={t('analysis.daily.volume')}>
        {data && (
          <p>
            {t('analysis.daily.volumeSummary', {
              received: format.number(data.volume.received),
              mean: format.number(data.volume.sameWeekdayMean),
              change: `${signed(data.volume.change, format)}${data.volume.changeRatio === null ? '' : ` (${format.percent(data.volume.changeRatio)})`}`,
            })}
          </p>
        )}
        <ChartOrTable
          title={t('analysis.daily.volume')}
          option={volumeOption}
          table={
            <Table
              size="small"
              rowKey="key"
              loading={loading}
              pagination={false}
              dataSource={volumeRows}
              columns={[
                { title: t('analysis.date'), dataIndex: 'label' },
                { title: t('analysis.received'), dataIndex: 'received', align: 'right', render: (v: number) => format.number(v) },
              ]}
            />
          }
        />
      </Section>

      <Section title={t('analysis.daily.hotCategories')}>
        {data && categories.length === 0 ? (
          <p className="wb-muted">{t('analysis.daily.emptyCategories')}</p>
        ) : (
          <ChartOrTable
            title={t('analysis.daily.hotCategories')}
            option={categoryOption}
            table={
              <Table<HotCategory>
                size="small"
                rowKey={(c) => c.category.id}
                loading={loading}
                pagination={false}
                dataSource={categories}
                columns={categoryColumns}
                scroll={{ x: 'max-content' }}
              />
            }
          />
        )}
      </Section>

      <Section title={t('analysis.daily.topUnits')}>
        {data && top.length === 0 ? (
          <p className="wb-muted">{t('analysis.daily.emptyTop')}</p>
        ) : (
          <ChartOrTable
            title={t('analysis.daily.topUnits')}
            option={topOption}
            table={
              <Table<TopItem>
                size="small"
                rowKey={(i) => `${i.unit.kind}-${i.unit.id}`}
                loading={loading}
                pagination={false}
                dataSource={top}
                columns={topColumns}
                scroll={{ x: 'max-content' }}
              />
            }
          />
        )}
        {data && <p className="wb-muted">{inLanguage(data.topUnits.rule, language)}</p>}
      </Section>

      <Section title={t('analysis.daily.warnings')}>
        <Table<EarlyWarning>
          size="small"
          rowKey="id"
          loading={loading}
          pagination={false}
          dataSource={data?.warnings.items ?? []}
          columns={warningColumns}
          locale={{ emptyText: t('analysis.daily.emptyWarnings') }}
        />
        {data && (
          <Rule summary={t('analysis.rule')}>
            <p>{inLanguage(data.warnings.rule, language)}</p>
          </Rule>
        )}
      </Section>
    </>
  );
}
