import FilePdfOutlined from '@ant-design/icons/FilePdfOutlined';
import UploadOutlined from '@ant-design/icons/UploadOutlined';
import { Button } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentUrl, listAttachments, uploadAttachments, type Attachment } from '../../api/cases';
import { useMessage } from '../../components/messages';
import { useApi } from '../../components/useApi';

const MAX_FILES = 4;
const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';

/** Thumbnails of the case's photos (PDFs as links), and an upload button when the user may add files. */
export function CasePhotos({ caseId, canUpload, onUploaded }: { caseId: number; canUpload: boolean; onUploaded(): void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const attachments = useApi((signal) => listAttachments(caseId, signal), [caseId]);

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    if (files.length === 0) return;
    if (files.length > MAX_FILES) {
      void message.error(t('photos.tooMany'));
      return;
    }
    setBusy(true);
    try {
      const added = await uploadAttachments(caseId, files);
      attachments.setData((current) => [...(current ?? []), ...added]);
      void message.success(t('photos.uploaded', { count: added.length }));
      onUploaded();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const items = attachments.data ?? [];
  return (
    <>
      {items.length === 0 ? (
        <p className="wb-muted">{attachments.loading ? t('common.loading') : t('photos.empty')}</p>
      ) : (
        <ul className="wb-photos">
          {items.map((a: Attachment) => (
            <li key={a.id} className="wb-photo">
              <a href={attachmentUrl(caseId, a.id)} target="_blank" rel="noreferrer" aria-label={t('photos.open', { name: a.fileName })}>
                {a.contentType.startsWith('image/') ? (
                  <img src={attachmentUrl(caseId, a.id)} alt={t('photos.photoAlt', { name: a.fileName })} loading="lazy" />
                ) : (
                  <FilePdfOutlined aria-hidden style={{ fontSize: 48 }} />
                )}
              </a>
              <span>{a.fileName}</span>
            </li>
          ))}
        </ul>
      )}
      {canUpload && (
        <>
          <input ref={input} type="file" accept={ACCEPT} multiple hidden onChange={(e) => void upload(e)} />
          <Button icon={<UploadOutlined aria-hidden />} loading={busy} onClick={() => input.current?.click()}>
            {t('photos.upload')}
          </Button>
          <p className="wb-muted" style={{ marginTop: 8 }}>
            {t('photos.uploadHint')}
          </p>
        </>
      )}
    </>
  );
}
