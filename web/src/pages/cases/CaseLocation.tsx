import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../api/cases';
import type { OrgNodeDetail } from '../../api/types';
import { PageLoading } from '../../components/PageLoading';
import { asPolygon } from '../map/geo';
import type { MapPoint, MapShape } from '../map/GeoMap';
import { useTileUrl } from '../map/useTileUrl';

// Leaflet (and its CSS) loads only when there is something to draw.
const GeoMap = lazy(() => import('../map/GeoMap'));

/** The address, and a small map with the point or the grid's boundary when either is known. */
export function CaseLocation({ caseView, grid }: { caseView: CaseView; grid: OrgNodeDetail | null }) {
  const { t } = useTranslation();
  const tileUrl = useTileUrl();

  const boundary = asPolygon(grid?.node.boundary);
  const shapes = useMemo<MapShape[]>(
    () =>
      boundary && grid
        ? [{ id: `grid-${grid.node.id}`, geometry: boundary, style: { color: '#0958d9', weight: 2, fillOpacity: 0.12 }, tooltip: grid.node.name }]
        : [],
    [boundary, grid],
  );
  const { lat, lon } = caseView;
  const label = t('caseDetail.mapPoint');
  const points = useMemo<MapPoint[]>(() => (lat !== null && lon !== null ? [{ lat, lon, label }] : []), [lat, lon, label]);
  const drawable = shapes.length > 0 || points.length > 0;

  return (
    <>
      <p>{caseView.address ?? t('caseDetail.noAddress')}</p>
      {grid && <p className="wb-muted">{grid.ancestors.map((a) => a.name).concat(grid.node.name).join(' / ')}</p>}
      {!drawable ? (
        <p className="wb-muted">{t('caseDetail.noMap')}</p>
      ) : tileUrl === undefined ? null : (
        <Suspense fallback={<PageLoading />}>
          <GeoMap shapes={shapes} points={points} tileUrl={tileUrl} label={t('caseDetail.mapLabel')} />
        </Suspense>
      )}
    </>
  );
}
