import LockOutlined from '@ant-design/icons/LockOutlined';
import { Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, type TimelineEntry } from '../../api/cases';
import { useFormatters } from '../../i18n/format';
import { isOneOf, TIMELINE_ACTIONS } from './labels';

/** 办理经过: every step of the case in order; internal notes are marked and shown in grey. */
export function CaseTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (entries.length === 0) return <p className="wb-muted">{t('timeline.empty')}</p>;

  const actionLabel = (action: string) => (isOneOf(TIMELINE_ACTIONS, action) ? t(`caseEnums.action.${action}`) : action);
  const statusLabel = (status: string | null) =>
    isOneOf(CASE_STATUSES, status) ? t(`caseEnums.status.${status}`) : (status ?? '');

  return (
    <Timeline
      items={entries.map((entry) => ({
        key: entry.id,
        color: entry.internal ? 'gray' : entry.action === 'overdue' || entry.action === 'escalate' ? 'red' : 'blue',
        icon: entry.internal ? <LockOutlined aria-hidden /> : undefined,
        title: <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>,
        content: (
          <div>
            <div>
              <strong>{actionLabel(entry.action)}</strong>
              <span className="wb-muted"> · {entry.actorName}</span>
              {entry.fromStatus && entry.toStatus && entry.fromStatus !== entry.toStatus && (
                <span className="wb-muted">
                  {' · '}
                  {t('timeline.statusChange', { from: statusLabel(entry.fromStatus), to: statusLabel(entry.toStatus) })}
                </span>
              )}
              {entry.internal && (
                <Tag style={{ marginInlineStart: 8 }} title={t('timeline.internalHint')}>
                  {t('timeline.internal')}
                </Tag>
              )}
            </div>
            {entry.note && <p className="wb-description" style={{ marginTop: 4 }}>{entry.note}</p>}
          </div>
        ),
      }))}
    />
  );
}
