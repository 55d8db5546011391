import CheckOutlined from '@ant-design/icons/CheckOutlined';
import { Button, Pagination, Spin, Switch, Tag } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { listNotifications, markAllNotificationsRead, markNotificationRead, type Notification } from '../../api/cases';
import { useMessage } from '../../components/messages';
import { useApi, useShowError } from '../../components/useApi';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { announceInboxChanged } from './inboxEvents';
import { isOneOf } from './labels';
import './workbench.css';

const PAGE_SIZE = 20;
const KINDS = [
  'case_submitted',
  'case_accepted',
  'case_dispatched',
  'case_returned',
  'case_replied',
  'case_reopened',
  'case_closed_unresolved',
  'case_supervised',
  'case_reminder',
  'case_overdue',
  'case_escalated',
  'whistle_summoned',
  'whistle_checked_in',
  'whistle_closed',
] as const;

/** 消息通知: my notices, newest first; opening one marks it read and goes to its case. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('inbox.title'));
  const format = useFormatters();
  const message = useMessage();
  const showError = useShowError();
  const unreadSwitch = useId();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useApi(
    (signal) => listNotifications({ page, pageSize: PAGE_SIZE, unread: unreadOnly || undefined }, signal),
    [page, unreadOnly],
    { keepPrevious: true },
  );

  const kindLabel = (kind: string) => {
    const key = kind.replace(/\./g, '_');
    return isOneOf(KINDS, key) ? t(`inbox.kind.${key}`) : t('inbox.kind.other');
  };

  const markRead = async (item: Notification) => {
    if (item.readAt) return;
    try {
      const updated = await markNotificationRead(item.id);
      inbox.setData((current) =>
        current
          ? {
              ...current,
              unread: Math.max(0, current.unread - 1),
              items: current.items.map((n) => (n.id === updated.id ? updated : n)),
            }
          : current,
      );
      announceInboxChanged();
    } catch (error) {
      showError(error);
    }
  };

  const markAll = async () => {
    try {
      const count = await markAllNotificationsRead();
      void message.success(t('inbox.markedAll', { count }));
      announceInboxChanged();
      inbox.reload();
    } catch (error) {
      showError(error);
    }
  };

  const data = inbox.data;
  return (
    <>
      <div className="wb-toolbar">
        <h1 className="page-title" style={{ margin: 0 }}>
          {t('inbox.title')}
        </h1>
        <span>
          <Switch
            id={unreadSwitch}
            checked={unreadOnly}
            onChange={(on) => {
              setUnreadOnly(on);
              setPage(1);
            }}
          />{' '}
          <label htmlFor={unreadSwitch}>{t('inbox.unreadOnly')}</label>
        </span>
        <Button
          className="wb-toolbar-end"
          icon={<CheckOutlined aria-hidden />}
          disabled={!data || data.unread === 0}
          onClick={() => void markAll()}
        >
          {t('inbox.markAllRead')}
        </Button>
      </div>

      <section className="panel" aria-label={t('inbox.listLabel')}>
        {!data ? (
          <Spin />
        ) : data.items.length === 0 ? (
          <p className="wb-muted">{t('inbox.empty')}</p>
        ) : (
          <Spin spinning={inbox.loading}>
            <ul className="wb-list">
              {data.items.map((item) => (
                <li key={item.id} className={item.readAt ? undefined : 'wb-unread'}>
                  <div className="wb-toolbar" style={{ marginBottom: 4 }}>
                    <Tag variant="outlined">{kindLabel(item.kind)}</Tag>
                    {item.caseId ? (
                      <Link to={`/cases/${item.caseId}`} onClick={() => void markRead(item)}>
                        {item.title}
                      </Link>
                    ) : (
                      <span>{item.title}</span>
                    )}
                    <span className="wb-muted" style={{ fontWeight: 400 }}>
                      <time dateTime={item.createdAt}>{format.dateTime(item.createdAt)}</time>
                      {' · '}
                      {item.readAt ? t('inbox.read') : t('inbox.unread')}
                    </span>
                    {!item.readAt && (
                      <Button size="small" className="wb-toolbar-end" onClick={() => void markRead(item)}>
                        {t('inbox.markRead')}
                      </Button>
                    )}
                  </div>
                  <p style={{ margin: 0, fontWeight: 400 }}>{item.body}</p>
                </li>
              ))}
            </ul>
          </Spin>
        )}
        {data && data.total > PAGE_SIZE && (
          <Pagination
            style={{ marginTop: 16 }}
            current={page}
            pageSize={PAGE_SIZE}
            total={data.total}
            showSizeChanger={false}
            showTotal={(total) => t('common.total', { count: total })}
            onChange={setPage}
          />
        )}
      </section>
    </>
  );
}
