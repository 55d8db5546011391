import WarningOutlined from '@ant-design/icons/WarningOutlined';
import { Progress, Space, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CoverageRow } from '../../api/types';
import { palette } from '../../app/theme';
import { useFormatters } from '../../i18n/format';

/** 户户见干部: a unit below this share of households visited in 12 months is flagged. */
export const COVERAGE_TARGET = 0.9;

interface Props<Row extends CoverageRow> {
  rows: Row[];
  loading: boolean;
  /** Extra columns after the name, e.g. the community of a grid. */
  extraColumns?: TableColumnsType<Row>;
}

/** Coverage per unit, both as numbers and as a bar; below target is said in words, not only colour. */
export function CoverageTable<Row extends CoverageRow>({ rows, loading, extraColumns = [] }: Props<Row>) {
  const { t } = useTranslation();
  const format = useFormatters();

  const columns: TableColumnsType<Row> = [
    { title: t('coverage.name'), dataIndex: 'name' },
    ...extraColumns,
    { title: t('coverage.households'), dataIndex: 'households', align: 'right', render: (v: number) => format.number(v) },
    { title: t('coverage.visited'), dataIndex: 'visited', align: 'right', render: (v: number) => format.number(v) },
    {
      title: t('coverage.coverage'),
      dataIndex: 'coverage',
      width: 320,
      sorter: (a, b) => a.coverage - b.coverage,
      render: (coverage: number, row) => {
        const below = coverage < COVERAGE_TARGET;
        return (
          <Space orientation="vertical" size={0} style={{ width: '100%' }}>
            <Progress
              percent={Math.round(coverage * 1000) / 10}
              strokeColor={below ? palette.warningGraphic : palette.successGraphic}
              format={() => format.percent(coverage)}
              status="normal"
              aria-label={`${row.name} ${t('coverage.coverage')}`}
            />
            {below && (
              <span className="text-warning">
                <WarningOutlined aria-hidden /> {t('coverage.belowTarget')}
              </span>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <Table<Row>
      size="small"
      rowKey={(row) => String(row.id)}
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={rows.length > 50 ? { pageSize: 50 } : false}
      scroll={{ x: 'max-content' }}
      rowClassName={(row) => (row.coverage < COVERAGE_TARGET ? 'coverage-below' : '')}
    />
  );
}
