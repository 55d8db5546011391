import { Button, Form, Input, Select } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addVisit } from '../../api/archive';
import { newIdempotencyKey } from '../../api/client';
import { VISIT_METHODS, type Id, type Visit, type VisitMethod } from '../../api/types';
import { useMessage } from '../../components/messages';
import { applyServerErrors } from '../../components/formErrors';

interface VisitFormValues {
  visitedAt: string; // the datetime-local value, local time 'YYYY-MM-DDTHH:mm'
  method: VisitMethod;
  notes: string;
  followUp?: string;
}

const FIELDS = ['visitedAt', 'method', 'notes', 'followUp'] as const;
const CLOCK_SKEW_MS = 5 * 60 * 1000;

function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function freshValues(): Partial<VisitFormValues> {
  return { visitedAt: toLocalInput(new Date()), method: 'home' };
}

/** Records a visit to the household (走访). A failed save keeps everything typed. */
export function VisitForm({ householdId, onAdded }: { householdId: Id; onAdded(visit: Visit): void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<VisitFormValues>();
  const [saving, setSaving] = useState(false);
  // One key per visit being entered: a retry after a lost answer cannot record it twice.
  const idempotencyKey = useRef(newIdempotencyKey());
  const initialValues = useMemo(freshValues, []);

  const methodOptions = VISIT_METHODS.map((m) => ({ value: m, label: t(`enums.visitMethod.${m}`) }));

  const onFinish = async (values: VisitFormValues) => {
    setSaving(true);
    try {
      const visit = await addVisit(
        householdId,
        {
          visitedAt: new Date(values.visitedAt).toISOString(),
          method: values.method,
          notes: values.notes.trim(),
          followUp: values.followUp?.trim() || undefined,
        },
        idempotencyKey.current,
      );
      idempotencyKey.current = newIdempotencyKey();
      form.resetFields();
      form.setFieldsValue(freshValues());
      void message.success(t('visits.saved'));
      onAdded(visit);
    } catch (error) {
      const general = applyServerErrors(form, error, FIELDS);
      if (general) void message.error(general);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<VisitFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(v) => void onFinish(v)}
      style={{ maxWidth: 640 }}
    >
      <Form.Item
        name="visitedAt"
        label={t('visits.visitedAt')}
        rules={[
          { required: true, message: t('visits.visitedAtRequired') },
          {
            validator: async (_, value: string | undefined) => {
              if (value && new Date(value).getTime() > Date.now() + CLOCK_SKEW_MS) {
                throw new Error(t('visits.visitedAtFuture'));
              }
            },
          },
        ]}
      >
        <Input type="datetime-local" max={toLocalInput(new Date())} style={{ maxWidth: 260 }} />
      </Form.Item>
      <Form.Item name="method" label={t('visits.method')} rules={[{ required: true }]}>
        <Select options={methodOptions} style={{ maxWidth: 260 }} />
      </Form.Item>
      <Form.Item
        name="notes"
        label={t('visits.notes')}
        rules={[{ required: true, whitespace: true, message: t('visits.notesRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="followUp" label={t('visits.followUp')}>
        <Input.TextArea rows={2} maxLength={1000} placeholder={t('visits.followUpPlaceholder')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        {t('visits.submit')}
      </Button>
    </Form>
  );
}
