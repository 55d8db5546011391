import PlusOutlined from '@ant-design/icons/PlusOutlined';
import SendOutlined from '@ant-design/icons/SendOutlined';
import { Button, Segmented, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { listCases, type CaseStatus, type CaseView } from '../../api/cases';
import { useAuth } from '../../app/auth';
import { LinkButton } from '../../components/LinkButton';
import { useApi } from '../../components/useApi';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { BulkDispatchDialog, BulkResults, type BulkOutcome } from './BulkDispatch';
import { CaseStatusTag, PriorityTag } from './CaseTags';
import { caseDeadline, DueCountdown } from './DueCountdown';
import { useGrids } from './grids';
import { QueueFilters, type QueueFilterValues } from './QueueFilters';
import { PAGE_SIZES, readQueueQuery, writeQueueQuery, type QueueQuery } from './queueQuery';
import { useCategories } from './useCategories';
import { useNow } from './useNow';
import './workbench.css';

const DISPATCHABLE: readonly CaseStatus[] = ['accepted', 'reopened'];

/** 我的待办: the cases waiting for me (or all I can see), overdue first, with bulk dispatch. */
export default function QueuePage() {
  const { t } = useTranslation();
  usePageTitle(t('queue.title'));
  const { can } = useAuth();
  const format = useFormatters();
  const now = useNow();
  const categories = useCategories();
  const { grids } = useGrids();
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.toString();
  const query = useMemo(() => readQueueQuery(new URLSearchParams(search)), [search]);
  const result = useApi((signal) => listCases(query, signal), [query], { keepPrevious: true });

  const [selected, setSelected] = useState<CaseView[]>([]);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const mayDispatch = can('case.manage');

  const go = (next: QueueQuery) => setSearchParams(writeQueueQuery(next));
  const filters: QueueFilterValues = {
    q: query.q,
    status: [...(query.status ?? [])],
    categoryId: query.categoryId,
    gridId: query.gridId,
    channel: query.channel,
    overdue: query.overdue,
  };
  const applyFilters = (values: QueueFilterValues) =>
    go({ ...query, ...values, q: values.q || undefined, overdue: values.overdue || undefined, page: 1 });

  const gridName = (id: number | null) => grids.find((g) => g.id === id)?.name;

  const columns: TableColumnsType<CaseView> = [
    {
      title: t('queue.publicId'),
      dataIndex: 'publicId',
      render: (publicId: string, row) => <Link to={`/cases/${row.id}`}>{publicId}</Link>,
    },
    { title: t('queue.status'), dataIndex: 'status', render: (s: CaseStatus) => <CaseStatusTag status={s} /> },
    {
      title: t('queue.due'),
      key: 'due',
      render: (_, row) => <DueCountdown deadline={caseDeadline(row)} now={now} overdue={row.overdue} showKind />,
    },
    { title: t('queue.priority'), dataIndex: 'priority', render: (p: CaseView['priority']) => <PriorityTag priority={p} /> },
    { title: t('queue.category'), key: 'category', render: (_, row) => categories.name(row.category) },
    {
      title: t('queue.description'),
      dataIndex: 'description',
      render: (text: string) => (
        <span className="queue-description" title={text}>
          {text.length > 60 ? `${text.slice(0, 60)}…` : text}
        </span>
      ),
    },
    {
      title: t('queue.place'),
      key: 'place',
      render: (_, row) => row.address ?? gridName(row.gridId) ?? t('common.empty'),
    },
    { title: t('queue.channel'), dataIndex: 'channel', render: (c: CaseView['channel']) => t(`caseEnums.channel.${c}`) },
    { title: t('queue.receivedAt'), dataIndex: 'receivedAt', render: (v: string) => format.dateTime(v) },
    { title: t('queue.handler'), key: 'handler', render: (_, row) => row.handler.name ?? t('common.empty') },
  ];

  const page = result.data;
  const selectedIds = selected.map((c) => c.id);

  return (
    <>
      <div className="wb-toolbar">
        <h1 className="page-title" style={{ margin: 0 }}>
          {t('queue.title')}
        </h1>
        <Segmented<'mine' | 'all'>
          aria-label={t('queue.scope')}
          value={query.mine ? 'mine' : 'all'}
          options={[
            { value: 'mine', label: t('queue.scopeMine') },
            { value: 'all', label: t('queue.scopeAll') },
          ]}
          onChange={(scope) => go({ ...query, mine: scope === 'mine', page: 1 })}
        />
        {can('case.manage') && (
          <LinkButton to="/cases/new" icon={<PlusOutlined aria-hidden />} className="wb-toolbar-end">
            {t('queue.newCase')}
          </LinkButton>
        )}
      </div>

      <div className="panel">
        <QueueFilters
          values={filters}
          categories={categories}
          grids={grids}
          onSearch={applyFilters}
          error={result.error}
        />
      </div>

      {outcome && <BulkResults outcome={outcome} onDismiss={() => setOutcome(null)} />}

      <section className="panel" aria-label={t('queue.tableLabel')}>
        {mayDispatch && (
          <div className="wb-toolbar" aria-live="polite">
            <span>{t('queue.selected', { count: selected.length })}</span>
            <Button
              type="primary"
              icon={<SendOutlined aria-hidden />}
              disabled={selected.length === 0}
              onClick={() => setDialogOpen(true)}
            >
              {t('queue.bulkDispatch')}
            </Button>
            {selected.length > 0 && <Button onClick={() => setSelected([])}>{t('queue.clearSelection')}</Button>}
          </div>
        )}
        <Table<CaseView>
          rowKey="id"
          columns={columns}
          dataSource={page?.items ?? []}
          loading={result.loading}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: query.mine ? t('queue.emptyMine') : t('queue.empty') }}
          rowSelection={
            mayDispatch
              ? {
                  selectedRowKeys: selectedIds,
                  preserveSelectedRowKeys: true,
                  onChange: (_keys, rows) =>
                    // Rows of other pages stay selected; antd passes undefined for those it no longer holds.
                    setSelected((current) => {
                      const known = new Map([...current, ...rows.filter(Boolean)].map((c) => [c.id, c]));
                      return _keys.map((k) => known.get(Number(k))).filter((c): c is CaseView => Boolean(c));
                    }),
                  getCheckboxProps: (row) => ({
                    disabled: !DISPATCHABLE.includes(row.status),
                    'aria-label': t('queue.selectRow', { id: row.publicId }),
                  }),
                }
              : undefined
          }
          pagination={{
            current: page?.page ?? query.page,
            pageSize: page?.pageSize ?? query.pageSize,
            total: page?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (nextPage, nextSize) =>
              go({ ...query, page: nextSize === query.pageSize ? nextPage : 1, pageSize: nextSize }),
          }}
        />
      </section>

      <BulkDispatchDialog
        cases={selected}
        open={dialogOpen}
        onClose={() => setDialogOpen(false)}
        onDone={(done) => {
          setDialogOpen(false);
          setSelected([]);
          setOutcome(done);
          result.reload();
        }}
      />
    </>
  );
}
