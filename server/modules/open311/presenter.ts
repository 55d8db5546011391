import type { CaseRow } from '../cases/repository.js';

export type ServiceRequest = Record<string, unknown>;

const CLOSED = new Set(['closed', 'merged', 'withdrawn']);

/** A case as GeoReport v2 shows it to the public: no reporter, no personal data. */
export function presentServiceRequest(
  row: CaseRow,
  refs: { categories: Map<number, { code: string; name_zh: string }>; agencies: Map<number, string>; notes: Map<number, string | null> },
  extensions = false,
): ServiceRequest {
  const category = refs.categories.get(row.category_id);
  return {
    ...(extensions ? { extended_attributes: { detailed_status: row.status, overdue: row.overdue, satisfaction: row.satisfaction, resolution: row.resolution } } : {}),
    service_request_id: row.public_id,
    status: CLOSED.has(row.status) ? 'closed' : 'open',
    status_notes: refs.notes.get(row.id) ?? null,
    service_name: category?.name_zh ?? null,
    service_code: category?.code ?? null,
    description: row.description,
    agency_responsible: row.handler_org_id ? (refs.agencies.get(row.handler_org_id) ?? null) : row.handler_node_id ? (refs.agencies.get(-row.handler_node_id) ?? null) : null,
    service_notice: null,
    requested_datetime: row.received_at.toISOString(),
    updated_datetime: row.updated_at.toISOString(),
    expected_datetime: row.due_at?.toISOString() ?? null,
    address: row.address,
    address_id: null,
    zipcode: null,
    lat: row.lat,
    long: row.lon,
    media_url: null,
  };
}
