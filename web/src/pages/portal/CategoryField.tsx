import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { getCategories, type Category } from '../../api/portal';
import { useShowError } from '../../components/useApi';
import { categoryName } from './names';
import { usePortalT } from './usePortalT';

interface Option {
  value: number;
  label: string;
  /** Both languages, the group and the keywords: a search finds a category by any of them. */
  search: string;
}

/** The catalogue: group headings with the categories a case can be filed under. */
export function useCategories(): Category[] {
  const showError = useShowError();
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    let live = true;
    getCategories().then(
      (items) => live && setCategories(items),
      (error: unknown) => live && showError(error),
    );
    return () => {
      live = false;
    };
  }, [showError]);
  return categories;
}

interface Props {
  id?: string;
  value?: number;
  onChange?: (value: number | undefined) => void;
  categories: Category[];
  'aria-describedby'?: string;
}

/** Picks a category: grouped by heading, searchable by name in either language and by keyword. */
export function CategoryField({ id, value, onChange, categories, ...aria }: Props) {
  const { t, language } = usePortalT();
  const groups = useMemo(() => {
    const headings = categories.filter((c) => c.parentId === null);
    return headings
      .map((heading) => ({
        label: categoryName(heading, language),
        title: categoryName(heading, language),
        options: categories
          .filter((c) => c.parentId === heading.id && c.responseMinutes !== null)
          .map<Option>((c) => ({
            value: c.id,
            label: categoryName(c, language),
            search: [c.nameZh, c.nameEn, heading.nameZh, heading.nameEn, c.code, ...c.keywords].join(' ').toLowerCase(),
          })),
      }))
      .filter((group) => group.options.length > 0);
  }, [categories, language]);

  return (
    <Select<number, Option>
      id={id}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      options={groups as never}
      placeholder={t('submit.categoryPlaceholder')}
      showSearch={{
        filterOption: (input, option) => !!option?.search?.includes(input.trim().toLowerCase()),
      }}
      allowClear
      listHeight={320}
      notFoundContent={t('submit.categoryNone')}
      style={{ width: '100%' }}
      aria-describedby={aria['aria-describedby']}
    />
  );
}
