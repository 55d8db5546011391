import { Button, Spin } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { getDisclosure, getNotifications, markAllNotificationsRead, markNotificationRead, type Notification } from '../../api/portal';
import { useMessage } from '../../components/messages';
import { useApi, useShowError } from '../../components/useApi';
import { useFormatters } from '../../i18n/format';
import { DisclosureSections } from './DisclosureSections';
import { PortalPage } from './PortalPage';
import { usePortalT } from './usePortalT';
import { useResidentPlace } from './useResidentPlace';

const PAGE_SIZE = 30;

function MessageItem({ item, onOpen }: { item: Notification; onOpen(item: Notification): void }) {
  const { t } = usePortalT();
  const format = useFormatters();
  const unread = item.readAt === null;
  return (
    <li className={unread ? 'portal-list-item portal-list-item--unread' : 'portal-list-item'} data-testid="message">
      <h3>
        {unread && <span className="portal-unread-mark">{t('notices.unread')}</span>}
        {item.title}
      </h3>
      <time className="portal-muted" dateTime={item.createdAt}>
        {format.dateTime(item.createdAt)}
      </time>
      {item.body && <p>{item.body}</p>}
      {item.caseId !== null && (
        <p>
          <Link to={`/portal/cases/${item.caseId}`} onClick={() => onOpen(item)} className="portal-inline-link">
            {t('notices.openCase')}
          </Link>
        </p>
      )}
    </li>
  );
}

function Messages() {
  const { t } = usePortalT();
  const message = useMessage();
  const showError = useShowError();
  const inbox = useApi((signal) => getNotifications({ page: 1, pageSize: PAGE_SIZE }, signal), []);
  const [marking, setMarking] = useState(false);

  const open = (item: Notification) => {
    if (item.readAt === null) void markNotificationRead(item.id).catch(() => undefined);
  };
  const markAll = async () => {
    setMarking(true);
    try {
      await markAllNotificationsRead();
      void message.success(t('notices.allRead'));
      inbox.reload();
    } catch (error) {
      showError(error);
    } finally {
      setMarking(false);
    }
  };

  const items = inbox.data?.items ?? [];
  return (
    <section className="portal-section" aria-labelledby="messages-title">
      <div className="portal-row">
        <h2 id="messages-title" className="portal-section-title">
          {t('notices.messages')}
        </h2>
        {(inbox.data?.unread ?? 0) > 0 && (
          <Button onClick={() => void markAll()} loading={marking}>
            {t('notices.markAllRead')}
          </Button>
        )}
      </div>
      {inbox.loading && !inbox.data ? (
        <Spin />
      ) : items.length === 0 ? (
        <p>{t('notices.messagesEmpty')}</p>
      ) : (
        <ul className="portal-list">
          {items.map((item) => (
            <MessageItem key={item.id} item={item} onOpen={open} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CommunityNotices() {
  const { t } = usePortalT();
  const place = useResidentPlace();
  const communityId = place.communityId;
  const disclosure = useApi(
    (signal) => (communityId === null ? Promise.resolve(null) : getDisclosure(communityId, signal)),
    [communityId],
  );
  const name = disclosure.data?.community.name;
  return (
    <section className="portal-section" aria-labelledby="disclosures-title">
      <h2 id="disclosures-title" className="portal-section-title">
        {name ? t('notices.disclosuresOf', { community: name }) : t('notices.disclosures')}
      </h2>
      {place.loading || disclosure.loading ? (
        <Spin />
      ) : disclosure.data ? (
        <DisclosureSections disclosure={disclosure.data} />
      ) : (
        <p>{t('notices.noCommunity')}</p>
      )}
    </section>
  );
}

/** 通知公告: my messages (case updates) and my community's public disclosure (公示). */
export default function NoticesPage() {
  const { t } = usePortalT();
  return (
    <PortalPage title={t('notices.title')} back={{ to: '/portal', label: t('nav.backHome') }}>
      <Messages />
      <CommunityNotices />
    </PortalPage>
  );
}
