// The resident portal's calls: my cases (诉求), the category catalogue and suggestions, photos,
// my notifications, and the public disclosure (公示) of my community.
import i18n, { currentLanguage } from '../i18n';
import { ApiError, request } from './client';
import type { Id, Page } from './types';

// The case enums are the workbench's (one list of states for both apps).
export { CASE_STATUSES, SATISFACTIONS, type CaseStatus, type Satisfaction } from './cases';
import { OPEN_STATUSES, segment, type CaseStatus, type Satisfaction } from './cases';
export const OPEN_CASE_STATUSES = OPEN_STATUSES;
export const FINISHED_CASE_STATUSES: readonly CaseStatus[] = ['closed', 'merged', 'withdrawn'];

export interface CategoryName {
  nameZh: string;
  nameEn: string;
}

export interface Category extends CategoryName {
  id: number;
  parentId: number | null;
  code: string;
  keywords: string[];
  /** Null on the group headings, which cannot be chosen for a case. */
  responseMinutes: number | null;
  active: boolean;
}

export interface CategorySuggestion extends CategoryName {
  categoryId: number;
  code: string;
  confidence: number;
}

export interface PortalCase {
  id: number;
  publicId: string;
  status: CaseStatus;
  category: CategoryName & { id: number; code: string };
  description: string;
  address: string | null;
  buildingId: number | null;
  householdId: number | null;
  communityId: number | null;
  handler: { name: string | null };
  receivedAt: string;
  dueResponseAt: string;
  dueAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  overdue: boolean;
  ratedResolved: boolean | null;
  satisfaction: Satisfaction | null;
  closeReason: string | null;
}

export interface TimelineEntry {
  id: number;
  at: string;
  actorName: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
}

/** The actions of the case workflow a resident may take in the portal. */
export type ResidentAction = 'rate' | 'reopen' | 'withdraw';

export interface PortalCaseDetail {
  case: PortalCase;
  timeline: TimelineEntry[];
  allowedActions: string[];
}

export interface Attachment {
  id: number;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

export interface NewCase {
  categoryId: number;
  description: string;
  /** Omitted: the server places the case at the resident's own household. */
  buildingId?: number;
}

export interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string;
  caseId: number | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage extends Page<Notification> {
  unread: number;
}

export interface Disclosure {
  community: { id: number; name: string };
  topics: {
    id: number;
    title: string;
    description: string;
    status: 'collecting' | 'vetting' | 'accepted' | 'merged' | 'declined' | 'deliberated' | 'concluded';
    supportCount: number;
    declineReason: string | null;
    vettedAt: string | null;
    feedback: string | null;
  }[];
  resolutions: {
    id: number;
    meetingTitle: string;
    meetingStartsAt: string;
    title: string;
    content: string;
    dueDate: string;
    status: 'open' | 'done';
    tasksTotal: number;
    tasksDone: number;
  }[];
  ownersVotes: {
    id: number;
    estateName: string;
    title: string;
    closedAt: string;
    result: { outcome: 'passed' | 'failed' | 'invalid'; explanation: { zh: string; en: string } };
  }[];
}

let categoriesPromise: Promise<Category[]> | null = null;

/** The catalogue changes rarely: one request per page load serves every form. */
export function getCategories(): Promise<Category[]> {
  categoriesPromise ??= request<{ items: Category[] }>('/case-categories').then(
    (r) => r.items,
    (error: unknown) => {
      categoriesPromise = null;
      throw error;
    },
  );
  return categoriesPromise;
}

export const suggestCategories = async (text: string, signal?: AbortSignal): Promise<CategorySuggestion[]> =>
  (
    await request<{ suggestions: CategorySuggestion[] }>('/cases/suggest', {
      method: 'POST',
      body: { text, k: 3 },
      signal,
    })
  ).suggestions;

/** Raises a case from the portal; the same key for the same form, so a retry is applied once. */
export const submitCase = async (input: NewCase, idempotencyKey: string): Promise<PortalCase> =>
  (
    await request<{ case: PortalCase }>('/cases', {
      method: 'POST',
      body: { channel: 'resident_app', ...input },
      idempotencyKey,
    })
  ).case;

export const listMyCases = (
  query: { status?: readonly CaseStatus[]; page: number; pageSize: number },
  signal?: AbortSignal,
) => request<Page<PortalCase>>('/cases', { query: { ...query, status: query.status }, signal });

export const getCase = (id: Id, signal?: AbortSignal) => request<PortalCaseDetail>(`/cases/${segment(id)}`, { signal });

export const rateCase = (id: Id, body: { resolved: boolean; satisfaction: Satisfaction; comment?: string }) =>
  request<{ case: PortalCase }>(`/cases/${segment(id)}/rate`, { method: 'POST', body });

export const reopenCase = (id: Id, reason: string) =>
  request<{ case: PortalCase }>(`/cases/${segment(id)}/reopen`, { method: 'POST', body: { reason } });

export const withdrawCase = (id: Id, reason?: string) =>
  request<{ case: PortalCase }>(`/cases/${segment(id)}/withdraw`, { method: 'POST', body: reason ? { reason } : {} });

export const listAttachments = async (caseId: Id, signal?: AbortSignal): Promise<Attachment[]> =>
  (await request<{ items: Attachment[] }>(`/cases/${segment(caseId)}/attachments`, { signal })).items;

export const attachmentUrl = (caseId: Id, attachmentId: Id) =>
  `/api/cases/${segment(caseId)}/attachments/${segment(attachmentId)}`;

/**
 * Uploads one photo to a case (multipart field "file"). The JSON client cannot send a form, so
 * this call builds its own request: the session cookie authenticates it, and the tab's bearer
 * token when the client kept one.
 */
export async function uploadAttachment(caseId: Id, file: File, signal?: AbortSignal): Promise<Attachment[]> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage() };
  const token = readSessionToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`/api/cases/${segment(caseId)}/attachments`, {
      method: 'POST',
      body: form,
      headers,
      credentials: 'same-origin',
      signal,
    });
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
    error?.message ?? i18n.t('errors.serverStatus', { status: response.status }),
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

export const getNotifications = (query: { page: number; pageSize: number; unread?: boolean }, signal?: AbortSignal) =>
  request<NotificationPage>('/notifications', { query, signal });

export const markNotificationRead = (id: Id) =>
  request<{ notification: Notification }>(`/notifications/${segment(id)}/read`, { method: 'POST' });

export const markAllNotificationsRead = () => request<{ updated: number }>('/notifications/read-all', { method: 'POST' });

export const getDisclosure = (communityId: Id, signal?: AbortSignal) =>
  request<Disclosure>('/public/deliberation/disclosures', { query: { communityId: String(communityId) }, signal });
