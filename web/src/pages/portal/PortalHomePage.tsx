import EditOutlined from '@ant-design/icons/EditOutlined';
import NotificationOutlined from '@ant-design/icons/NotificationOutlined';
import TeamOutlined from '@ant-design/icons/TeamOutlined';
import UnorderedListOutlined from '@ant-design/icons/UnorderedListOutlined';
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { getNotifications, listMyCases } from '../../api/portal';
import { useAuth } from '../../app/auth';
import { PortalPage } from './PortalPage';
import { usePortalT } from './usePortalT';

interface Counts {
  unread: number;
  waiting: number;
}

/** Numbers for the home page badges; a failure leaves them out rather than blocking the page. */
function useHomeCounts(): Counts | null {
  const [counts, setCounts] = useState<Counts | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    Promise.all([
      getNotifications({ page: 1, pageSize: 1, unread: true }, controller.signal),
      listMyCases({ status: ['replied'], page: 1, pageSize: 1 }, controller.signal),
    ]).then(
      ([inbox, waiting]) => setCounts({ unread: inbox.unread, waiting: waiting.total }),
      () => undefined,
    );
    return () => controller.abort();
  }, []);
  return counts;
}

function Tile(props: { to: string; icon: ReactNode; title: string; hint: string; badge?: ReactNode; primary?: boolean }) {
  return (
    <li>
      <Link to={props.to} className={props.primary ? 'portal-tile portal-tile--primary' : 'portal-tile'}>
        <span className="portal-tile-icon" aria-hidden>
          {props.icon}
        </span>
        <span className="portal-tile-text">
          <span className="portal-tile-title">{props.title}</span>
          <span className="portal-tile-hint">{props.hint}</span>
          {props.badge}
        </span>
      </Link>
    </li>
  );
}

/** 居民服务首页: big buttons (report, my cases, notices, deliberation), with what is waiting for the resident. */
export default function PortalHomePage() {
  const { t } = usePortalT();
  const { user, can } = useAuth();
  const counts = useHomeCounts();

  return (
    <PortalPage
      title={t('nav.home')}
      heading={t('home.greeting', { name: user?.displayName ?? '' })}
      intro={t('home.intro')}
    >
      <nav aria-label={t('nav.sections')}>
        <ul className="portal-tiles">
          <Tile to="/portal/submit" icon={<EditOutlined />} title={t('home.submit')} hint={t('home.submitHint')} primary />
          <Tile
            to="/portal/cases"
            icon={<UnorderedListOutlined />}
            title={t('home.cases')}
            hint={t('home.casesHint')}
            badge={
              counts && counts.waiting > 0 ? (
                <span className="portal-count" data-testid="cases-waiting">
                  {t('home.casesWaiting', { count: counts.waiting })}
                </span>
              ) : null
            }
          />
          <Tile
            to="/portal/notices"
            icon={<NotificationOutlined />}
            title={t('home.notices')}
            hint={t('home.noticesHint')}
            badge={
              counts ? (
                <span
                  className={counts.unread > 0 ? 'portal-count' : 'portal-count portal-count--quiet'}
                  data-testid="unread-count"
                >
                  {counts.unread > 0 ? t('home.unread', { count: counts.unread }) : t('home.noUnread')}
                </span>
              ) : null
            }
          />
          {can('deliberation.read') && (
            <Tile to="/portal/deliberation" icon={<TeamOutlined />} title={t('home.deliberation')} hint={t('home.deliberationHint')} />
          )}
        </ul>
      </nav>
    </PortalPage>
  );
}
