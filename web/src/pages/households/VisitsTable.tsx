import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../api/types';
import { useFormatters } from '../../i18n/format';

/** The household's visits, newest first. */
export function VisitsTable({ visits }: { visits: Visit[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const columns: TableColumnsType<Visit> = [
    { title: t('visits.visitedAt'), dataIndex: 'visitedAt', render: (v: string) => format.dateTime(v) },
    {
      title: t('visits.method'),
      dataIndex: 'method',
      render: (v: Visit['method']) => t(`enums.visitMethod.${v}`, { defaultValue: v }),
    },
    { title: t('visits.visitor'), dataIndex: 'visitorName' },
    { title: t('visits.notes'), dataIndex: 'notes', render: (v: string) => v || t('common.empty') },
    { title: t('visits.followUp'), dataIndex: 'followUp', render: (v: string | null) => v || t('common.empty') },
  ];
  return (
    <Table<Visit>
      size="small"
      rowKey={(row) => String(row.id)}
      columns={columns}
      dataSource={visits}
      pagination={visits.length > 10 ? { pageSize: 10, hideOnSinglePage: true } : false}
      locale={{ emptyText: t('visits.empty') }}
      scroll={{ x: 'max-content' }}
    />
  );
}
