import BarChartOutlined from '@ant-design/icons/BarChartOutlined';
import TableOutlined from '@ant-design/icons/TableOutlined';
import { Segmented } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type ChartOption } from './EChart';

interface Props {
  title: string;
  option: ChartOption;
  table: ReactNode;
}

/** Every chart has a table view with the same numbers (DESIGN §5); the switch is keyboard-operable. */
export function ChartOrTable({ title, option, table }: Props) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <>
      <Segmented<'chart' | 'table'>
        aria-label={t('wb.viewMode')}
        value={view}
        onChange={setView}
        options={[
          { value: 'chart', label: t('wb.chart'), icon: <BarChartOutlined aria-hidden /> },
          { value: 'table', label: t('wb.table'), icon: <TableOutlined aria-hidden /> },
        ]}
        style={{ marginBottom: 12 }}
      />
      {view === 'chart' ? <EChart option={option} label={t('rates.chartLabel', { title })} /> : table}
    </>
  );
}
