import PlusOutlined from '@ant-design/icons/PlusOutlined';
import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { listCases, type CaseView } from '../../api/cases';
import type { Id } from '../../api/types';
import { useAuth } from '../../app/auth';
import { LinkButton } from '../../components/LinkButton';
import { useApi } from '../../components/useApi';
import { useFormatters } from '../../i18n/format';
import { CaseStatusTag } from './CaseTags';
import { useCategories } from './useCategories';

// GET /api/cases has no household filter: up to 200 of the grid's cases are read and filtered here.
const SEARCHED = 200;

/** 本户诉求: cases raised from this household, newest first, with a shortcut to enter a new one. */
export function HouseholdCases({ householdId, gridId }: { householdId: Id; gridId: Id }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormatters();
  const categories = useCategories();
  const result = useApi(
    async (signal) => {
      const page = await listCases({ gridId: Number(gridId), page: 1, pageSize: SEARCHED }, signal);
      const mine = page.items.filter((c) => String(c.householdId) === String(householdId));
      mine.sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt));
      return { items: mine, total: page.total, partial: page.total > page.items.length };
    },
    [householdId, gridId],
  );

  const columns: TableColumnsType<CaseView> = [
    { title: t('queue.publicId'), dataIndex: 'publicId', render: (v: string, row) => <Link to={`/cases/${row.id}`}>{v}</Link> },
    { title: t('queue.status'), dataIndex: 'status', render: (s: CaseView['status']) => <CaseStatusTag status={s} /> },
    { title: t('queue.category'), key: 'category', render: (_, row) => categories.name(row.category) },
    { title: t('queue.description'), dataIndex: 'description' },
    { title: t('queue.receivedAt'), dataIndex: 'receivedAt', render: (v: string) => format.dateTime(v) },
  ];

  return (
    <>
      {can('case.manage') && (
        <LinkButton
          to={`/cases/new?householdId=${encodeURIComponent(String(householdId))}`}
          icon={<PlusOutlined aria-hidden />}
          style={{ marginBottom: 12 }}
        >
          {t('queue.newCase')}
        </LinkButton>
      )}
      <Table<CaseView>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={result.data?.items ?? []}
        loading={result.loading}
        pagination={(result.data?.items.length ?? 0) > 10 ? { pageSize: 10 } : false}
        locale={{ emptyText: t('householdCases.empty') }}
        scroll={{ x: 'max-content' }}
      />
      {result.data?.partial && <p className="text-secondary">{t('householdCases.partial', { count: SEARCHED, total: result.data.total })}</p>}
    </>
  );
}
