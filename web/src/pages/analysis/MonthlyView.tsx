import { Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonthlyAnalysis } from '../../api/analysis';
import { RATE_NAMES, type RankingItem } from '../../api/rates';
import { useFormatters } from '../../i18n/format';
import { ChartOrTable } from '../rates/ChartOrTable';
import { inLanguage, monthLabel } from '../rates/period';
import { RateCell } from '../rates/RateCell';
import { ClassProblemTable } from './ClassProblemTable';
import { Rule, Section } from './Section';

/** 月点评: the three-rate ranking with the change on last month, and the 每月一题 candidates. */
export function MonthlyView({ data, loading, month }: { data: MonthlyAnalysis | undefined; loading: boolean; month: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.language;
  const items = data?.ranking.items ?? [];
  const title = t('analysis.monthly.ranking', { month: monthLabel(month, language) });

  const change = (item: RankingItem) => {
    if (item.rank === null) return <span className="wb-muted">{t('analysis.monthly.unranked')}</span>;
    if (item.previous.rank === null) return <span className="wb-muted">{t('analysis.monthly.new')}</span>;
    const n = item.change.rank ?? 0;
    if (n > 0) return <span className="wb-rate-change--up">↑ {t('analysis.monthly.up', { count: n })}</span>;
    if (n < 0) return <span className="wb-rate-change--down">↓ {t('analysis.monthly.down', { count: -n })}</span>;
    return <span className="wb-muted">{t('analysis.monthly.same')}</span>;
  };

  const columns: TableColumnsType<RankingItem> = [
    {
      title: t('analysis.monthly.rank'),
      dataIndex: 'rank',
      align: 'right',
      render: (rank: number | null) => (rank === null ? <span className="wb-muted">{t('analysis.monthly.unranked')}</span> : format.number(rank)),
    },
    { title: t('analysis.change'), key: 'change', render: (_, item) => change(item) },
    { title: t('rates.unit'), key: 'unit', render: (_, item) => item.unit.name },
    ...RATE_NAMES.map((name) => ({
      title: t(`rates.${name}`),
      key: name,
      align: 'right' as const,
      render: (_: unknown, item: RankingItem) => <RateCell ratio={item[name]} />,
    })),
    {
      title: t('analysis.monthly.composite'),
      dataIndex: 'composite',
      align: 'right',
      render: (v: number | null) => (v === null ? t('rates.noData') : format.percent(v)),
    },
    { title: t('analysis.received'), key: 'received', align: 'right', render: (_, item) => format.number(item.counts.received) },
  ];

  const option = useMemo(() => {
    const ranked = items.filter((i) => i.composite !== null);
    return {
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? format.percent(v / 100) : '') },
      grid: { left: 16, right: 32, top: 16, bottom: 16, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', color: 'rgba(0,0,0,0.75)' } },
      yAxis: { type: 'category', inverse: true, data: ranked.map((i) => i.unit.name), axisLabel: { color: 'rgba(0,0,0,0.85)' } },
      series: [
        {
          name: t('analysis.monthly.composite'),
          type: 'bar',
          barMaxWidth: 24,
          itemStyle: { color: '#0958d9' },
          data: ranked.map((i) => Math.round((i.composite ?? 0) * 1000) / 10),
        },
      ],
    };
  }, [items, format, t]);

  return (
    <>
      <Section title={title}>
        {data && items.length === 0 ? (
          <p className="wb-muted">{t('analysis.monthly.emptyRanking')}</p>
        ) : (
          <ChartOrTable
            title={title}
            option={option}
            table={
              <Table<RankingItem>
                size="small"
                rowKey={(i) => `${i.unit.kind}-${i.unit.id}`}
                loading={loading}
                pagination={items.length > 20 ? { pageSize: 20 } : false}
                dataSource={items}
                columns={columns}
                scroll={{ x: 'max-content' }}
              />
            }
          />
        )}
        {data && (
          <Rule summary={`${t('analysis.rule')} · ${t('rates.formulas')}`}>
            <p>{inLanguage(data.ranking.rule, language)}</p>
            <ul>
              {RATE_NAMES.map((name) => (
                <li key={name}>{inLanguage(data.ranking.formulas[name], language)}</li>
              ))}
            </ul>
          </Rule>
        )}
      </Section>

      <Section title={t('analysis.monthly.candidates')}>
        <ClassProblemTable items={data?.priorityCandidates.items ?? []} loading={loading} emptyText={t('analysis.monthly.emptyCandidates')} />
        {data && (
          <Rule summary={t('analysis.rule')}>
            <p>{inLanguage(data.priorityCandidates.rule, language)}</p>
            <p>{inLanguage(data.priorityCandidates.classProblemRule, language)}</p>
          </Rule>
        )}
      </Section>
    </>
  );
}
