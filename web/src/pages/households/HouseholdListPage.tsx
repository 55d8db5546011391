import { Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { listHouseholds } from '../../api/archive';
import type { HouseholdQuery, HouseholdSummary } from '../../api/types';
import { TagList } from '../../components/TagList';
import { useApi } from '../../components/useApi';
import { usePageTitle } from '../../components/usePageTitle';
import { useTags } from '../../components/useTags';
import { useFormatters } from '../../i18n/format';
import { HouseholdFilters, type HouseholdFilterValues } from './HouseholdFilters';

const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;

function positiveInt(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Filters and paging live in the URL (shareable, kept by Back) — except the phone number, a personal datum. */
function readQuery(params: URLSearchParams): Omit<HouseholdQuery, 'phone'> {
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  return {
    q: params.get('q') ?? '',
    tags: (params.get('tags') ?? '').split(',').filter(Boolean),
    nodeId: params.get('nodeId') ?? undefined,
    page: positiveInt(params.get('page'), 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

function writeQuery(query: Omit<HouseholdQuery, 'phone'>): Record<string, string> {
  const params: Record<string, string> = {};
  if (query.q) params.q = query.q;
  if (query.tags?.length) params.tags = query.tags.join(',');
  if (query.nodeId) params.nodeId = query.nodeId;
  if (query.page > 1) params.page = String(query.page);
  if (query.pageSize !== DEFAULT_PAGE_SIZE) params.pageSize = String(query.pageSize);
  return params;
}

export default function HouseholdListPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.households'));
  const navigate = useNavigate();
  const format = useFormatters();
  const catalogue = useTags();
  const [searchParams, setSearchParams] = useSearchParams();
  const [phone, setPhone] = useState('');
  // The detail page's "back to the list" returns to these filters and this page.
  const detailState = { listSearch: useLocation().search };
  const detailPath = (row: HouseholdSummary) => `/households/${encodeURIComponent(String(row.id))}`;

  const search = searchParams.toString();
  const query = useMemo(() => readQuery(new URLSearchParams(search)), [search]);
  const filters = useMemo<HouseholdFilterValues>(
    () => ({ q: query.q ?? '', tags: query.tags ?? [], phone, nodeId: query.nodeId }),
    [query, phone],
  );
  const result = useApi(
    (signal) => listHouseholds({ ...query, phone: phone.trim() || undefined }, signal),
    [query, phone],
    { keepPrevious: true },
  );

  const applyFilters = (values: HouseholdFilterValues) => {
    setPhone(values.phone.trim());
    setSearchParams(
      writeQuery({ q: values.q.trim(), tags: values.tags, nodeId: values.nodeId, page: 1, pageSize: query.pageSize }),
    );
  };

  const columns: TableColumnsType<HouseholdSummary> = [
    {
      title: t('households.address'),
      dataIndex: 'address',
      render: (address: string, row) => (
        <Link to={detailPath(row)} state={detailState}>
          {address}
        </Link>
      ),
    },
    { title: t('households.headName'), dataIndex: 'headName', render: (v: string | null) => v ?? t('common.empty') },
    { title: t('households.memberCount'), dataIndex: 'memberCount', align: 'right' },
    {
      title: t('households.housing'),
      dataIndex: 'housing',
      render: (v: HouseholdSummary['housing']) => t(`enums.housing.${v}`, { defaultValue: v }),
    },
    {
      title: t('households.area'),
      dataIndex: 'areaM2',
      align: 'right',
      render: (v: string | null) => format.number(v),
    },
    {
      title: t('households.tags'),
      dataIndex: 'tags',
      render: (codes: string[]) => <TagList codes={codes} catalogue={catalogue} />,
    },
    {
      title: t('households.lastVisit'),
      dataIndex: 'lastVisitAt',
      render: (v: string | null) => (v ? format.date(v) : t('households.neverVisited')),
    },
  ];

  const page = result.data;
  return (
    <>
      <h1 className="page-title">
        {t('nav.households')}
      </h1>
      <div className="panel">
        <HouseholdFilters values={filters} catalogue={catalogue} onSearch={applyFilters} error={result.error} />
      </div>
      <section className="panel" aria-label={t('households.tableLabel')}>
        <Table<HouseholdSummary>
          rowKey={(row) => String(row.id)}
          columns={columns}
          dataSource={page?.items ?? []}
          loading={result.loading}
          scroll={{ x: 'max-content' }}
          onRow={(row) => ({
            className: 'table-row-link',
            onClick: (event) => {
              if ((event.target as HTMLElement).closest('a')) return; // the address link navigates itself
              navigate(detailPath(row), { state: detailState });
            },
          })}
          pagination={{
            current: page?.page ?? query.page,
            pageSize: page?.pageSize ?? query.pageSize,
            total: page?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (nextPage, nextSize) =>
              setSearchParams(writeQuery({ ...query, page: nextSize === query.pageSize ? nextPage : 1, pageSize: nextSize })),
          }}
        />
      </section>
    </>
  );
}
