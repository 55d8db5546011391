import { Button, Segmented, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { FINISHED_CASE_STATUSES, listMyCases, OPEN_CASE_STATUSES, type CaseStatus, type PortalCase } from '../../api/portal';
import { LinkButton } from '../../components/LinkButton';
import { useApi, useShowError } from '../../components/useApi';
import { useFormatters } from '../../i18n/format';
import { CaseStatusBadge, needsResident } from './CaseStatusBadge';
import { categoryName } from './names';
import { PortalPage } from './PortalPage';
import { usePortalT } from './usePortalT';

// The API lists cases in the staff queue's order (overdue first, then nearest deadline) and has
// no sort parameter; residents expect their newest first, so a large page is sorted here.
const PAGE_SIZE = 100;
const newestFirst = (list: PortalCase[]) => [...list].sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt));
const FILTERS = ['open', 'done', 'all'] as const;
type Filter = (typeof FILTERS)[number];

const STATUSES: Record<Filter, readonly CaseStatus[] | undefined> = {
  open: OPEN_CASE_STATUSES,
  done: FINISHED_CASE_STATUSES,
  all: undefined,
};

function readFilter(raw: string | null): Filter {
  return (FILTERS as readonly string[]).includes(raw ?? '') ? (raw as Filter) : 'all';
}

function CaseCard({ item }: { item: PortalCase }) {
  const { t, language } = usePortalT();
  const format = useFormatters();
  const waiting = needsResident(item.status);
  return (
    <li>
      <Link
        to={`/portal/cases/${item.id}`}
        className={waiting ? 'portal-case-card portal-case-card--action' : 'portal-case-card'}
        data-testid="case-card"
      >
        <span className="portal-case-card-title">{categoryName(item.category, language)}</span>
        <span>
          <CaseStatusBadge status={item.status} />
        </span>
        <span className="portal-case-card-text">{item.description}</span>
        <span className="portal-case-meta">
          <span>{t('cases.number', { id: item.publicId })}</span>
          <span>{t('cases.receivedAt', { time: format.dateTime(item.receivedAt) })}</span>
        </span>
      </Link>
    </li>
  );
}

/** 我的诉求: my cases, newest first, with their status in plain words; tap one for its story. */
export default function MyCasesPage() {
  const { t } = usePortalT();
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params.get('show'));
  const [pages, setPages] = useState(1);
  const [more, setMore] = useState<PortalCase[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const showError = useShowError();

  const first = useApi((signal) => listMyCases({ status: STATUSES[filter], page: 1, pageSize: PAGE_SIZE }, signal), [filter]);
  useEffect(() => {
    setPages(1);
    setMore([]);
  }, [filter]);

  const items = [...newestFirst(first.data?.items ?? []), ...newestFirst(more)];
  const total = first.data?.total ?? 0;

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const next = await listMyCases({ status: STATUSES[filter], page: pages + 1, pageSize: PAGE_SIZE });
      setMore((list) => [...list, ...next.items]);
      setPages((n) => n + 1);
    } catch (error) {
      showError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <PortalPage title={t('cases.title')} back={{ to: '/portal', label: t('nav.backHome') }}>
      <div className="portal-filter">
        <Segmented<Filter>
          aria-label={t('cases.filterLabel')}
          value={filter}
          block
          size="large"
          options={FILTERS.map((f) => ({ value: f, label: t(`cases.filter.${f}`) }))}
          onChange={(next) => setParams(next === 'all' ? {} : { show: next }, { replace: true })}
        />
      </div>

      {first.loading && !first.data ? (
        <div className="page-loading" role="status">
          <Spin />
        </div>
      ) : items.length === 0 ? (
        <section className="portal-section">
          <p>{t('cases.empty')}</p>
          <LinkButton to="/portal/submit" type="primary" size="large" block>
            {t('cases.emptyAction')}
          </LinkButton>
        </section>
      ) : (
        <>
          <p className="portal-muted" aria-live="polite">
            {t('cases.count', { count: total })}
          </p>
          <ul className="portal-case-list" data-testid="case-list">
            {items.map((item) => (
              <CaseCard key={item.id} item={item} />
            ))}
          </ul>
          {items.length < total && (
            <Button block size="large" style={{ marginTop: 16 }} loading={loadingMore} onClick={() => void loadMore()}>
              {t('cases.loadMore')}
            </Button>
          )}
        </>
      )}
    </PortalPage>
  );
}
