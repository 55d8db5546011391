import { Button, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listVotes, type VoteSummary } from '../../api/deliberation';
import { useApi } from '../../components/useApi';
import { useFormatters } from '../../i18n/format';
import { VoteDrawer } from './VoteDrawer';

/** 业主表决: the votes of my communities' estates, one estate at a time or all together. */
export function VotesTab() {
  const { t } = useTranslation();
  const format = useFormatters();
  const [estateId, setEstateId] = useState<number | undefined>(undefined);
  const [openId, setOpenId] = useState<number | null>(null);
  // Every vote is read once; the estate filter then works on what is loaded.
  const votes = useApi((signal) => listVotes({}, signal), []);
  const all = votes.data?.items;
  const estates = useMemo(() => [...new Map((all ?? []).map((v) => [v.estateId, v.estateName])).entries()], [all]);
  const shown = (all ?? []).filter((v) => estateId === undefined || v.estateId === estateId);

  const columns: TableColumnsType<VoteSummary> = [
    { title: t('deliberation.votes.vote'), dataIndex: 'title' },
    { title: t('deliberation.votes.estate'), dataIndex: 'estateName' },
    { title: t('deliberation.votes.rule'), dataIndex: 'rule', render: (rule: VoteSummary['rule']) => t(`deliberation.votes.ruleName.${rule}`) },
    {
      title: t('deliberation.votes.status'),
      dataIndex: 'status',
      render: (s: VoteSummary['status']) => <Tag variant="outlined">{t(`deliberation.votes.statusValue.${s}`)}</Tag>,
    },
    { title: t('deliberation.votes.openedAt'), dataIndex: 'openedAt', render: (at: string | null) => format.dateTime(at) },
    { title: t('deliberation.votes.closesAt'), dataIndex: 'closesAt', render: (at: string | null) => format.dateTime(at) },
    {
      title: t('deliberation.topics.actions'),
      key: 'open',
      render: (_, v) => (
        <Button autoInsertSpace={false} aria-label={`${t('deliberation.votes.open')} ${v.title}`} onClick={() => setOpenId(v.id)}>
          {t('deliberation.votes.open')}
        </Button>
      ),
    },
  ];

  return (
    <section aria-label={t('deliberation.votes.listLabel')}>
      <div className="wb-toolbar">
        <Select<number>
          aria-label={t('deliberation.votes.estate')}
          value={estateId}
          allowClear
          placeholder={t('deliberation.votes.allEstates')}
          style={{ minWidth: 180 }}
          options={estates.map(([id, name]) => ({ value: id, label: name }))}
          onChange={(next) => setEstateId(next ?? undefined)}
        />
      </div>
      <Table<VoteSummary>
        rowKey="id"
        columns={columns}
        dataSource={shown}
        loading={votes.loading}
        locale={{ emptyText: t('deliberation.votes.empty') }}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
      />
      {openId !== null && <VoteDrawer voteId={openId} onClose={() => setOpenId(null)} onChanged={votes.reload} />}
    </section>
  );
}
