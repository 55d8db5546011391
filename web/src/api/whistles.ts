// 吹哨报到: the street blows a whistle on a case or a place, summoned departments check in.
import { request } from './client';
import type { Id, Page } from './types';

const segment = (id: Id) => encodeURIComponent(String(id));

export const WHISTLE_KINDS = ['routine', 'tough', 'emergency'] as const;
export type WhistleKind = (typeof WHISTLE_KINDS)[number];
export type WhistleStatus = 'open' | 'closed';
export type WhistleAction = 'check_in' | 'close' | 'rate';

type Person = { id: number; name: string } | null;

export interface WhistleSummary {
  id: number;
  kind: WhistleKind;
  status: WhistleStatus;
  reason: string;
  place: string | null;
  caseId: number | null;
  casePublicId: string | null;
  orgNodeId: number;
  orgNodeName: string;
  blownBy: Person;
  blownAt: string;
  checkinDueAt: string;
  closedAt: string | null;
  summoned: number;
  checkedIn: number;
  onTime: number;
}

export interface Summons {
  departmentId: number;
  departmentName: string;
  checkedIn: boolean;
  checkedInAt: string | null;
  checkedInBy: Person;
  peopleSent: string | null;
  minutesToCheckIn: number | null;
  onTime: boolean | null;
  absent: boolean;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: string | null;
}

export interface WhistleDetail {
  whistle: WhistleSummary & { closedBy: Person; summary: string | null };
  summons: Summons[];
  allowedActions: WhistleAction[];
}

export interface WhistleQuery {
  status?: WhistleStatus;
  kind?: WhistleKind;
  page: number;
  pageSize: number;
}

export const listWhistles = (query: WhistleQuery, signal?: AbortSignal) =>
  request<Page<WhistleSummary>>('/whistles', { query: { ...query }, signal });

export const getWhistle = (id: Id, signal?: AbortSignal) => request<WhistleDetail>(`/whistles/${segment(id)}`, { signal });

export interface NewWhistle {
  kind: WhistleKind;
  reason: string;
  caseId?: number;
  place?: string;
  orgNodeId?: number;
  departmentIds: number[];
}

export const blowWhistle = (body: NewWhistle) => request<WhistleDetail>('/whistles', { method: 'POST', body });

export const checkInToWhistle = (id: Id, peopleSent: string) =>
  request<WhistleDetail>(`/whistles/${segment(id)}/check-in`, { method: 'POST', body: { peopleSent } });

export const closeWhistle = (id: Id, summary: string) =>
  request<WhistleDetail>(`/whistles/${segment(id)}/close`, { method: 'POST', body: { summary } });

export const rateSummonedDepartment = (id: Id, body: { departmentId: number; rating: number; comment?: string }) =>
  request<WhistleDetail>(`/whistles/${segment(id)}/ratings`, { method: 'POST', body });
