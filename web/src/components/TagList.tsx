import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TagCatalogue } from './useTags';

/** Tags of a household or resident as chips, named in the UI language. */
export function TagList({ codes, catalogue }: { codes: readonly string[]; catalogue: TagCatalogue }) {
  const { t } = useTranslation();
  if (codes.length === 0) return <>{t('common.empty')}</>;
  return (
    <span>
      {codes.map((code) => (
        <Tag key={code} color="blue" style={{ marginBlock: 2 }}>
          {catalogue.label(code)}
        </Tag>
      ))}
    </span>
  );
}
