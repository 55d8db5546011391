import CameraOutlined from '@ant-design/icons/CameraOutlined';
import DeleteOutlined from '@ant-design/icons/DeleteOutlined';
import PictureOutlined from '@ant-design/icons/PictureOutlined';
import { Alert, Button } from 'antd';
import { useId, useState, type ChangeEvent } from 'react';
import { MAX_PHOTOS, type Photo, type PhotoProblem } from './usePhotos';
import { usePortalT } from './usePortalT';

interface Props {
  photos: Photo[];
  onAdd(files: File[]): PhotoProblem[];
  onRemove(key: string): void;
}

/**
 * Photos for a new case: the camera or the gallery, with previews. The file inputs are real
 * (keyboard and screen readers reach them) but drawn as buttons.
 */
export function PhotoField({ photos, onAdd, onRemove }: Props) {
  const { t } = usePortalT();
  const id = useId();
  const [problems, setProblems] = useState<string[]>([]);
  const full = photos.length >= MAX_PHOTOS;

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = ''; // the same photo may be chosen again after removing it
    const refused = onAdd(files);
    setProblems(
      refused.map((p) =>
        p.kind === 'limit'
          ? t('submit.photoLimit', { max: MAX_PHOTOS })
          : t(p.kind === 'tooLarge' ? 'submit.photoTooLarge' : 'submit.photoWrongType', { name: p.name }),
      ),
    );
  };

  const fileButton = (suffix: string, capture: boolean, icon: React.ReactNode, label: string) => (
    <label className="portal-file-button" aria-disabled={full}>
      {icon}
      <span>{label}</span>
      <input
        id={`${id}-${suffix}`}
        className="visually-hidden"
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple={!capture}
        capture={capture ? 'environment' : undefined}
        disabled={full}
        onChange={onChange}
        data-testid={`photo-input-${suffix}`}
      />
    </label>
  );

  return (
    <fieldset className="portal-fieldset" aria-describedby={`${id}-hint`}>
      <legend className="portal-legend">{t('submit.photos', { max: MAX_PHOTOS })}</legend>
      <p className="portal-hint" id={`${id}-hint`} style={{ marginTop: 0, marginBottom: 8 }}>
        {t('submit.photosHint')}
      </p>
      <div className="portal-photo-actions">
        {fileButton('camera', true, <CameraOutlined aria-hidden />, t('submit.takePhoto'))}
        {fileButton('gallery', false, <PictureOutlined aria-hidden />, t('submit.choosePhoto'))}
      </div>
      {problems.length > 0 && (
        <Alert type="warning" showIcon style={{ marginTop: 8 }} title={problems.join('；')} />
      )}
      {photos.length > 0 && (
        <ul className="portal-photos">
          {photos.map((photo, index) => (
            <li key={photo.key} className="portal-photo">
              <img src={photo.url} alt={t('submit.photoAlt', { index: index + 1, name: photo.file.name })} />
              <Button
                icon={<DeleteOutlined aria-hidden />}
                aria-label={t('submit.removePhoto', { index: index + 1 })}
                onClick={() => onRemove(photo.key)}
                block
              />
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
