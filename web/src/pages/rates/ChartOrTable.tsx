import BarChartOutlined from '@ant-design/icons/BarChartOutlined';
import TableOutlined from '@ant-design/icons/TableOutlined';
import { Segmented } from 'antd';
import { useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type ChartOption } from './EChart';

export type ChartView = 'chart' | 'table';

/** The chart / table switch; keyboard-operable, named after the chart when there are several on a page. */
export function ViewSwitch({ value, onChange, title, style }: { value: ChartView; onChange(view: ChartView): void; title?: string; style?: CSSProperties }) {
  const { t } = useTranslation();
  return (
    <Segmented<ChartView>
      aria-label={title ? `${title}：${t('wb.viewMode')}` : t('wb.viewMode')}
      value={value}
      onChange={onChange}
      options={[
        { value: 'chart', label: t('wb.chart'), icon: <BarChartOutlined aria-hidden /> },
        { value: 'table', label: t('wb.table'), icon: <TableOutlined aria-hidden /> },
      ]}
      style={style}
    />
  );
}

interface Props {
  title: string;
  option: ChartOption;
  table: ReactNode;
}

/** Every chart has a table view with the same numbers (DESIGN §5). */
export function ChartOrTable({ title, option, table }: Props) {
  const { t } = useTranslation();
  const [view, setView] = useState<ChartView>('chart');
  return (
    <>
      <ViewSwitch value={view} onChange={setView} style={{ marginBottom: 12 }} />
      {view === 'chart' ? <EChart option={option} label={t('rates.chartLabel', { title })} /> : table}
    </>
  );
}
