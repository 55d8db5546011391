// The resident portal's calls: my cases (诉求), the category catalogue and suggestions, photos,
// my notifications, and the public disclosure (公示) of my community.
import i18n, { currentLanguage } from '../i18n';
import { ApiError, request } from './client';
import type { Id, Page } from './types';

// The case enums are the workbench's (one list of states for both apps).
export { CASE_STATUSES, SATISFACTIONS, type CaseStatus, type Satisfaction } from './cases';
import {
  listCategories,
  OPEN_STATUSES,
  segment,
  uploadAttachments,
  type Attachment,
  type CaseStatus,
  type Satisfaction,
  type TimelineEntry as StaffTimelineEntry,
} from './cases';
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

/** What a resident's timeline shows of an entry (never internal notes). */
export type TimelineEntry = Pick<StaffTimelineEntry, 'id' | 'at' | 'actorName' | 'action' | 'fromStatus' | 'toStatus' | 'note'>;

/** The actions of the case workflow a resident may take in the portal. */
export type ResidentAction = 'rate' | 'reopen' | 'withdraw';

export interface PortalCaseDetail {
  case: PortalCase;
  timeline: TimelineEntry[];
  allowedActions: string[];
}

export { attachmentUrl, listAttachments, type Attachment } from './cases';

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

/** The catalogue, from the one per-page-load cache the workbench uses too. */
export const getCategories = (): Promise<Category[]> => listCategories();

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

/** Uploads one photo to a case. */
export const uploadAttachment = (caseId: Id, file: File, signal?: AbortSignal): Promise<Attachment[]> => uploadAttachments(caseId, [file], signal);

export const getNotifications = (query: { page: number; pageSize: number; unread?: boolean }, signal?: AbortSignal) =>
  request<NotificationPage>('/notifications', { query, signal });

export const markNotificationRead = (id: Id) =>
  request<{ notification: Notification }>(`/notifications/${segment(id)}/read`, { method: 'POST' });

export const markAllNotificationsRead = () => request<{ updated: number }>('/notifications/read-all', { method: 'POST' });

export const getDisclosure = (communityId: Id, signal?: AbortSignal) =>
  request<Disclosure>('/public/deliberation/disclosures', { query: { communityId: String(communityId) }, signal });
