import { Button, Form, Input } from 'antd';
import { proposeTopic } from '../../api/deliberation';
import { useMessage } from '../../components/messages';
import { SubmitError, useFormSubmit } from '../deliberation/useFormSubmit';
import { usePortalT } from './usePortalT';

interface Values {
  title: string;
  description: string;
}

/** 我要提议题: a resident's topic collects support first (the proposer is its first supporter). */
export function ProposeTopicForm({ communityId, onProposed }: { communityId: number; onProposed(): void }) {
  const { t } = usePortalT();
  const message = useMessage();
  const [form] = Form.useForm<Values>();
  const { busy, error, finish } = useFormSubmit(
    form,
    ['title', 'description'],
    (v) => proposeTopic({ communityId, title: v.title.trim(), description: v.description.trim() }),
    () => {
      form.resetFields();
      void message.success(t('deliberation.proposeDone'));
      onProposed();
    },
  );
  return (
    <Form<Values> form={form} layout="vertical" requiredMark={false} className="portal-form" onFinish={finish}>
      <SubmitError error={error} />
      <Form.Item
        name="title"
        label={t('deliberation.proposeTitle')}
        extra={t('deliberation.proposeTitleHint')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('deliberation.proposeTitleRequired') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('deliberation.proposeDescription')}
        rules={[{ required: true, whitespace: true, message: t('deliberation.proposeDescriptionRequired') }]}
      >
        <Input.TextArea rows={4} maxLength={5000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={busy}>
        {t('deliberation.proposeSubmit')}
      </Button>
    </Form>
  );
}
