import ArrowDownOutlined from '@ant-design/icons/ArrowDownOutlined';
import ArrowUpOutlined from '@ant-design/icons/ArrowUpOutlined';
import MinusOutlined from '@ant-design/icons/MinusOutlined';
import { Button, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { RATE_NAMES, type RankingItem, type RateUnit } from '../../api/rates';
import { useFormatters } from '../../i18n/format';
import { RateCell } from './RateCell';

/** The change of rank against last month, as an arrow and in words. */
function RankChange({ item }: { item: RankingItem }) {
  const { t } = useTranslation();
  if (item.rank === null) return <span className="wb-muted">{t('common.empty')}</span>;
  if (item.previous.rank === null) return <span className="wb-muted">{t('rates.new')}</span>;
  const change = item.change.rank ?? 0;
  if (change > 0) {
    return (
      <span className="wb-rate-change--up">
        <ArrowUpOutlined aria-hidden /> {t('rates.up', { count: change })}
      </span>
    );
  }
  if (change < 0) {
    return (
      <span className="wb-rate-change--down">
        <ArrowDownOutlined aria-hidden /> {t('rates.down', { count: -change })}
      </span>
    );
  }
  return (
    <span className="wb-muted">
      <MinusOutlined aria-hidden /> {t('rates.same')}
    </span>
  );
}

interface Props {
  items: RankingItem[];
  loading: boolean;
  selected: RateUnit | null;
  onDrill(unit: RateUnit): void;
}

/** Units ranked for the month: rank and its change, the three rates, composite and volume. */
export function RankingTable({ items, loading, selected, onDrill }: Props) {
  const { t } = useTranslation();
  const format = useFormatters();

  const columns: TableColumnsType<RankingItem> = [
    {
      title: t('rates.rank'),
      dataIndex: 'rank',
      align: 'right',
      render: (rank: number | null) => (rank === null ? <span className="wb-muted">{t('rates.unranked')}</span> : format.number(rank)),
    },
    { title: t('rates.change'), key: 'change', render: (_, item) => <RankChange item={item} /> },
    {
      title: t('rates.unit'),
      key: 'unit',
      render: (_, item) => (
        <Button
          type="link"
          style={{ padding: 0 }}
          aria-pressed={selected?.id === item.unit.id && selected.kind === item.unit.kind}
          aria-label={t('rates.drillLabel', { name: item.unit.name })}
          onClick={() => onDrill(item.unit)}
        >
          {item.unit.name}
        </Button>
      ),
    },
    ...RATE_NAMES.map((name) => ({
      title: t(`rates.${name}`),
      key: name,
      align: 'right' as const,
      render: (_: unknown, item: RankingItem) => <RateCell ratio={item[name]} />,
    })),
    {
      title: t('rates.composite'),
      dataIndex: 'composite',
      align: 'right',
      render: (v: number | null) => (v === null ? t('common.empty') : format.percent(v)),
    },
    {
      title: t('rates.received'),
      key: 'received',
      align: 'right',
      render: (_, item) => format.number(item.counts.received),
    },
  ];

  return (
    <Table<RankingItem>
      rowKey={(item) => `${item.unit.kind}-${item.unit.id}`}
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={items.length > 20 ? { pageSize: 20 } : false}
      locale={{ emptyText: t('rates.empty') }}
      scroll={{ x: 'max-content' }}
    />
  );
}
