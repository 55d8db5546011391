import { Button, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listMeetings, type MeetingSummary } from '../../api/deliberation';
import { useApi } from '../../components/useApi';
import { useFormatters } from '../../i18n/format';
import { MeetingDrawer } from './MeetingDrawer';

/** 会议: councils, joint meetings, hearings and heart-to-heart talks of my communities. */
export function MeetingsTab() {
  const { t } = useTranslation();
  const format = useFormatters();
  const meetings = useApi((signal) => listMeetings(signal), []);
  const [openId, setOpenId] = useState<number | null>(null);

  const columns: TableColumnsType<MeetingSummary> = [
    { title: t('deliberation.meetings.meeting'), dataIndex: 'title' },
    { title: t('deliberation.meetings.kind'), dataIndex: 'kind', render: (kind: MeetingSummary['kind']) => t(`deliberation.meetingKind.${kind}`) },
    { title: t('deliberation.meetings.startsAt'), dataIndex: 'startsAt', render: (at: string) => format.dateTime(at) },
    { title: t('deliberation.meetings.location'), dataIndex: 'location' },
    {
      title: t('deliberation.meetings.registered'),
      key: 'registered',
      render: (_, m) => t('deliberation.meetings.registeredValue', { count: m.registeredCount, capacity: m.capacity }),
    },
    {
      title: t('deliberation.meetings.status'),
      dataIndex: 'status',
      render: (status: MeetingSummary['status']) => <Tag variant="outlined">{t(`deliberation.meetings.${status}`)}</Tag>,
    },
    {
      title: t('deliberation.topics.actions'),
      key: 'open',
      render: (_, m) => (
        <Button autoInsertSpace={false} aria-label={`${t('deliberation.meetings.open')} ${m.title}`} onClick={() => setOpenId(m.id)}>
          {t('deliberation.meetings.open')}
        </Button>
      ),
    },
  ];

  return (
    <section aria-label={t('deliberation.meetings.listLabel')}>
      <Table<MeetingSummary>
        rowKey="id"
        columns={columns}
        dataSource={meetings.data?.items ?? []}
        loading={meetings.loading}
        locale={{ emptyText: t('deliberation.meetings.empty') }}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
      />
      {openId !== null && <MeetingDrawer meetingId={openId} onClose={() => setOpenId(null)} onChanged={meetings.reload} />}
    </section>
  );
}
