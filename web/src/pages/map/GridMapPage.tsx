import { Button, Segmented, Spin, Table, type TableColumnsType } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { listCases, OPEN_STATUSES } from '../../api/cases';
import { getOrgNode } from '../../api/org';
import { useApi } from '../../components/useApi';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { CaseStatusTag } from '../cases/CaseTags';
import { caseDeadline, DueCountdown } from '../cases/DueCountdown';
import { useGrids, type GridRef } from '../cases/grids';
import { mapLimit } from '../cases/mapLimit';
import { queueLink } from '../cases/queueQuery';
import { useCategories } from '../cases/useCategories';
import { useNow } from '../cases/useNow';
import '../cases/workbench.css';
import { asPolygon } from './geo';
import GeoMap, { type MapShape } from './GeoMap';
import { MapLegend } from './MapLegend';
import { colourScale, loadGridCounts, SCALES, type GridCounts, type Measure } from './gridCounts';
import { useTileUrl } from './useTileUrl';

type Boundary = GeoJSON.Polygon | GeoJSON.MultiPolygon;
interface GridRow extends GridRef, GridCounts {
  boundary: Boundary | null;
}

// Names on the map itself only while they fit; otherwise on hover, and always in the table.
const MAX_PERMANENT_LABELS = 12;

/** 网格地图: the grids of my scope coloured by open or overdue cases; a grid opens its open cases. */
export default function GridMapPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('gridMap.title'));
  const format = useFormatters();
  const now = useNow();
  const categories = useCategories();
  const { grids, loading: gridsLoading } = useGrids();
  const [measure, setMeasure] = useState<Measure>('open');
  const [selected, setSelected] = useState<GridRef | null>(null);
  const [progress, setProgress] = useState(0);
  const tileUrl = useTileUrl();
  const casesHeading = useRef<HTMLHeadingElement>(null);

  // Boundaries: one request per grid, four at a time; counts: see loadGridCounts.
  const data = useApi(
    async (signal) => {
      setProgress(0);
      if (grids.length === 0) return [];
      const [boundaries, counts] = await Promise.all([
        mapLimit(grids, 4, async (g) => asPolygon((await getOrgNode(g.id, signal)).node.boundary), setProgress),
        loadGridCounts(grids, signal),
      ]);
      return grids.map<GridRow>((g, i) => ({
        ...g,
        ...(counts.get(g.id) ?? { open: 0, overdue: 0 }),
        boundary: boundaries[i] ?? null,
      }));
    },
    [grids],
  );

  const rows = data.data ?? [];
  const max = Math.max(0, ...rows.map((r) => r[measure]));
  const scale = useMemo(() => colourScale(SCALES[measure], max), [measure, max]);
  const measureName = t(`gridMap.${measure}`);

  const choose = (grid: GridRef) => {
    setSelected(grid);
    window.setTimeout(() => casesHeading.current?.focus(), 0);
  };

  const shapes = useMemo<MapShape[]>(
    () =>
      rows
        .filter((r): r is GridRow & { boundary: Boundary } => r.boundary !== null)
        .map((r) => ({
          id: String(r.id),
          geometry: r.boundary,
          style: {
            color: selected?.id === r.id ? '#000000' : '#434343',
            weight: selected?.id === r.id ? 4 : 1.5,
            fillColor: scale.colourOf(r[measure]),
            fillOpacity: 0.8,
          },
          tooltip: t('gridMap.tooltip', { name: r.name, open: format.number(r.open), overdue: format.number(r.overdue) }),
          onClick: () => choose(r),
        })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- choose only sets state
    [rows, scale, measure, selected, t, format],
  );

  const columns: TableColumnsType<GridRow> = [
    {
      title: t('gridMap.grid'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <span>
          <span className="wb-swatch" aria-hidden style={{ background: scale.colourOf(row[measure]), marginRight: 8 }} />
          {name}
        </span>
      ),
    },
    { title: t('gridMap.community'), dataIndex: 'communityName', render: (v: string | null) => v ?? t('common.empty') },
    {
      title: t('gridMap.openCount'),
      dataIndex: 'open',
      align: 'right',
      sorter: (a, b) => a.open - b.open,
      render: (v: number) => format.number(v),
    },
    {
      title: t('gridMap.overdueCount'),
      dataIndex: 'overdue',
      align: 'right',
      sorter: (a, b) => a.overdue - b.overdue,
      render: (v: number) => format.number(v),
    },
    {
      // A header cell with no text is an empty header to a screen reader (axe empty-table-header).
      title: <span className="visually-hidden">{t('gridMap.actionsColumn')}</span>,
      key: 'actions',
      render: (_, row) => (
        <Button size="small" onClick={() => choose(row)} aria-label={t('gridMap.showCasesLabel', { name: row.name })}>
          {t('gridMap.showCases')}
        </Button>
      ),
    },
  ];
  const missing = rows.filter((r) => r.boundary === null);

  return (
    <>
      <div className="wb-toolbar">
        <h1 className="page-title" style={{ margin: 0 }}>
          {t('gridMap.title')}
        </h1>
        <Segmented<Measure>
          aria-label={t('gridMap.colourBy')}
          value={measure}
          onChange={setMeasure}
          options={[
            { value: 'open', label: t('gridMap.open') },
            { value: 'overdue', label: t('gridMap.overdue') },
          ]}
        />
      </div>

      {!gridsLoading && grids.length === 0 ? (
        <div className="panel">
          <p className="wb-muted">{t('gridMap.noGrids')}</p>
        </div>
      ) : (
        <div className="wb-grid-2">
          {/* No name of its own: the map inside is the region named after the measure, and two
              landmarks of one name are one too many (axe landmark-unique). */}
          <section className="panel">
            <h2 className="visually-hidden" id="grid-map-heading">
              {t('gridMap.mapLabel', { measure: measureName })}
            </h2>
            {!data.data || tileUrl === undefined ? (
              <p role="status">{t('gridMap.loadingGrids', { done: progress, total: grids.length })}</p>
            ) : (
              <GeoMap
                shapes={shapes}
                tileUrl={tileUrl}
                label={t('gridMap.mapLabel', { measure: measureName })}
                className="wb-map wb-map--large"
                permanentLabels={shapes.length <= MAX_PERMANENT_LABELS}
              />
            )}
            <p className="wb-muted" style={{ margin: '8px 0 0' }}>
              {t('gridMap.legendTitle', { measure: measureName })}
            </p>
            <MapLegend steps={scale.steps} label={t('gridMap.legend')} />
            {missing.length > 0 && (
              <p className="wb-muted">
                {t('wb.labelValue', { label: t('gridMap.noBoundary'), value: new Intl.ListFormat(i18n.language).format(missing.map((m) => m.name)) })}
              </p>
            )}
          </section>

          <section className="panel" aria-labelledby="grid-cases-heading">
            <h2 className="section-title" id="grid-cases-heading" tabIndex={-1} ref={casesHeading}>
              {selected ? t('gridMap.casesTitle', { name: selected.name }) : t('gridMap.showCases')}
            </h2>
            {selected ? (
              <GridOpenCases grid={selected} now={now} categoryName={categories.name} />
            ) : (
              <p className="wb-muted">{t('gridMap.selectHint')}</p>
            )}
          </section>
        </div>
      )}

      <section className="panel" aria-labelledby="grid-table-heading" style={{ marginTop: 24 }}>
        <h2 className="section-title" id="grid-table-heading">
          {t('gridMap.gridsLabel')}
        </h2>
        <Table<GridRow>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={data.loading || gridsLoading}
          pagination={rows.length > 50 ? { pageSize: 50 } : false}
          scroll={{ x: 'max-content' }}
        />
      </section>
    </>
  );
}

