import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getTags } from '../api/archive';
import type { Tag } from '../api/types';

export interface TagCatalogue {
  tags: Tag[];
  /** The tag's name in the UI language; the code itself when the catalogue lacks it. */
  label(code: string): string;
}

/** The tag catalogue from /api/tags, named in the UI language. */
export function useTags(): TagCatalogue {
  const { i18n } = useTranslation();
  const [tags, setTags] = useState<Tag[]>([]);

  useEffect(() => {
    let live = true;
    getTags().then(
      (items) => live && setTags(items),
      () => undefined, // Without the catalogue, tags show by code; pages report their own errors.
    );
    return () => {
      live = false;
    };
  }, []);

  const byCode = useMemo(() => new Map(tags.map((tag) => [tag.code, tag])), [tags]);
  const english = i18n.language === 'en';
  const label = useCallback(
    (code: string) => {
      const tag = byCode.get(code);
      if (!tag) return code;
      return english ? tag.nameEn : tag.nameZh;
    },
    [byCode, english],
  );
  return { tags, label };
}
