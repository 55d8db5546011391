// The household archive (一居一册、一户一档): tags, households, residents and visits.
import { request } from './client';
import type {
  Coverage,
  HouseholdDetail,
  HouseholdQuery,
  HouseholdSummary,
  Id,
  NewVisit,
  Page,
  RevealField,
  Tag,
  Visit,
} from './types';

const segment = (id: Id) => encodeURIComponent(String(id));

let tagsPromise: Promise<Tag[]> | null = null;

/** The tag catalogue changes rarely; one request per page load serves every screen. */
export function getTags(): Promise<Tag[]> {
  tagsPromise ??= request<{ items: Tag[] }>('/tags').then(
    (r) => r.items,
    (error: unknown) => {
      tagsPromise = null;
      throw error;
    },
  );
  return tagsPromise;
}

export const listHouseholds = (query: HouseholdQuery, signal?: AbortSignal) =>
  request<Page<HouseholdSummary>>('/households', { query: { ...query }, signal });

export const getHousehold = (id: Id, signal?: AbortSignal) =>
  request<HouseholdDetail>(`/households/${segment(id)}`, { signal });

/** Shows one protected value in full (null when none is on file); every call is audited. */
export const revealResidentField = async (residentId: Id, field: RevealField): Promise<string | null> =>
  (await request<{ value: string | null }>(`/residents/${segment(residentId)}/reveal`, { method: 'POST', body: { field } }))
    .value;

export const addVisit = async (householdId: Id, visit: NewVisit, idempotencyKey: string): Promise<Visit> =>
  (
    await request<{ visit: Visit }>(`/households/${segment(householdId)}/visits`, {
      method: 'POST',
      body: visit,
      idempotencyKey,
    })
  ).visit;

export const getCoverage = (nodeId: string | undefined, signal?: AbortSignal) =>
  request<Coverage>('/visits/coverage', { query: { nodeId }, signal });
