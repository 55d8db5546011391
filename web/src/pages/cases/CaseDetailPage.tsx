import ArrowLeftOutlined from '@ant-design/icons/ArrowLeftOutlined';
import { Descriptions, Spin } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { getCase, getDuplicates, type CaseAction, type DuplicateCandidate } from '../../api/cases';
import { getOrgNode } from '../../api/org';
import type { OrgNodeDetail } from '../../api/types';
import { useAuth } from '../../app/auth';
import { LinkButton } from '../../components/LinkButton';
import { useMessage } from '../../components/messages';
import { Notice } from '../../components/Notice';
import { useApi } from '../../components/useApi';
import { usePageTitle } from '../../components/usePageTitle';
import { CaseActionDialog, type CasePlace } from './CaseActionDialog';
import { CaseActions } from './CaseActions';
import { CaseDuplicates } from './CaseDuplicates';
import { CaseLocation } from './CaseLocation';
import { CaseOverview } from './CaseOverview';
import { CasePhotos } from './CasePhotos';
import { CaseStatusTag, PriorityTag } from './CaseTags';
import { CaseTimeline } from './CaseTimeline';
import { caseDeadline, DueCountdown } from './DueCountdown';
import { useCategories } from './useCategories';
import { useNow } from './useNow';
import './workbench.css';

// Actions that show the user manages or handles the case, and so may add photos.
const ATTACHING_ACTIONS = ['accept', 'dispatch', 'take', 'note', 'reply', 'close_unresolved'];

