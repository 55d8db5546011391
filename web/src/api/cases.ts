// 接诉即办: cases, their workflow actions, attachments, the category catalogue and the inbox.
import i18n, { currentLanguage } from '../i18n';
import { ApiError, request } from './client';
import type { Id, Page } from './types';

export const segment = (id: Id) => encodeURIComponent(String(id));

export const CASE_STATUSES = [
  'submitted',
  'accepted',
  'dispatched',
  'in_progress',
  'replied',
  'reopened',
  'closed',
  'merged',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** States in which a case still needs someone to act (the server's OPEN_STATUSES). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['submitted', 'accepted', 'dispatched', 'in_progress', 'replied', 'reopened'];

export const CASE_CHANNELS = ['resident_app', 'phone', 'visit', 'patrol', 'hotline', 'open311', 'owners_committee'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];
/** Channels on which staff enter a case for a resident who called, came in or rang the hotline. */
export const INTAKE_CHANNELS = ['phone', 'visit', 'hotline'] as const satisfies readonly CaseChannel[];
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

export const PRIORITIES = ['emergency', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const HANDLER_KINDS = ['grid', 'residents_committee', 'property_company', 'department'] as const;
export type HandlerKind = (typeof HANDLER_KINDS)[number];

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

/** The workflow actions, as the server names them in allowedActions. */
export const CASE_ACTIONS = [
  'accept',
  'dispatch',
  'take',
  'return',
  'note',
  'reply',
  'rate',
  'reopen',
  'close',
  'close_unresolved',
  'merge',
  'withdraw',
  'supervise',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface CaseView {
  id: number;
  publicId: string;
  status: CaseStatus;
  channel: CaseChannel;
  priority: Priority;
  category: { id: number; code: string; nameZh: string; nameEn: string };
  description: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  streetId: number;
  communityId: number | null;
  gridId: number | null;
  buildingId: number | null;
  householdId: number | null;
  reporter: { name: string | null; phone: string | null; hidden: boolean };
  handler: { kind: HandlerKind | null; nodeId: number | null; orgId: number | null; name: string | null };
  receivedAt: string;
  dueResponseAt: string;
  respondedAt: string | null;
  dispatchedAt: string | null;
  dueAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  overdue: boolean;
  supervisionLevel: number;
  reopenCount: number;
  resolution: 'resolved' | 'unresolved' | null;
  ratedResolved: boolean | null;
  satisfaction: Satisfaction | null;
  mergedIntoId: number | null;
  closeReason: string | null;
  version: number;
}

export interface TimelineEntry {
  id: number;
  at: string;
  actorName: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  internal: boolean;
}

export interface CaseDetail {
  case: CaseView;
  timeline: TimelineEntry[];
  allowedActions: string[];
}

export interface CaseQuery {
  mine?: boolean;
  status?: readonly CaseStatus[];
  categoryId?: number;
  gridId?: number;
  channel?: CaseChannel;
  overdue?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

export const listCases = (query: CaseQuery, signal?: AbortSignal) =>
  request<Page<CaseView>>('/cases', { query: { ...query }, signal });

export const getCase = (id: Id, signal?: AbortSignal) => request<CaseDetail>(`/cases/${segment(id)}`, { signal });

/** What each action sends; the server's schema.ts is the authority. */
export interface ActionBodies {
  accept: { note?: string };
  dispatch: { handlerKind?: HandlerKind; handlerNodeId?: number; handlerOrgId?: number; note?: string };
  take: { note?: string };
  return: { reason: string };
  note: { note: string; internal: boolean };
  reply: { reply: string };
  rate: { resolved: boolean; satisfaction: Satisfaction; comment?: string };
  reopen: { reason: string };
  close: { reason: string };
  close_unresolved: { reason: string };
  merge: { intoCaseId: number };
  withdraw: { reason?: string };
  supervise: { note: string };
}

const ACTION_PATHS: Record<CaseAction, string> = {
  accept: 'accept',
  dispatch: 'dispatch',
  take: 'take',
  return: 'return',
  note: 'notes',
  reply: 'reply',
  rate: 'rate',
  reopen: 'reopen',
  close: 'close',
  close_unresolved: 'close-unresolved',
  merge: 'merge',
  withdraw: 'withdraw',
  supervise: 'supervise',
};

export const isCaseAction = (value: string): value is CaseAction => (CASE_ACTIONS as readonly string[]).includes(value);

export const runCaseAction = async <A extends CaseAction>(id: Id, action: A, body: ActionBodies[A]): Promise<CaseView> =>
  (await request<{ case: CaseView }>(`/cases/${segment(id)}/${ACTION_PATHS[action]}`, { method: 'POST', body })).case;

export interface BulkDispatchResult {
  caseId: number;
  ok: boolean;
  code?: string;
}

/** Dispatches each case to the unit its category names; one result per case, in order. */
export const bulkDispatch = async (caseIds: number[], note?: string): Promise<BulkDispatchResult[]> =>
  (await request<{ results: BulkDispatchResult[] }>('/cases/bulk-dispatch', { method: 'POST', body: { caseIds, note } }))
    .results;

export interface DuplicateCandidate {
  id: number;
  publicId: string;
  status: CaseStatus;
  description: string;
  receivedAt: string;
  similarity: number;
}

export const getDuplicates = async (id: Id, signal?: AbortSignal): Promise<DuplicateCandidate[]> =>
  (await request<{ items: DuplicateCandidate[] }>(`/cases/${segment(id)}/duplicates`, { signal })).items;

export interface Attachment {
  id: number;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

export const listAttachments = async (caseId: Id, signal?: AbortSignal): Promise<Attachment[]> =>
  (await request<{ items: Attachment[] }>(`/cases/${segment(caseId)}/attachments`, { signal })).items;

/** Served with the session cookie, so it can be an <img src> or a link. */
export const attachmentUrl = (caseId: Id, attachmentId: Id) =>
  `/api/cases/${segment(caseId)}/attachments/${segment(attachmentId)}`;

/**
 * Uploads up to four files as multipart/form-data (field "file"). request() speaks JSON only, so
 * this call goes to fetch directly: the session cookie authenticates it, and the tab's bearer
 * token when the client kept one; errors come back as the same ApiError.
 */
export async function uploadAttachments(caseId: Id, files: readonly File[], signal?: AbortSignal): Promise<Attachment[]> {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage() };
  const token = readSessionToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`/api/cases/${segment(caseId)}/attachments`, { method: 'POST', body: form, headers, credentials: 'same-origin', signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK_ERROR', i18n.t('errors.network'));
  }
  const body = (await response.json().catch(() => undefined)) as
    | { attachments?: Attachment[]; error?: { code?: string; message?: string; details?: unknown } }
    | undefined;
  if (response.ok && body?.attachments) return body.attachments;
  const error = body?.error;
  throw new ApiError(
    response.status,
    error?.code ?? 'HTTP_ERROR',
    error?.message || i18n.t('errors.serverStatus', { status: response.status }),
    error?.details,
  );
}

/** The bearer token the API client keeps for this tab (api/client.ts, key 'gongzhi.token'). */
function readSessionToken(): string | null {
  try {
    return sessionStorage.getItem('gongzhi.token');
  } catch {
    return null;
  }
}

export interface Category {
  id: number;
  parentId: number | null;
  code: string;
  nameZh: string;
  nameEn: string;
  handlerKind: HandlerKind | null;
  department: string | null;
  priority: Priority;
  responseMinutes: number | null;
  resolutionMinutes: number | null;
  keywords: string[];
  active: boolean;
}

let categoriesPromise: Promise<Category[]> | null = null;

/** The catalogue changes rarely; one request per page load serves every screen. */
export function listCategories(): Promise<Category[]> {
  categoriesPromise ??= request<{ items: Category[] }>('/case-categories').then(
    (r) => r.items,
    (error: unknown) => {
      categoriesPromise = null;
      throw error;
    },
  );
  return categoriesPromise;
}

export interface CategorySuggestion {
  categoryId: number;
  code: string;
  nameZh: string;
  nameEn: string;
  confidence: number;
  via: 'keywords' | 'model' | 'both';
  handler: { kind: HandlerKind | null; name: string | null };
}

export const suggestCategories = async (
  input: { text: string; buildingId?: number; householdId?: number },
  signal?: AbortSignal,
): Promise<CategorySuggestion[]> =>
  (await request<{ suggestions: CategorySuggestion[] }>('/cases/suggest', { method: 'POST', body: { ...input, k: 3 }, signal }))
    .suggestions;

export interface NewCase {
  channel: IntakeChannel;
  categoryId: number;
  priority?: Priority;
  description: string;
  householdId?: number;
  buildingId?: number;
  address?: string;
  reporter?: { name?: string; phone?: string };
  reporterHidden?: boolean;
}

export const submitCase = async (body: NewCase, idempotencyKey: string): Promise<CaseView> =>
  (await request<{ case: CaseView }>('/cases', { method: 'POST', body, idempotencyKey })).case;

export interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string;
  caseId: number | null;
  createdAt: string;
  readAt: string | null;
}

export const listNotifications = (query: { page: number; pageSize: number; unread?: boolean }, signal?: AbortSignal) =>
  request<Page<Notification> & { unread: number }>('/notifications', { query: { ...query }, signal });

export const markNotificationRead = async (id: Id): Promise<Notification> =>
  (await request<{ notification: Notification }>(`/notifications/${segment(id)}/read`, { method: 'POST' })).notification;

export const markAllNotificationsRead = async (): Promise<number> =>
  (await request<{ updated: number }>('/notifications/read-all', { method: 'POST' })).updated;

export interface Organisation {
  id: number;
  kind: string;
  name: string;
  orgNodeId: number;
}

export const listOrganisations = async (
  kind: 'department' | 'property_company',
  signal?: AbortSignal,
): Promise<Organisation[]> =>
  (await request<{ items: Organisation[] }>('/org/organisations', { query: { kind }, signal })).items;

let tileUrlPromise: Promise<string | null> | null = null;

/**
 * The base map's tile URL template, when the deployment configures one in /api/meta (`tileUrl`).
 * Without it maps draw on a plain background, so the app works without internet.
 */
export function getTileUrl(): Promise<string | null> {
  tileUrlPromise ??= request<{ tileUrl?: unknown }>('/meta', { signOutOn401: false }).then(
    (meta) => (typeof meta.tileUrl === 'string' && meta.tileUrl ? meta.tileUrl : null),
    () => null,
  );
  return tileUrlPromise;
}
