import { Button, Progress } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DuplicateCandidate } from '../../api/cases';
import { useFormatters } from '../../i18n/format';
import { CaseStatusTag } from './CaseTags';

interface Props {
  items: DuplicateCandidate[];
  loading: boolean;
  canMerge: boolean;
  onMerge(intoCaseId: number): void;
}

/** Likely duplicates (same grid and category, similar text), each with a merge button when allowed. */
export function CaseDuplicates({ items, loading, canMerge, onMerge }: Props) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (items.length === 0) return <p className="wb-muted">{loading ? t('common.loading') : t('duplicates.empty')}</p>;

  return (
    <>
      <p className="wb-muted">{t('duplicates.hint')}</p>
      <ul className="wb-list">
        {items.map((d) => (
          <li key={d.id}>
            <div>
              <Link to={`/cases/${d.id}`}>{d.publicId}</Link> <CaseStatusTag status={d.status} />
              <span className="wb-muted"> {format.dateTime(d.receivedAt)}</span>
            </div>
            <p style={{ margin: '4px 0' }}>{d.description}</p>
            <Progress
              percent={Math.round(d.similarity * 100)}
              size="small"
              format={() => t('duplicates.similarity', { value: format.percent(d.similarity) })}
              aria-label={t('duplicates.similarity', { value: format.percent(d.similarity) })}
            />
            {canMerge && (
              <Button size="small" onClick={() => onMerge(d.id)} aria-label={t('duplicates.mergeLabel', { id: d.publicId })}>
                {t('duplicates.merge')}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
