import { Alert, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listTopics, vetTopic, type Topic, type VetDecision } from '../../api/deliberation';
import { useApi } from '../../components/useApi';
import { FormDialog } from './FormDialog';

type Decision = VetDecision['decision'];

interface Values {
  decision: Decision;
  note?: string;
  mergeIntoId?: number;
  reason?: string;
}

/** Topics of the same community that a topic may be merged into (the server's rule). */
const MERGEABLE: readonly Topic['status'][] = ['vetting', 'accepted', 'deliberated'];

function toDecision(v: Values): VetDecision {
  const note = v.note?.trim() || undefined;
  switch (v.decision) {
    case 'accept':
      return { decision: 'accept', note };
    case 'merge':
      return { decision: 'merge', mergeIntoId: v.mergeIntoId!, note };
    case 'decline':
      return { decision: 'decline', reason: v.reason!.trim() };
  }
}

/** 审核: accept the topic, merge it into another of its community, or decline it with a reason. */
export function VetTopicDialog({ topic, onClose, onDone }: { topic: Topic; onClose(): void; onDone(status: 'accepted' | 'merged' | 'declined'): void }) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<Decision>('accept');
  const targets = useApi(
    async (signal) => {
      const page = await listTopics({ communityId: topic.communityId, page: 1, pageSize: 200 }, signal);
      return page.items.filter((other) => other.id !== topic.id && MERGEABLE.includes(other.status));
    },
    [topic.id, topic.communityId],
  );

  return (
    <FormDialog<Values, { status: string }>
      title={t('deliberation.topics.vetTitle', { title: topic.title })}
      okText={t('wb.submit')}
      fields={['decision', 'note', 'mergeIntoId', 'reason']}
      initialValues={{ decision: 'accept' }}
      submit={(v) => vetTopic(topic.id, toDecision(v))}
      onClose={onClose}
      onDone={(result) => onDone(result.status as 'accepted' | 'merged' | 'declined')}
    >
      <p>{topic.description}</p>
      <Form.Item name="decision" label={t('deliberation.topics.decision')} rules={[{ required: true }]}>
        <Radio.Group
          onChange={(e) => setDecision(e.target.value as Decision)}
          options={[
            { value: 'accept', label: t('deliberation.topics.accept') },
            { value: 'merge', label: t('deliberation.topics.merge') },
            { value: 'decline', label: t('deliberation.topics.decline') },
          ]}
        />
      </Form.Item>
      {decision === 'merge' &&
        (targets.data?.length === 0 ? (
          <Alert type="warning" showIcon title={t('deliberation.topics.mergeNone')} style={{ marginBottom: 16 }} />
        ) : (
          <Form.Item name="mergeIntoId" label={t('deliberation.topics.mergeInto')} rules={[{ required: true, message: t('deliberation.topics.mergeIntoRequired') }]}>
            <Select
              loading={targets.loading}
              showSearch={{ optionFilterProp: 'label' }}
              options={(targets.data ?? []).map((other) => ({
                value: other.id,
                label: `#${other.id} ${other.title}（${t(`deliberation.topicStatus.${other.status}`)}）`,
              }))}
            />
          </Form.Item>
        ))}
      {decision === 'decline' ? (
        <Form.Item
          name="reason"
          label={t('deliberation.topics.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('deliberation.topics.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      ) : (
        <Form.Item name="note" label={`${t('deliberation.topics.note')}${t('wb.optional')}`}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      )}
    </FormDialog>
  );
}
