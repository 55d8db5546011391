import { Alert, Button, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { rateCase, SATISFACTIONS, type PortalCase, type Satisfaction } from '../../api/portal';
import { applyServerErrors } from '../../components/formErrors';
import { usePortalT } from './usePortalT';

interface Values {
  resolved?: 'yes' | 'no';
  satisfaction?: Satisfaction;
  comment?: string;
}

/** 评价: was it solved, and how satisfied — big radio buttons, one per line. */
export function RateForm({ caseId, onRated }: { caseId: number; onRated(updated: PortalCase): void }) {
  const { t } = usePortalT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const satisfaction = Form.useWatch('satisfaction', form);

  const onFinish = async (values: Values) => {
    setSaving(true);
    setFailure(null);
    try {
      const { case: updated } = await rateCase(caseId, {
        resolved: values.resolved === 'yes',
        satisfaction: values.satisfaction!,
        comment: values.comment?.trim() || undefined,
      });
      onRated(updated);
    } catch (error) {
      setFailure(applyServerErrors(form, error, ['resolved', 'satisfaction', 'comment']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" requiredMark={false} className="portal-form" onFinish={(v) => void onFinish(v)}>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <fieldset className="portal-fieldset">
        <legend className="portal-legend">{t('rate.resolved')}</legend>
        <Form.Item name="resolved" rules={[{ required: true, message: t('rate.resolvedRequired') }]} style={{ marginBottom: 0 }}>
          <Radio.Group className="portal-choices" vertical>
            <Radio value="yes">{t('rate.resolvedYes')}</Radio>
            <Radio value="no">{t('rate.resolvedNo')}</Radio>
          </Radio.Group>
        </Form.Item>
      </fieldset>
      <fieldset className="portal-fieldset">
        <legend className="portal-legend">{t('rate.satisfaction')}</legend>
        <Form.Item name="satisfaction" rules={[{ required: true, message: t('rate.satisfactionRequired') }]} style={{ marginBottom: 0 }}>
          <Radio.Group className="portal-choices" vertical>
            {SATISFACTIONS.map((s) => (
              <Radio key={s} value={s}>
                {t(`rate.${s}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {satisfaction === 'dissatisfied' && <p className="portal-hint" role="note">{t('rate.dissatisfiedHint')}</p>}
      </fieldset>
      <Form.Item name="comment" label={t('rate.comment')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={saving}>
        {t('rate.submit')}
      </Button>
    </Form>
  );
}
