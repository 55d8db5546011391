import { Alert, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A guarded, irreversible step (closing a meeting or a vote): asks first, and shows the server's refusal. */
export function ConfirmAction({ label, confirm, run }: { label: string; confirm: string; run(): Promise<void> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Popconfirm title={label} description={confirm} okText={label} cancelText={t('common.cancel')} onConfirm={() => void go()}>
        <Button danger loading={busy}>
          {label}
        </Button>
      </Popconfirm>
    </div>
  );
}
