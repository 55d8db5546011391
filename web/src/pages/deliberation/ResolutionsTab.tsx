import { Button, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getMeeting, listMeetings, type MeetingResolution } from '../../api/deliberation';
import { useApi } from '../../components/useApi';
import { useFormatters } from '../../i18n/format';
import { mapLimit } from '../cases/mapLimit';
import { ResolutionDrawer } from './ResolutionDrawer';

/** The API lists resolutions per meeting: the most recent meetings are read, four at a time. */
const MEETINGS_READ = 30;

type Row = MeetingResolution & { meetingTitle: string };

/** 决议落实: every resolution of the recent meetings, its owner, due date and whether it is done. */
export function ResolutionsTab() {
  const { t } = useTranslation();
  const format = useFormatters();
  const [openId, setOpenId] = useState<number | null>(null);
  const rows = useApi(async (signal) => {
    const { items } = await listMeetings(signal);
    const details = await mapLimit(items.slice(0, MEETINGS_READ), 4, (m) => getMeeting(m.id, signal));
    return details.flatMap((m) => m.resolutions.map((r): Row => ({ ...r, meetingTitle: m.title })));
  }, []);

  const columns: TableColumnsType<Row> = [
    { title: t('deliberation.resolutions.resolution'), dataIndex: 'title' },
    { title: t('deliberation.resolutions.meeting'), dataIndex: 'meetingTitle' },
    { title: t('deliberation.resolutions.owner'), dataIndex: 'ownerName' },
    { title: t('deliberation.resolutions.dueDate'), dataIndex: 'dueDate', render: (d: string) => format.date(d) },
    {
      title: t('deliberation.resolutions.status'),
      dataIndex: 'status',
      render: (s: string) => <Tag variant="outlined">{s === 'done' ? t('deliberation.resolutions.statusValue.done') : t('deliberation.resolutions.statusValue.open')}</Tag>,
    },
    {
      title: t('deliberation.topics.actions'),
      key: 'open',
      render: (_, r) => (
        <Button autoInsertSpace={false} aria-label={`${t('deliberation.resolutions.open')} ${r.title}`} onClick={() => setOpenId(r.id)}>
          {t('deliberation.resolutions.open')}
        </Button>
      ),
    },
  ];

  return (
    <section aria-label={t('deliberation.resolutions.listLabel')}>
      <Table<Row>
        rowKey="id"
        columns={columns}
        dataSource={rows.data ?? []}
        loading={rows.loading}
        locale={{ emptyText: t('deliberation.resolutions.empty') }}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
      />
      {openId !== null && <ResolutionDrawer resolutionId={openId} onClose={() => setOpenId(null)} onChanged={rows.reload} />}
    </section>
  );
}
