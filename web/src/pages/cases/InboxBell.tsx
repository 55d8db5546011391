import BellOutlined from '@ant-design/icons/BellOutlined';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listNotifications } from '../../api/cases';
import { LinkButton } from '../../components/LinkButton';
import { onInboxChanged } from './inboxEvents';
import './workbenchStrings';

const POLL_MS = 60_000;

/** The top bar's bell: my unread notices, polled every minute while the tab is visible. */
export function InboxBell() {
  const { t, i18n } = useTranslation();
  const [unread, setUnread] = useState(0);

  useEffect(() => {
    let controller: AbortController | null = null;
    const refresh = () => {
      if (document.visibilityState === 'hidden') return;
      controller?.abort();
      const current = new AbortController();
      controller = current;
      // A failed count is not worth a message on every page: the bell keeps its last number.
      listNotifications({ page: 1, pageSize: 1, unread: true }, current.signal).then(
        (page) => setUnread(page.unread),
        () => undefined,
      );
    };
    refresh();
    const timer = window.setInterval(refresh, POLL_MS);
    document.addEventListener('visibilitychange', refresh);
    const stop = onInboxChanged(refresh);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
      stop();
      controller?.abort();
    };
  }, []);

  const count = new Intl.NumberFormat(i18n.language).format(Math.min(unread, 99));
  // The accessible name carries the badge's visible text (WCAG 2.5.3, label in name).
  const shown = unread > 99 ? `${count}+` : count;
  return (
    <LinkButton
      to="/notifications"
      type="text"
      aria-label={unread > 0 ? t('inbox.bellUnread', { shown }) : t('inbox.bell')}
      title={t('inbox.bell')}
      icon={<BellOutlined aria-hidden style={{ fontSize: '1.25em' }} />}
    >
      {unread > 0 && (
        <span
          aria-hidden
          style={{
            minWidth: 20,
            padding: '0 6px',
            borderRadius: 10,
            background: '#cf1322',
            color: '#fff',
            fontSize: 12,
            lineHeight: '20px',
            fontWeight: 600,
          }}
        >
          {shown}
        </span>
      )}
    </LinkButton>
  );
}
