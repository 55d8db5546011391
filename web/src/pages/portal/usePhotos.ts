import { useCallback, useEffect, useRef, useState } from 'react';
import { uploadAttachment } from '../../api/portal';

export const MAX_PHOTOS = 4;
const MAX_BYTES = 10 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export type PhotoStatus = 'pending' | 'uploading' | 'done' | 'failed';

export interface Photo {
  key: string;
  file: File;
  /** An object URL for the preview, revoked when the photo goes. */
  url: string;
  status: PhotoStatus;
  error?: string;
}

export type PhotoProblem = { kind: 'tooLarge' | 'wrongType'; name: string } | { kind: 'limit' };

let counter = 0;

/**
 * Photos chosen for a new case. They are uploaded only once the case exists, one request per
 * photo, so a failed one can be sent again on its own; nothing already chosen is lost.
 */
export function usePhotos() {
  const [photos, setPhotos] = useState<Photo[]>([]);
  const current = useRef(photos);
  current.current = photos;

  useEffect(() => () => current.current.forEach((p) => URL.revokeObjectURL(p.url)), []);

  const update = useCallback((key: string, change: Partial<Photo>) => {
    setPhotos((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));
  }, []);

  /** Adds files that are photos of an accepted size; returns what was refused and why. */
  const add = useCallback((files: readonly File[]): PhotoProblem[] => {
    const problems: PhotoProblem[] = [];
    const accepted: Photo[] = [];
    let room = MAX_PHOTOS - current.current.length;
    for (const file of files) {
      if (!PHOTO_TYPES.includes(file.type)) problems.push({ kind: 'wrongType', name: file.name });
      else if (file.size > MAX_BYTES) problems.push({ kind: 'tooLarge', name: file.name });
      else if (room <= 0) {
        if (!problems.some((p) => p.kind === 'limit')) problems.push({ kind: 'limit' });
      } else {
        room -= 1;
        accepted.push({ key: `photo-${++counter}`, file, url: URL.createObjectURL(file), status: 'pending' });
      }
    }
    if (accepted.length > 0) setPhotos((list) => [...list, ...accepted]);
    return problems;
  }, []);

  const remove = useCallback((key: string) => {
    setPhotos((list) => {
      const gone = list.find((p) => p.key === key);
      if (gone) URL.revokeObjectURL(gone.url);
      return list.filter((p) => p.key !== key);
    });
  }, []);

  /** Uploads every photo not yet uploaded (the first time, or again after a failure), in turn. */
  const upload = useCallback(
    async (caseId: number) => {
      for (const photo of current.current.filter((p) => p.status === 'pending' || p.status === 'failed')) {
        update(photo.key, { status: 'uploading', error: undefined });
        try {
          await uploadAttachment(caseId, photo.file);
          update(photo.key, { status: 'done' });
        } catch (error) {
          update(photo.key, { status: 'failed', error: error instanceof Error ? error.message : String(error) });
        }
      }
    },
    [update],
  );

  const clear = useCallback(() => {
    current.current.forEach((p) => URL.revokeObjectURL(p.url));
    setPhotos([]);
  }, []);

  return { photos, add, remove, upload, clear };
}
