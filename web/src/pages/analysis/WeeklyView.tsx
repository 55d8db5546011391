import { Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { FallingBehind, OverdueCase, WeeklyAnalysis } from '../../api/analysis';
import { CASE_STATUSES } from '../../api/cases';
import { useFormatters } from '../../i18n/format';
import { isOneOf } from '../cases/labels';
import { ChartOrTable } from '../rates/ChartOrTable';
import { inLanguage } from '../rates/period';
import { RateCell } from '../rates/RateCell';
import { ClassProblemTable } from './ClassProblemTable';
import { Rule, Section } from './Section';

/** 周调度: open overdue cases, class problems, and units behind their street on the three rates. */
export function WeeklyView({ data, loading }: { data: WeeklyAnalysis | undefined; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.language;

  const overdueColumns: TableColumnsType<OverdueCase> = [
    {
      title: t('analysis.weekly.publicId'),
      dataIndex: 'publicId',
      render: (publicId: string, c) => <Link to={`/cases/${c.id}`}>{publicId}</Link>,
    },
    {
      title: t('analysis.weekly.status'),
      dataIndex: 'status',
      render: (s: string) => (isOneOf(CASE_STATUSES, s) ? t(`caseEnums.status.${s}`) : s),
    },
    { title: t('analysis.weekly.receivedAt'), dataIndex: 'receivedAt', render: (v: string) => format.dateTime(v) },
    { title: t('analysis.weekly.dueAt'), dataIndex: 'dueAt', render: (v: string) => format.dateTime(v) },
    { title: t('analysis.weekly.supervision'), dataIndex: 'supervisionLevel', align: 'right', render: (v: number) => format.number(v) },
  ];

  const behind = data?.fallingBehind.items ?? [];
  const behindColumns: TableColumnsType<FallingBehind> = [
    { title: t('rates.unit'), key: 'unit', render: (_, b) => b.unit.name },
    { title: t('analysis.weekly.rate'), dataIndex: 'rate', render: (r: FallingBehind['rate']) => t(`rates.${r}`) },
    { title: t('analysis.weekly.value'), key: 'value', align: 'right', render: (_, b) => <RateCell ratio={b.value} /> },
    { title: t('analysis.weekly.streetValue'), key: 'street', align: 'right', render: (_, b) => <RateCell ratio={b.streetValue} /> },
    { title: t('analysis.weekly.gap'), dataIndex: 'gap', align: 'right', render: (v: number) => format.percent(v) },
  ];
  const behindOption = useMemo(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? format.percent(v / 100) : '') },
      legend: { top: 0 },
      grid: { left: 16, right: 24, top: 40, bottom: 16, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', color: 'rgba(0,0,0,0.75)' } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: behind.map((b) => `${b.unit.name} · ${t(`rates.${b.rate}`)}`),
        axisLabel: { color: 'rgba(0,0,0,0.85)', interval: 0 },
      },
      series: [
        { name: t('analysis.weekly.value'), type: 'bar', barMaxWidth: 12, itemStyle: { color: '#ad4e00' }, data: behind.map((b) => pct(b.value.value)) },
        { name: t('analysis.weekly.streetValue'), type: 'bar', barMaxWidth: 12, itemStyle: { color: '#0958d9' }, data: behind.map((b) => pct(b.streetValue.value)) },
      ],
    }),
    [behind, format, t],
  );

  return (
    <>
      <Section title={t('analysis.weekly.overdue')}>
        {data && (
          <p className="wb-muted">
            {t('analysis.weekly.overdueSummary', {
              asOf: format.dateTime(data.overdue.asOf),
              total: format.number(data.overdue.total),
              limit: format.number(data.overdue.limit),
            })}
          </p>
        )}
        <Table<OverdueCase>
          size="small"
          rowKey="id"
          loading={loading}
          pagination={(data?.overdue.items.length ?? 0) > 20 ? { pageSize: 20 } : false}
          dataSource={data?.overdue.items ?? []}
          columns={overdueColumns}
          locale={{ emptyText: t('analysis.weekly.emptyOverdue') }}
          scroll={{ x: 'max-content' }}
        />
      </Section>

      <Section title={t('analysis.weekly.classProblems')}>
        <ClassProblemTable items={data?.classProblems.items ?? []} loading={loading} emptyText={t('analysis.weekly.emptyClass')} />
        {data && (
          <Rule summary={t('analysis.rule')}>
            <p>{inLanguage(data.classProblems.rule, language)}</p>
          </Rule>
        )}
      </Section>

      <Section title={t('analysis.weekly.fallingBehind')}>
        {data && behind.length === 0 ? (
          <p className="wb-muted">{t('analysis.weekly.emptyBehind')}</p>
        ) : (
          <ChartOrTable
            title={t('analysis.weekly.fallingBehind')}
            option={behindOption}
            table={
              <Table<FallingBehind>
                size="small"
                rowKey={(b) => `${b.unit.kind}-${b.unit.id}-${b.rate}`}
                loading={loading}
                pagination={false}
                dataSource={behind}
                columns={behindColumns}
                scroll={{ x: 'max-content' }}
              />
            }
          />
        )}
        {data && (
          <Rule summary={`${t('analysis.rule')} · ${t('rates.formulas')}`}>
            <p>{inLanguage(data.fallingBehind.rule, language)}</p>
            <ul>
              {(['responseRate', 'resolutionRate', 'satisfactionRate'] as const).map((name) => (
                <li key={name}>{inLanguage(data.fallingBehind.formulas[name], language)}</li>
              ))}
            </ul>
          </Rule>
        )}
      </Section>
    </>
  );
}

const pct = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
