import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import { Button, Progress, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useEffect, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { listReports, requestReport, type AnalysisReport, type AreaUnit, type ReportKind, type ReportStatus } from '../../api/analysis';
import { newIdempotencyKey } from '../../api/client';
import { useMessage } from '../../components/messages';
import { useApi, useShowError } from '../../components/useApi';
import { useFormatters } from '../../i18n/format';
import { Section } from './Section';

/** How often the list is read again while a report is queued or being generated. */
const POLL_MS = 1500;
// antd's preset tag colours fall below 4.5:1; these pairs meet WCAG AA (as in cases/CaseTags.tsx).
const STATUS_STYLE: Record<ReportStatus, CSSProperties> = {
  queued: { color: 'rgba(0,0,0,0.75)', background: '#f5f5f5', borderColor: '#d9d9d9' },
  running: { color: '#0958d9', background: '#e6f4ff', borderColor: '#91caff' },
  done: { color: '#237804', background: '#f6ffed', borderColor: '#b7eb8f' },
  failed: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
};

const isBusy = (r: AnalysisReport) => r.status === 'queued' || r.status === 'running';
const sizeText = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** 周报/月报: the unit's kept reports, generated on demand or by the schedule, as PDF and Excel downloads. */
export function ReportsPanel({ unit, week, month }: { unit: AreaUnit; week: string; month: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const message = useMessage();
  const showError = useShowError();
  const [pending, setPending] = useState<ReportKind | null>(null);
  const state = useApi((signal) => listReports(unit, signal), [unit.kind, unit.id], { keepPrevious: true });
  const items = state.data?.items ?? [];
  const busy = items.some(isBusy);
  const { reload } = state;

  useEffect(() => {
    if (!busy) return undefined;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [busy, state.data, reload]);

  const nameOf = (r: Pick<AnalysisReport, 'kind' | 'period'>) => t('analysis.reports.name', { period: r.period, kind: t(`analysis.reports.kinds.${r.kind}`) });

  const generate = async (kind: ReportKind, period: string) => {
    setPending(kind);
    try {
      const report = await requestReport(unit, kind, period, newIdempotencyKey());
      void message.success(t('analysis.reports.queued', { name: nameOf(report) }));
      state.setData((current) => ({ items: [report, ...(current?.items ?? []).filter((r) => r.id !== report.id)] }));
    } catch (error) {
      showError(error);
    } finally {
      setPending(null);
    }
  };

  const columns: TableColumnsType<AnalysisReport> = [
    { title: t('analysis.reports.report'), key: 'name', render: (_, r) => nameOf(r) },
    { title: t('analysis.reports.source'), key: 'source', render: (_, r) => (r.source === 'schedule' ? t('analysis.reports.schedule') : (r.requestedBy?.name ?? '—')) },
    {
      title: t('analysis.reports.status'),
      key: 'status',
      render: (_, r) => (
        <>
          <Tag style={STATUS_STYLE[r.status]} variant="outlined">{t(`analysis.reports.statuses.${r.status}`)}</Tag>
          {isBusy(r) && (
            <Progress percent={r.progress} size="small" style={{ minWidth: 120 }} aria-label={t('analysis.reports.progress', { name: nameOf(r), percent: r.progress })} />
          )}
          {r.status === 'failed' && r.error && <div className="wb-muted">{r.error}</div>}
        </>
      ),
    },
    { title: t('analysis.reports.createdAt'), dataIndex: 'createdAt', render: (v: string) => format.dateTime(v) },
    { title: t('analysis.reports.finishedAt'), dataIndex: 'finishedAt', render: (v: string | null) => (v ? format.dateTime(v) : '—') },
    {
      title: t('analysis.reports.download'),
      key: 'files',
      render: (_, r) => (
        <Space wrap>
          {r.files.map((f) => (
            <Button
              key={f.format}
              size="small"
              href={f.url}
              icon={<DownloadOutlined aria-hidden />}
              data-testid={`report-file-${r.id}-${f.format}`}
            >
              {t(`analysis.reports.formats.${f.format}`)}
              <span className="visually-hidden">{t('analysis.reports.fileContext', { name: nameOf(r), size: sizeText(f.bytes) })}</span>
            </Button>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <Section title={t('analysis.reports.title')}>
      <p className="wb-muted">{t('analysis.reports.intro')}</p>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" loading={pending === 'weekly'} onClick={() => void generate('weekly', week)} data-testid="report-generate-weekly">
          {t('analysis.reports.generateWeekly', { week })}
        </Button>
        <Button loading={pending === 'monthly'} onClick={() => void generate('monthly', month)} data-testid="report-generate-monthly">
          {t('analysis.reports.generateMonthly', { month })}
        </Button>
      </Space>
      <Table<AnalysisReport>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={state.loading && !state.data}
        locale={{ emptyText: t('analysis.reports.empty') }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        data-testid="report-list"
      />
    </Section>
  );
}
