import { Button, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listTopics, TOPIC_STATUSES, type Topic, type TopicStatus } from '../../api/deliberation';
import { useAuth } from '../../app/auth';
import { useMessage } from '../../components/messages';
import { useApi } from '../../components/useApi';
import { useFormatters } from '../../i18n/format';
import { VetTopicDialog } from './VetTopicDialog';

const PAGE_SIZE = 20;

/** 议题: every topic of my communities with its support; the Party organisation vets those awaiting it. */
export function TopicsTab() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { can } = useAuth();
  const message = useMessage();
  const [status, setStatus] = useState<TopicStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [vetting, setVetting] = useState<Topic | null>(null);
  const topics = useApi((signal) => listTopics({ status, page, pageSize: PAGE_SIZE }, signal), [status, page], { keepPrevious: true });
  const mayVet = can('deliberation.vet');

  const statusText = (topic: Topic) => {
    if (topic.status === 'declined' && topic.declineReason) return t('deliberation.topics.declineReason', { reason: topic.declineReason });
    if (topic.status === 'merged' && topic.mergedIntoId) return t('deliberation.topics.mergedInto', { id: topic.mergedIntoId });
    return null;
  };

  const columns: TableColumnsType<Topic> = [
    {
      title: t('deliberation.topics.topic'),
      key: 'title',
      render: (_, topic) => (
        <>
          <div style={{ fontWeight: 600 }}>{topic.title}</div>
          <div className="wb-muted">{topic.description}</div>
        </>
      ),
    },
    { title: t('deliberation.topics.source'), dataIndex: 'source', render: (source: Topic['source']) => t(`deliberation.source.${source}`) },
    {
      title: t('deliberation.topics.status'),
      key: 'status',
      render: (_, topic) => (
        <>
          <Tag variant="outlined" data-status={topic.status}>
            {t(`deliberation.topicStatus.${topic.status}`)}
          </Tag>
          {statusText(topic) && <div className="wb-muted">{statusText(topic)}</div>}
        </>
      ),
    },
    {
      title: t('deliberation.topics.support'),
      key: 'support',
      render: (_, topic) => t('deliberation.topics.supportValue', { count: topic.supportCount, threshold: topic.supportThreshold }),
    },
    { title: t('deliberation.topics.createdAt'), dataIndex: 'createdAt', render: (at: string) => format.dateTime(at) },
    ...(mayVet
      ? [
          {
            title: t('deliberation.topics.actions'),
            key: 'actions',
            render: (_: unknown, topic: Topic) =>
              topic.status === 'vetting' ? (
                <Button autoInsertSpace={false} aria-label={`${t('deliberation.topics.vet')} ${topic.title}`} onClick={() => setVetting(topic)}>
                  {t('deliberation.topics.vet')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <section aria-label={t('deliberation.topics.listLabel')}>
      <div className="wb-toolbar">
        <Select<TopicStatus>
          aria-label={t('deliberation.topics.statusFilter')}
          value={status}
          allowClear
          placeholder={t('deliberation.topics.allStatuses')}
          style={{ minWidth: 160 }}
          options={TOPIC_STATUSES.map((s) => ({ value: s, label: t(`deliberation.topicStatus.${s}`) }))}
          onChange={(next) => {
            setStatus(next ?? undefined);
            setPage(1);
          }}
        />
      </div>
      <Table<Topic>
        rowKey="id"
        columns={columns}
        dataSource={topics.data?.items ?? []}
        loading={topics.loading}
        locale={{ emptyText: t('deliberation.topics.empty') }}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: topics.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: setPage,
        }}
      />
      {vetting && (
        <VetTopicDialog
          topic={vetting}
          onClose={() => setVetting(null)}
          onDone={(status) => {
            setVetting(null);
            void message.success(t(`deliberation.topics.${status}`));
            topics.reload();
          }}
        />
      )}
    </section>
  );
}