function GridOpenCases({
  grid,
  now,
  categoryName,
}: {
  grid: GridRef;
  now: number;
  categoryName(c: { nameZh: string; nameEn: string }): string;
}) {
  const { t } = useTranslation();
  const cases = useApi(
    (signal) => listCases({ status: OPEN_STATUSES, gridId: grid.id, page: 1, pageSize: 20 }, signal),
    [grid.id],
  );
  if (!cases.data) return <Spin />;
  return (
    <>
      {cases.data.items.length === 0 ? (
        <p className="wb-muted">{t('gridMap.noCases')}</p>
      ) : (
        <ul className="wb-list">
          {cases.data.items.map((c) => (
            <li key={c.id}>
              <div className="wb-toolbar" style={{ marginBottom: 4, gap: 8 }}>
                <Link to={`/cases/${c.id}`}>{c.publicId}</Link>
                <CaseStatusTag status={c.status} />
                <DueCountdown deadline={caseDeadline(c)} now={now} overdue={c.overdue} />
              </div>
              <div className="wb-muted">{categoryName(c.category)}</div>
              <div>{c.description.length > 60 ? `${c.description.slice(0, 60)}…` : c.description}</div>
            </li>
          ))}
        </ul>
      )}
      <p style={{ marginTop: 12 }}>
        <Link to={queueLink({ gridId: grid.id, status: OPEN_STATUSES })}>
          {t('gridMap.openInQueue')} ({t('common.total', { count: cases.data.total })})
        </Link>
      </p>
    </>
  );
}
