import { Alert, Button, Input } from 'antd';
import { useId, useState } from 'react';
import { withdrawCase, type PortalCase } from '../../api/portal';
import { usePortalT } from './usePortalT';

/** 撤回: asks once more in words (no pop-up), with an optional reason. */
export function WithdrawPanel({ caseId, onWithdrawn }: { caseId: number; onWithdrawn(updated: PortalCase): void }) {
  const { t } = usePortalT();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  if (!confirming) {
    return (
      <Button size="large" block danger onClick={() => setConfirming(true)}>
        {t('withdraw.open')}
      </Button>
    );
  }

  const confirm = async () => {
    setSaving(true);
    setFailure(null);
    try {
      onWithdrawn((await withdrawCase(caseId, reason.trim() || undefined)).case);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      setSaving(false);
    }
  };

  return (
    <div role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="portal-legend">
        {t('withdraw.title')}
      </h3>
      <p>{t('withdraw.text')}</p>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      <label htmlFor={`${id}-reason`} className="portal-legend" style={{ display: 'block', fontWeight: 400 }}>
        {t('withdraw.reason')}
      </label>
      <Input.TextArea id={`${id}-reason`} rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      <div className="portal-actions">
        <Button type="primary" danger size="large" block loading={saving} onClick={() => void confirm()}>
          {t('withdraw.confirm')}
        </Button>
        <Button size="large" block onClick={() => setConfirming(false)}>
          {t('withdraw.cancel')}
        </Button>
      </div>
    </div>
  );
}
