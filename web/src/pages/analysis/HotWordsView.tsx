import { Table, Tag, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HotWord, HotWords } from '../../api/analysis';
import { useFormatters } from '../../i18n/format';
import { ChartOrTable } from '../rates/ChartOrTable';
import { inLanguage } from '../rates/period';
import { barOption } from './charts';
import { Rule, Section } from './Section';

const TREND_COLOUR = { new: 'purple', rising: 'red', steady: 'default', falling: 'green' } as const;
const TREND_MARK = { new: '★', rising: '↑', steady: '→', falling: '↓' } as const;

/** Hot words of the period with their counts and their trend against the period before. */
export function HotWordsView({ data, loading }: { data: HotWords | undefined; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.language;
  const items = data?.items ?? [];
  const title = t('analysis.hotWords.title');
  const option = useMemo(
    () => barOption(items.slice(0, 12).map((w) => ({ name: w.term, value: w.count })), t('analysis.count'), format, true),
    [items, format, t],
  );

  const columns: TableColumnsType<HotWord> = [
    { title: t('analysis.hotWords.term'), dataIndex: 'term' },
    { title: t('analysis.count'), dataIndex: 'count', align: 'right', render: (v: number) => format.number(v) },
    { title: t('analysis.hotWords.share'), dataIndex: 'share', align: 'right', render: (v: number) => format.percent(v) },
    { title: t('analysis.hotWords.previousCount'), dataIndex: 'previousCount', align: 'right', render: (v: number) => format.number(v) },
    { title: t('analysis.change'), dataIndex: 'change', align: 'right', render: (v: number) => format.number(v) },
    {
      title: t('analysis.hotWords.trend'),
      dataIndex: 'trend',
      render: (trend: HotWord['trend']) => (
        <Tag color={TREND_COLOUR[trend]}>
          <span aria-hidden>{TREND_MARK[trend]} </span>
          {t(`analysis.hotWords.trends.${trend}`)}
        </Tag>
      ),
    },
  ];

  return (
    <Section title={title}>
      {data && (
        <p className="wb-muted">
          {t('analysis.hotWords.period', {
            from: format.date(data.current.from),
            to: format.date(data.current.to),
            received: format.number(data.current.received),
            read: format.number(data.current.read),
            pfrom: format.date(data.previous.from),
            pto: format.date(data.previous.to),
            preceived: format.number(data.previous.received),
          })}
          {data.sample.truncated && ` ${t('analysis.hotWords.truncated')}：${inLanguage(data.sample.note, language)}`}
        </p>
      )}
      {data && items.length === 0 ? (
        <p className="wb-muted">{t('analysis.hotWords.empty')}</p>
      ) : (
        <ChartOrTable
          title={title}
          option={option}
          table={
            <Table<HotWord>
              size="small"
              rowKey="term"
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
        <Rule summary={t('analysis.rule')}>
          <p>{inLanguage(data.trendRule, language)}</p>
          <p>{inLanguage(data.sample.note, language)}</p>
        </Rule>
      )}
    </Section>
  );
}
