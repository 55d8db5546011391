import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type ChartOption } from '../../rates/EChart';
import { ViewSwitch, type ChartView } from '../../rates/ChartOrTable';

interface Props {
  title: string;
  /** Controls beside the title (a measure switch, a sort order). */
  extra?: ReactNode;
  className?: string;
  children: ReactNode;
}

/** A panel of the big screen; the region is named by its heading. */
export function ScreenPanel({ title, extra, className = '', children }: Props) {
  const id = useId();
  return (
    <section className={`screen-panel ${className}`} aria-labelledby={id}>
      <div className="screen-panel-head">
        <h2 id={id}>{title}</h2>
        {extra && <div className="screen-panel-tools">{extra}</div>}
      </div>
      <div className="screen-panel-body">{children}</div>
    </section>
  );
}

interface ChartPanelProps extends Omit<Props, 'children'> {
  /** The chart as an ECharts option, or `picture`: another drawing of the data (the map). */
  option?: ChartOption;
  picture?: ReactNode;
  table: ReactNode;
  /** Shown under either view: a legend, a summary line. */
  footer?: ReactNode;
}

/** A panel whose chart has a table view with the same numbers, switched from the panel's head. */
export function ChartPanel({ title, extra, className, option, picture, table, footer }: ChartPanelProps) {
  const { t } = useTranslation();
  const [view, setView] = useState<ChartView>('chart');
  return (
    <ScreenPanel
      title={title}
      className={className}
      extra={
        <>
          {extra}
          <ViewSwitch value={view} onChange={setView} title={title} />
        </>
      }
    >
      <div className="screen-panel-view">
        {view === 'table' ? (
          // A long table scrolls inside the panel: focusable, so the keyboard can scroll it too.
          <div className="screen-table" tabIndex={0} role="region" aria-label={t('rates.tableLabel', { title })}>
            {table}
          </div>
        ) : option ? (
          <EChart option={option} label={t('rates.chartLabel', { title })} className="screen-chart" />
        ) : (
          picture
        )}
      </div>
      {footer}
    </ScreenPanel>
  );
}
