import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';

export interface MapShape {
  id: string;
  geometry: GeoJSON.Geometry;
  style: L.PathOptions;
  /** Shown on the shape (always, when permanentLabels) and read by screen readers via the page's table. */
  tooltip?: string;
  onClick?: () => void;
}

export interface MapPoint {
  lat: number;
  lon: number;
  label: string;
}

interface Props {
  shapes: MapShape[];
  points?: MapPoint[];
  /** A tile URL template from /api/meta; without one the shapes are drawn on a plain background. */
  tileUrl: string | null;
  /** The accessible name of the map region. */
  label: string;
  className?: string;
  permanentLabels?: boolean;
}

// Until the data arrives the map looks at the demo street; fitBounds replaces this at once.
const FALLBACK_CENTRE: L.LatLngTuple = [39.906, 116.39];

/**
 * A Leaflet map of GeoJSON shapes and points. It needs no internet: there is no base layer unless
 * the deployment configures tiles. Leaflet and its CSS load with this module only.
 */
export default function GeoMap({ shapes, points = [], tileUrl, label, className = 'wb-map', permanentLabels = false }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layers = useRef<L.LayerGroup | null>(null);
  const fittedTo = useRef('');

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const map = L.map(element, { attributionControl: Boolean(tileUrl), zoomSnap: 0.25 }).setView(FALLBACK_CENTRE, 14);
    if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 19 }).addTo(map);
    layers.current = L.layerGroup().addTo(map);
    mapRef.current = map;
    fittedTo.current = '';
    const resize = new ResizeObserver(() => map.invalidateSize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      map.remove();
      mapRef.current = null;
      layers.current = null;
    };
  }, [tileUrl]);

  useEffect(() => {
    const map = mapRef.current;
    const group = layers.current;
    if (!map || !group) return;
    group.clearLayers();
    const bounds = L.latLngBounds([]);
    for (const shape of shapes) {
      const layer = L.geoJSON(shape.geometry, { style: () => shape.style });
      if (shape.tooltip) {
        layer.bindTooltip(shape.tooltip, { permanent: permanentLabels, direction: 'center', className: 'wb-map-label' });
      }
      if (shape.onClick) layer.on('click', shape.onClick);
      layer.addTo(group);
      bounds.extend(layer.getBounds());
    }
    for (const point of points) {
      L.circleMarker([point.lat, point.lon], { radius: 8, color: '#a8071a', weight: 3, fillColor: '#ff4d4f', fillOpacity: 0.9 })
        .bindTooltip(point.label)
        .addTo(group);
      bounds.extend([point.lat, point.lon]);
    }
    // Refit only when the set of shapes changes, not when they are merely recoloured.
    const key = `${shapes.map((s) => s.id).join(',')}|${points.map((p) => `${p.lat},${p.lon}`).join(';')}`;
    if (bounds.isValid() && key !== fittedTo.current) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 18 });
      fittedTo.current = key;
    }
  }, [shapes, points, permanentLabels, tileUrl]);

  return <div ref={container} className={className} role="region" aria-label={label} />;
}
