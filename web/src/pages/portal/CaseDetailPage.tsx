import { Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { attachmentUrl, getCase, listAttachments, type Attachment, type PortalCase } from '../../api/portal';
import { LinkButton } from '../../components/LinkButton';
import { useMessage } from '../../components/messages';
import { Notice } from '../../components/Notice';
import { useApi } from '../../components/useApi';
import { useFormatters } from '../../i18n/format';
import { CaseStatusBadge } from './CaseStatusBadge';
import { CaseTimeline } from './CaseTimeline';
import { categoryName } from './names';
import { PortalPage } from './PortalPage';
import { RateForm } from './RateForm';
import { ReopenForm } from './ReopenForm';
import { usePortalT } from './usePortalT';
import { WithdrawPanel } from './WithdrawPanel';

function CasePhotos({ caseId, items }: { caseId: number; items: Attachment[] }) {
  const { t } = usePortalT();
  const photos = items.filter((a) => a.contentType.startsWith('image/'));
  if (photos.length === 0) return null;
  return (
    <section className="portal-section" aria-labelledby="case-photos-title">
      <h2 id="case-photos-title" className="portal-section-title">
        {t('detail.photos')}
      </h2>
      <ul className="portal-case-photos">
        {photos.map((photo, index) => (
          <li key={photo.id}>
            <a href={attachmentUrl(caseId, photo.id)} target="_blank" rel="noreferrer">
              <img src={attachmentUrl(caseId, photo.id)} alt={t('detail.photoAlt', { index: index + 1 })} loading="lazy" />
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Facts({ item }: { item: PortalCase }) {
  const { t, language } = usePortalT();
  const format = useFormatters();
  const rows: [string, string][] = [
    [t('detail.number'), item.publicId],
    [t('detail.category'), categoryName(item.category, language)],
    [t('detail.description'), item.description],
    [t('detail.address'), item.address ?? '—'],
    [t('detail.receivedAt'), format.dateTime(item.receivedAt)],
  ];
  if (item.handler.name) rows.push([t('detail.handler'), item.handler.name]);
  if (item.status === 'submitted') rows.push([t('detail.contactBy'), format.dateTime(item.dueResponseAt)]);
  if (item.dueAt && !item.closedAt) rows.push([t('detail.dueAt'), format.dateTime(item.dueAt)]);
  return (
    <dl className="portal-facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One of my cases: its status, what happened and who answered, and what I can do now. */
export default function CaseDetailPage() {
  const { t } = usePortalT();
  const { id = '' } = useParams();
  const message = useMessage();
  const detail = useApi((signal) => getCase(id, signal), [id]);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const statusRef = useRef<HTMLDivElement>(null);
  const [acted, setActed] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    listAttachments(id, controller.signal).then(setAttachments, () => setAttachments([]));
    return () => controller.abort();
  }, [id]);

  // After an action the page reloads the case; the status is where the eye (and focus) goes.
  useEffect(() => {
    if (acted > 0 && detail.data) statusRef.current?.focus();
  }, [acted, detail.data]);

  const back = { to: '/portal/cases', label: t('nav.backToCases') };
  if (!detail.data) {
    if (detail.loading) {
      return (
        <PortalPage title={t('detail.title')} back={back}>
          <div className="page-loading" role="status">
            <Spin />
          </div>
        </PortalPage>
      );
    }
    return (
      <PortalPage title={t('detail.title')} back={back}>
        <Notice
          kind={detail.error?.status === 404 ? 'not-found' : 'error'}
          title={detail.error?.status === 404 ? t('detail.notFound') : detail.error?.message}
          actions={
            <LinkButton to="/portal/cases" type="primary">
              {t('nav.backToCases')}
            </LinkButton>
          }
        />
      </PortalPage>
    );
  }

  const { case: item, timeline, allowedActions } = detail.data;
  const may = (action: string) => allowedActions.includes(action);
  const after = (text: string) => () => {
    void message.success(text);
    detail.reload();
    setActed((n) => n + 1);
  };

  return (
    <PortalPage title={`${t('detail.title')} ${item.publicId}`} heading={t('detail.title')} back={back}>
      <section className="portal-section" aria-label={t('detail.status')}>
        <div ref={statusRef} tabIndex={-1} className="portal-row" data-testid="case-status">
          <CaseStatusBadge status={item.status} />
          {item.overdue && <span className="text-warning">{t('detail.overdue')}</span>}
        </div>
        {item.satisfaction && item.ratedResolved !== null && (
          <p>
            {t('detail.rated', {
              resolved: item.ratedResolved ? t('rate.resolvedYes') : t('rate.resolvedNo'),
              satisfaction: t(`rate.${item.satisfaction}`),
            })}
          </p>
        )}
        {item.closeReason && <p>{t('detail.closeReason', { reason: item.closeReason })}</p>}
        <Facts item={item} />
      </section>

      {may('rate') && (
        <section className="portal-section" aria-labelledby="rate-title">
          <h2 id="rate-title" className="portal-section-title">
            {t('rate.title')}
          </h2>
          <p className="portal-muted">{t('rate.intro')}</p>
          <RateForm
            caseId={item.id}
            onRated={(updated) => after(updated.status === 'reopened' ? t('rate.reopened') : t('rate.done'))()}
          />
        </section>
      )}

      {may('reopen') && (
        <section className="portal-section" aria-labelledby="reopen-title">
          <h2 id="reopen-title" className="portal-section-title">
            {t('reopen.title')}
          </h2>
          <ReopenForm caseId={item.id} onReopened={after(t('reopen.done'))} />
        </section>
      )}

      <CasePhotos caseId={item.id} items={attachments} />

      <section className="portal-section" aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="portal-section-title">
          {t('detail.timeline')}
        </h2>
        <CaseTimeline entries={timeline} />
      </section>

      {may('withdraw') && (
        <section className="portal-section" aria-label={t('withdraw.open')}>
          <WithdrawPanel caseId={item.id} onWithdrawn={after(t('withdraw.done'))} />
        </section>
      )}
    </PortalPage>
  );
}
