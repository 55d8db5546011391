import { Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { revealResidentField } from '../../api/archive';
import type { Id, RevealField } from '../../api/types';
import { useAuth } from '../../app/auth';
import { useShowError } from '../../components/useApi';

interface Props {
  residentId: Id;
  residentName: string;
  field: RevealField;
  masked: string | null;
}

/**
 * A masked ID number or phone. Users holding resident.reveal may show the full value after
 * confirming that the server records the reveal in the audit log.
 */
export function RevealableValue({ residentId, residentName, field, masked }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const showError = useShowError();
  const [revealed, setRevealed] = useState<{ value: string | null } | null>(null);
  const [busy, setBusy] = useState(false);

  if (!masked) return <>{t('common.empty')}</>;
  if (revealed) return <span aria-live="polite">{revealed.value ?? t('common.empty')}</span>;

  const reveal = async () => {
    setBusy(true);
    try {
      setRevealed({ value: await revealResidentField(residentId, field) });
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <span>{masked}</span>
      {can('resident.reveal') && (
        <Popconfirm
          title={t('common.revealTitle')}
          description={t('common.revealAudited')}
          okText={t('common.reveal')}
          cancelText={t('common.cancel')}
          onConfirm={reveal}
        >
          <Button
            type="link"
            size="small"
            loading={busy}
            aria-label={t('common.revealLabel', { name: residentName, field: t(`members.${field}`) })}
          >
            {t('common.reveal')}
          </Button>
        </Popconfirm>
      )}
    </span>
  );
}
