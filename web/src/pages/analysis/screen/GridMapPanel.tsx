import { Segmented, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardGrid } from '../../../api/dashboard';
import { useFormatters } from '../../../i18n/format';
import { asPolygon } from '../../map/geo';
import GeoMap, { type MapShape } from '../../map/GeoMap';
import { colourScale } from '../../map/gridCounts';
import { MapLegend } from '../../map/MapLegend';
import { ChartPanel } from './ScreenPanel';
import { useTileUrl } from '../../map/useTileUrl';

export type GridMeasure = 'received' | 'overdue';

// Dark to bright on the dark screen: the busiest grids stand out. Steps 2–4 pass 3:1 against the panel.
const SCREEN_SCALES: Record<GridMeasure, readonly string[]> = {
  received: ['#2a3a55', '#1d5fae', '#2f86e8', '#6cb8ff', '#c2e2ff'],
  overdue: ['#2a3a55', '#a23a3a', '#d9534f', '#ff8a80', '#ffd0cc'],
};

// Names on the map itself only while they fit; otherwise on hover, and always in the table.
const MAX_PERMANENT_LABELS = 16;

/** A grid's name without its community's in front (幸福里社区第一网格 → 第一网格): labels must fit on the map. */
const shortName = (g: DashboardGrid) => (g.community && g.name.startsWith(g.community.name) && g.name.length > g.community.name.length ? g.name.slice(g.community.name.length) : g.name);

/** The unit's grids on a map, coloured by cases received or by limits passed, with a legend and a table view. */
export function GridMapPanel({ grids, className }: { grids: DashboardGrid[]; className?: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const [measure, setMeasure] = useState<GridMeasure>('received');
  const tileUrl = useTileUrl();
  const scale = useMemo(() => colourScale(SCREEN_SCALES[measure], Math.max(0, ...grids.map((g) => g[measure]))), [grids, measure]);
  const measureName = t(`screen.map.${measure}`);
  const shapes = useMemo<MapShape[]>(
    () =>
      grids.flatMap((g) => {
        const geometry = asPolygon(g.boundary);
        if (!geometry) return [];
        return [
          {
            id: String(g.id),
            geometry,
            style: { color: '#0d1f3c', weight: 1.5, fillColor: scale.colourOf(g[measure]), fillOpacity: 0.9, className: `screen-grid screen-grid-${g.id}` },
            tooltip: `${shortName(g)} ${format.number(g[measure])}`,
          },
        ];
      }),
    [grids, scale, measure, t, format],
  );
  const missing = grids.filter((g) => asPolygon(g.boundary) === null);

  const columns: TableColumnsType<DashboardGrid> = [
    {
      title: t('screen.map.grid'),
      dataIndex: 'name',
      render: (name: string, g) => (
        <span>
          <span className="wb-swatch" aria-hidden style={{ background: scale.colourOf(g[measure]), marginRight: 8 }} />
          {name}
        </span>
      ),
    },
    { title: t('screen.map.community'), key: 'community', render: (_, g) => g.community?.name ?? t('common.empty') },
    { title: t('screen.map.received'), dataIndex: 'received', align: 'right', sorter: (a, b) => a.received - b.received, render: (v: number) => format.number(v) },
    { title: t('screen.map.overdue'), dataIndex: 'overdue', align: 'right', sorter: (a, b) => a.overdue - b.overdue, render: (v: number) => format.number(v) },
    { title: t('screen.map.openOverdue'), dataIndex: 'openOverdue', align: 'right', sorter: (a, b) => a.openOverdue - b.openOverdue, render: (v: number) => format.number(v) },
  ];

  return (
    <ChartPanel
      title={t('screen.map.title')}
      className={className}
      extra={
        <Segmented<GridMeasure>
          aria-label={t('screen.map.colourBy')}
          value={measure}
          onChange={setMeasure}
          options={[
            { value: 'received', label: t('screen.map.received') },
            { value: 'overdue', label: t('screen.map.overdue') },
          ]}
        />
      }
      picture={
        tileUrl === undefined ? null : (
          <GeoMap shapes={shapes} tileUrl={tileUrl} label={t('screen.map.mapLabel', { measure: measureName })} className="screen-map" permanentLabels={shapes.length <= MAX_PERMANENT_LABELS} />
        )
      }
      table={<Table<DashboardGrid> size="small" rowKey="id" columns={columns} dataSource={grids} pagination={false} sticky />}
      footer={
        <div className="screen-legend">
          <span>{t('screen.map.legend', { measure: measureName })}</span>
          <MapLegend steps={scale.steps} label={t('screen.map.legend', { measure: measureName })} />
          {missing.length > 0 && (
            <span className="screen-muted">
              {t('wb.labelValue', { label: t('screen.map.noBoundary'), value: new Intl.ListFormat(i18n.language).format(missing.map((m) => m.name)) })}
            </span>
          )}
        </div>
      }
    />
  );
}
