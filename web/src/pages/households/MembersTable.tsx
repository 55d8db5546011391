import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../api/types';
import { TagList } from '../../components/TagList';
import type { TagCatalogue } from '../../components/useTags';
import { useFormatters } from '../../i18n/format';
import { RevealableValue } from './RevealableValue';

/** The household's current members, personal numbers masked. */
export function MembersTable({ members, catalogue }: { members: Member[]; catalogue: TagCatalogue }) {
  const { t } = useTranslation();
  const format = useFormatters();

  const columns: TableColumnsType<Member> = [
    { title: t('members.name'), dataIndex: 'name' },
    {
      title: t('members.relationship'),
      dataIndex: 'relationship',
      render: (v: Member['relationship']) => t(`enums.relationship.${v}`, { defaultValue: v }),
    },
    { title: t('members.gender'), dataIndex: 'gender', render: (v: Member['gender']) => t(`enums.gender.${v}`) },
    { title: t('members.birthDate'), dataIndex: 'birthDate', render: (v: string | null) => format.date(v) },
    {
      title: t('members.idNumber'),
      dataIndex: 'idNumber',
      render: (v: string | null, row) => (
        <RevealableValue residentId={row.residentId} residentName={row.name} field="idNumber" masked={v} />
      ),
    },
    {
      title: t('members.phone'),
      dataIndex: 'phone',
      render: (v: string | null, row) => (
        <RevealableValue residentId={row.residentId} residentName={row.name} field="phone" masked={v} />
      ),
    },
    {
      title: t('members.politicalStatus'),
      dataIndex: 'politicalStatus',
      render: (v: Member['politicalStatus']) => t(`enums.politicalStatus.${v}`, { defaultValue: v }),
    },
    { title: t('members.tags'), dataIndex: 'tags', render: (codes: string[]) => <TagList codes={codes} catalogue={catalogue} /> },
  ];

  return (
    <Table<Member>
      size="small"
      rowKey={(row) => String(row.residentId)}
      columns={columns}
      dataSource={members}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}
