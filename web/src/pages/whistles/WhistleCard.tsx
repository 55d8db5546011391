import { Button, Descriptions, Table, Tag, type TableColumnsType } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Summons, WhistleAction, WhistleDetail, WhistleKind } from '../../api/whistles';
import { useFormatters } from '../../i18n/format';
import { DueCountdown } from '../cases/DueCountdown';

// Tag colours with at least 4.5:1 contrast.
const KIND_STYLE: Record<WhistleKind, CSSProperties> = {
  routine: { color: '#0958d9', background: '#e6f4ff', borderColor: '#91caff' },
  tough: { color: '#ad4e00', background: '#fff7e6', borderColor: '#ffd591' },
  emergency: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
};

const ACTION_ORDER: readonly WhistleAction[] = ['check_in', 'close', 'rate'];

interface Props {
  detail: WhistleDetail;
  now: number;
  onAction(action: WhistleAction): void;
}

/** One whistle: kind, reason, who blew it when, the check-in countdown and each summoned department. */
export function WhistleCard({ detail, now, onAction }: Props) {
  const { t } = useTranslation();
  const format = useFormatters();
  const w = detail.whistle;
  const headingId = `whistle-${w.id}`;
  const waiting = w.status === 'open' && w.checkedIn < w.summoned;

  const summonsStatus = (s: Summons) => {
    if (s.absent) return t('whistles.absent');
    if (!s.checkedIn) return t('whistles.waiting');
    return s.onTime ? `${t('whistles.checkedIn')} · ${t('whistles.onTime')}` : `${t('whistles.checkedIn')} · ${t('whistles.late')}`;
  };

  const columns: TableColumnsType<Summons> = [
    { title: t('whistles.summoned'), dataIndex: 'departmentName' },
    {
      title: t('whistles.status'),
      key: 'status',
      render: (_, s) => (
        <span className={s.absent || (s.checkedIn && !s.onTime) ? 'due--overdue' : s.checkedIn ? undefined : 'wb-muted'}>
          {summonsStatus(s)}
          {s.minutesToCheckIn !== null && (
            <span className="wb-muted"> · {t('whistles.minutesToCheckIn', { count: s.minutesToCheckIn })}</span>
          )}
        </span>
      ),
    },
    { title: t('whistles.peopleSent'), dataIndex: 'peopleSent', render: (v: string | null) => v ?? t('common.empty') },
    {
      title: t('whistles.rating'),
      key: 'rating',
      render: (_, s) =>
        s.rating === null ? t('common.empty') : (
          <span title={s.ratingComment ?? undefined}>
            {t('whistles.ratingValue', { value: s.rating })}
            {s.ratingComment && <span className="wb-muted"> · {s.ratingComment}</span>}
          </span>
        ),
    },
  ];

  const actionLabel: Record<WhistleAction, string> = {
    check_in: t('whistles.checkIn'),
    close: t('whistles.close'),
    rate: t('whistles.rate'),
  };

  return (
    <article className="panel wb-card" aria-labelledby={headingId}>
      <div className="wb-toolbar" style={{ marginBottom: 8 }}>
        <Tag style={KIND_STYLE[w.kind]} variant="outlined">
          {t(`whistles.kind.${w.kind}`)}
        </Tag>
        <Tag variant="outlined">{w.status === 'open' ? t('whistles.open') : t('whistles.closed')}</Tag>
        <h2 className="section-title" id={headingId} style={{ margin: 0 }}>
          {w.reason}
        </h2>
        {waiting && (
          <span className="wb-toolbar-end">
            {t('whistles.checkinDue')}{' '}
            <DueCountdown deadline={{ kind: 'response', startsAt: w.blownAt, dueAt: w.checkinDueAt }} now={now} />
          </span>
        )}
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          {
            key: 'target',
            label: w.caseId ? t('whistles.case') : t('whistles.place'),
            children: w.caseId ? <Link to={`/cases/${w.caseId}`}>{w.casePublicId ?? w.caseId}</Link> : (w.place ?? w.orgNodeName),
          },
          { key: 'node', label: t('whistles.node'), children: w.orgNodeName },
          { key: 'blownBy', label: t('whistles.blownBy'), children: w.blownBy?.name ?? t('common.empty') },
          { key: 'blownAt', label: t('whistles.blownAt'), children: format.dateTime(w.blownAt) },
          { key: 'checkinDue', label: t('whistles.checkinDue'), children: format.dateTime(w.checkinDueAt) },
          ...(w.closedAt ? [{ key: 'closedAt', label: t('whistles.closedAt'), children: format.dateTime(w.closedAt) }] : []),
        ]}
      />
      <p style={{ margin: '8px 0' }}>{t('whistles.counts', { summoned: w.summoned, checkedIn: w.checkedIn, onTime: w.onTime })}</p>
      <Table<Summons>
        size="small"
        rowKey="departmentId"
        columns={columns}
        dataSource={detail.summons}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      {w.summary && (
        <p style={{ marginTop: 12 }}>{t('wb.labelValue', { label: t('whistles.summary'), value: w.summary })}</p>
      )}
      {detail.allowedActions.length > 0 && (
        <div className="wb-actions" style={{ marginTop: 12 }}>
          {ACTION_ORDER.filter((a) => detail.allowedActions.includes(a)).map((action) => (
            <Button key={action} type={action === 'check_in' ? 'primary' : 'default'} onClick={() => onAction(action)}>
              {actionLabel[action]}
            </Button>
          ))}
        </div>
      )}
    </article>
  );
}