/** One case: what, where, who, its photos and timeline, duplicates, and the actions I may take. */
export default function CaseDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const listSearch = (useLocation().state as { listSearch?: string } | null)?.listSearch ?? '';
  const { can } = useAuth();
  const message = useMessage();
  const now = useNow();
  const categories = useCategories();
  const detail = useApi((signal) => getCase(id, signal), [id], { keepPrevious: true });
  const caseView = detail.data?.case;
  usePageTitle(caseView?.publicId ?? t('caseDetail.title'));

  const gridId = caseView?.gridId ?? null;
  const [grid, setGrid] = useState<OrgNodeDetail | null>(null);
  useEffect(() => {
    setGrid(null);
    if (gridId === null) return;
    const controller = new AbortController();
    // The grid names the place and draws its boundary; without it the page still works.
    getOrgNode(gridId, controller.signal).then(setGrid, () => undefined);
    return () => controller.abort();
  }, [gridId]);

  const mayReadDuplicates = can('case.read');
  const version = caseView?.version;
  const duplicates = useApi<DuplicateCandidate[]>(
    (signal) => (mayReadDuplicates && version !== undefined ? getDuplicates(id, signal) : Promise.resolve([])),
    [id, mayReadDuplicates, version],
    { keepPrevious: true },
  );

  const [dialog, setDialog] = useState<{ action: CaseAction; preset?: { intoCaseId?: number } } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const actionsHeading = useRef<HTMLHeadingElement>(null);

  const place = useMemo<CasePlace>(
    () => ({
      gridName: grid?.node.name ?? null,
      communityName: grid?.ancestors.find((a) => a.kind === 'community')?.name ?? null,
    }),
    [grid],
  );

  const back = (
    <LinkButton to={`/cases${listSearch}`} icon={<ArrowLeftOutlined aria-hidden />}>
      {t('caseDetail.back')}
    </LinkButton>
  );

  if (!detail.data || !caseView) {
    if (detail.loading) return <Spin />;
    return (
      <Notice kind={detail.error?.status === 404 ? 'not-found' : 'error'} title={detail.error?.message} actions={back} />
    );
  }

  const { timeline, allowedActions } = detail.data;
  const c = caseView;
  const done = (action: CaseAction) => {
    setDialog(null);
    const text = t('actions.done', { action: t(`caseEnums.action.${action}`) });
    setAnnouncement(text);
    void message.success(text);
    detail.reload();
    // The button used may be gone now; keep keyboard users at the actions.
    actionsHeading.current?.focus();
  };

  return (
    <>
      <div className="page-back">{back}</div>
      <header className="wb-toolbar">
        <h1 className="page-title" style={{ margin: 0 }}>
          {c.publicId}
        </h1>
        <CaseStatusTag status={c.status} />
        <PriorityTag priority={c.priority} />
        <DueCountdown deadline={caseDeadline(c)} now={now} overdue={c.overdue} showKind />
        <span>
          {categories.name(c.category)} · {t(`caseEnums.channel.${c.channel}`)}
        </span>
      </header>

      <section className="panel" aria-labelledby="case-actions-heading">
        <h2 className="section-title" id="case-actions-heading" tabIndex={-1} ref={actionsHeading}>
          {t('actions.title')}
        </h2>
        <CaseActions allowed={allowedActions} onChoose={(action) => setDialog({ action })} />
        <p className="visually-hidden" aria-live="polite">
          {announcement}
        </p>
      </section>

      <div className="wb-grid-2" style={{ marginTop: 24 }}>
        <div className="wb-stack">
          <section className="panel" aria-labelledby="case-description-heading">
            <h2 className="section-title" id="case-description-heading">
              {t('caseDetail.description')}
            </h2>
            <p className="wb-description">{c.description}</p>
          </section>
          <section className="panel" aria-labelledby="case-location-heading">
            <h2 className="section-title" id="case-location-heading">
              {t('caseDetail.location')}
            </h2>
            <CaseLocation caseView={c} grid={grid} />
          </section>
          <section className="panel" aria-labelledby="case-photos-heading">
            <h2 className="section-title" id="case-photos-heading">
              {t('photos.title')}
            </h2>
            <CasePhotos
              caseId={c.id}
              canUpload={
                !['merged', 'withdrawn'].includes(c.status) && allowedActions.some((a) => ATTACHING_ACTIONS.includes(a))
              }
              onUploaded={detail.reload}
            />
          </section>
          <section className="panel" aria-labelledby="case-timeline-heading">
            <h2 className="section-title" id="case-timeline-heading">
              {t('timeline.title')}
            </h2>
            <CaseTimeline entries={timeline} />
          </section>
        </div>

        <div className="wb-stack">
          <section className="panel" aria-labelledby="case-overview-heading">
            <h2 className="section-title" id="case-overview-heading">
              {t('caseDetail.overview')}
            </h2>
            <CaseOverview caseView={c} />
          </section>
          <section className="panel" aria-labelledby="case-reporter-heading">
            <h2 className="section-title" id="case-reporter-heading">
              {t('caseDetail.reporter')}
            </h2>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'name', label: t('caseDetail.reporterName'), children: c.reporter.name ?? t('caseDetail.noName') },
                { key: 'phone', label: t('caseDetail.reporterPhone'), children: c.reporter.phone ?? t('common.empty') },
                {
                  key: 'household',
                  label: t('caseDetail.household'),
                  children:
                    c.householdId === null ? (
                      t('caseDetail.noHousehold')
                    ) : can('household.read') ? (
                      <Link to={`/households/${c.householdId}`}>{t('caseDetail.viewHousehold')}</Link>
                    ) : (
                      t('common.empty')
                    ),
                },
              ]}
            />
            {c.reporter.hidden && <p className="wb-muted">{t('caseDetail.reporterHidden')}</p>}
          </section>
          {mayReadDuplicates && (
            <section className="panel" aria-labelledby="case-duplicates-heading">
              <h2 className="section-title" id="case-duplicates-heading">
                {t('duplicates.title')}
              </h2>
              <CaseDuplicates
                items={duplicates.data ?? []}
                loading={duplicates.loading}
                canMerge={allowedActions.includes('merge')}
                onMerge={(intoCaseId) => setDialog({ action: 'merge', preset: { intoCaseId } })}
              />
            </section>
          )}
        </div>
      </div>

      <CaseActionDialog
        action={dialog?.action ?? null}
        preset={dialog?.preset}
        caseView={c}
        place={place}
        duplicates={duplicates.data ?? []}
        onClose={() => setDialog(null)}
        onDone={done}
      />
    </>
  );
}
