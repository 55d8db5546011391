import SoundOutlined from '@ant-design/icons/SoundOutlined';
import { Button, Pagination, Segmented, Select, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getWhistle, listWhistles, WHISTLE_KINDS, type WhistleAction, type WhistleDetail, type WhistleKind, type WhistleStatus } from '../../api/whistles';
import { useAuth } from '../../app/auth';
import { useMessage } from '../../components/messages';
import { useApi } from '../../components/useApi';
import { usePageTitle } from '../../components/usePageTitle';
import { mapLimit } from '../cases/mapLimit';
import { useNow } from '../cases/useNow';
import '../cases/workbench.css';
import { WhistleCard } from './WhistleCard';
import { BlowWhistleDialog, CheckInDialog, CloseWhistleDialog, RateDepartmentDialog } from './WhistleDialogs';

const PAGE_SIZE = 10;
type StatusFilter = WhistleStatus | 'all';

/** 吹哨报到: open whistles first, each with its departments' check-ins, and the actions my role allows. */
export default function WhistleBoardPage() {
  const { t } = useTranslation();
  usePageTitle(t('whistles.title'));
  const { can } = useAuth();
  const message = useMessage();
  const now = useNow();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [kind, setKind] = useState<WhistleKind | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<{ action: WhistleAction | 'blow'; whistle?: WhistleDetail } | null>(null);

  // The board needs each whistle's departments: one detail request per whistle shown, four at a time.
  const board = useApi(
    async (signal) => {
      const list = await listWhistles({ status: status === 'all' ? undefined : status, kind, page, pageSize: PAGE_SIZE }, signal);
      const details = await mapLimit(list.items, 4, (w) => getWhistle(w.id, signal));
      return { total: list.total, details };
    },
    [status, kind, page],
    { keepPrevious: true },
  );

  const replace = (detail: WhistleDetail, done: string) => {
    setDialog(null);
    void message.success(done);
    board.setData((current) =>
      current ? { ...current, details: current.details.map((d) => (d.whistle.id === detail.whistle.id ? detail : d)) } : current,
    );
  };

  const data = board.data;
  const close = () => setDialog(null);
  return (
    <>
      <div className="wb-toolbar">
        <h1 className="page-title" style={{ margin: 0 }}>
          {t('whistles.title')}
        </h1>
        <Segmented<StatusFilter>
          aria-label={t('whistles.status')}
          value={status}
          options={[
            { value: 'all', label: t('whistles.all') },
            { value: 'open', label: t('whistles.open') },
            { value: 'closed', label: t('whistles.closed') },
          ]}
          onChange={(next) => {
            setStatus(next);
            setPage(1);
          }}
        />
        <Select<WhistleKind>
          aria-label={t('whistles.kindFilter')}
          value={kind}
          allowClear
          placeholder={t('whistles.allKinds')}
          style={{ minWidth: 140 }}
          options={WHISTLE_KINDS.map((k) => ({ value: k, label: t(`whistles.kind.${k}`) }))}
          onChange={(next) => {
            setKind(next ?? undefined);
            setPage(1);
          }}
        />
        {can('whistle.blow') && (
          <Button
            type="primary"
            danger
            icon={<SoundOutlined aria-hidden />}
            className="wb-toolbar-end"
            onClick={() => setDialog({ action: 'blow' })}
          >
            {t('whistles.blow')}
          </Button>
        )}
      </div>

      <section aria-label={t('whistles.listLabel')}>
        {!data ? (
          <Spin />
        ) : data.details.length === 0 ? (
          <div className="panel">
            <p className="wb-muted" style={{ margin: 0 }}>
              {t('whistles.empty')}
            </p>
          </div>
        ) : (
          <Spin spinning={board.loading}>
            {data.details.map((detail) => (
              <WhistleCard
                key={detail.whistle.id}
                detail={detail}
                now={now}
                onAction={(action) => setDialog({ action, whistle: detail })}
              />
            ))}
          </Spin>
        )}
        {data && data.total > PAGE_SIZE && (
          <Pagination
            style={{ marginTop: 16 }}
            current={page}
            pageSize={PAGE_SIZE}
            total={data.total}
            showSizeChanger={false}
            showTotal={(total) => t('common.total', { count: total })}
            onChange={setPage}
          />
        )}
      </section>

      {dialog?.action === 'blow' && (
        <BlowWhistleDialog
          onClose={close}
          onDone={() => {
            setDialog(null);
            void message.success(t('whistles.blown'));
            setStatus('all');
            setPage(1);
            board.reload();
          }}
        />
      )}
      {dialog?.whistle && dialog.action === 'check_in' && (
        <CheckInDialog whistle={dialog.whistle} onClose={close} onDone={(d) => replace(d, t('whistles.checkedInDone'))} />
      )}
      {dialog?.whistle && dialog.action === 'close' && (
        <CloseWhistleDialog whistle={dialog.whistle} onClose={close} onDone={(d) => replace(d, t('whistles.closedDone'))} />
      )}
      {dialog?.whistle && dialog.action === 'rate' && (
        <RateDepartmentDialog whistle={dialog.whistle} onClose={close} onDone={(d) => replace(d, t('whistles.ratedDone'))} />
      )}
    </>
  );
}
