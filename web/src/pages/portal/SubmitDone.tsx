import CheckCircleFilled from '@ant-design/icons/CheckCircleFilled';
import { Alert, Button } from 'antd';
import { useEffect, useRef } from 'react';
import type { PortalCase } from '../../api/portal';
import { LinkButton } from '../../components/LinkButton';
import { useFormatters } from '../../i18n/format';
import type { Photo } from './usePhotos';
import { usePortalT } from './usePortalT';

interface Props {
  created: PortalCase;
  photos: Photo[];
  onRetryUploads(): void;
  onAnother(): void;
}

/** The confirmation: the case number in big type, when to expect contact, and the photo uploads. */
export function SubmitDone({ created, photos, onRetryUploads, onAnother }: Props) {
  const { t } = usePortalT();
  const format = useFormatters();
  const heading = useRef<HTMLHeadingElement>(null);

  // Screen-reader and keyboard users start from the confirmation, not from a vanished button.
  useEffect(() => heading.current?.focus(), []);

  const uploading = photos.filter((p) => p.status === 'uploading' || p.status === 'pending').length;
  const failed = photos.filter((p) => p.status === 'failed').length;
  const done = photos.filter((p) => p.status === 'done').length;

  return (
    <section className="portal-section portal-done" aria-labelledby="submit-done-title" data-testid="submit-done">
      <div className="portal-done-icon" aria-hidden>
        <CheckCircleFilled />
      </div>
      <h2 id="submit-done-title" className="portal-section-title" tabIndex={-1} ref={heading} style={{ fontSize: '1.5em' }}>
        {t('done.title')}
      </h2>
      <p>
        {t('done.number')}
        <strong className="portal-done-number" data-testid="case-number">
          {created.publicId}
        </strong>
        <span className="portal-muted">{t('done.numberHint')}</span>
      </p>
      <p>{t('done.text', { time: format.dateTime(created.dueResponseAt) })}</p>

      {photos.length > 0 && (
        <div aria-live="polite" style={{ textAlign: 'start' }}>
          {uploading > 0 && <p>{t('done.uploading', { done, total: photos.length })}</p>}
          {uploading === 0 && failed === 0 && <p data-testid="uploads-done">{t('done.uploaded', { count: done })}</p>}
          {uploading === 0 && failed > 0 && (
            <Alert
              type="error"
              showIcon
              title={t('done.uploadFailed', { count: failed })}
              description={[...new Set(photos.filter((p) => p.error).map((p) => p.error))].join('；')}
              action={
                <Button type="primary" danger onClick={onRetryUploads}>
                  {t('done.retryUpload')}
                </Button>
              }
            />
          )}
          <ul className="portal-photos">
            {photos.map((photo, index) => (
              <li key={photo.key} className="portal-photo">
                <img src={photo.url} alt={t('submit.photoAlt', { index: index + 1, name: photo.file.name })} />
                <span className={`portal-photo-status portal-photo-status--${photo.status}`}>
                  {t(`done.photoStatus.${photo.status}`)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="portal-actions">
        <LinkButton to={`/portal/cases/${created.id}`} type="primary" size="large" block>
          {t('done.viewCase')}
        </LinkButton>
        <Button size="large" block onClick={onAnother}>
          {t('done.another')}
        </Button>
        <LinkButton to="/portal" size="large" block>
          {t('nav.backHome')}
        </LinkButton>
      </div>
    </section>
  );
}
