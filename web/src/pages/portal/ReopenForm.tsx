import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { reopenCase, type PortalCase } from '../../api/portal';
import { applyServerErrors } from '../../components/formErrors';
import { usePortalT } from './usePortalT';

/** 重办: the resident says why the problem is not solved; the case goes back to work. */
export function ReopenForm({ caseId, onReopened }: { caseId: number; onReopened(updated: PortalCase): void }) {
  const { t } = usePortalT();
  const [form] = Form.useForm<{ reason: string }>();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  if (!open) {
    return (
      <Button size="large" block onClick={() => setOpen(true)}>
        {t('reopen.open')}
      </Button>
    );
  }

  const onFinish = async ({ reason }: { reason: string }) => {
    setSaving(true);
    setFailure(null);
    try {
      onReopened((await reopenCase(caseId, reason.trim())).case);
    } catch (error) {
      setFailure(applyServerErrors(form, error, ['reason']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} layout="vertical" requiredMark={false} className="portal-form" onFinish={(v) => void onFinish(v)}>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="reason"
        label={t('reopen.reason')}
        rules={[{ required: true, whitespace: true, message: t('reopen.reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} autoFocus />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={saving}>
        {t('reopen.submit')}
      </Button>
    </Form>
  );
}
