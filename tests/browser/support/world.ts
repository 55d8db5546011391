import { inject } from 'vitest';
import { localMonth, type Api } from './api.js';

/** The slice of /api/auth/me the tests read. */
export interface Me {
  user: { id: number; displayName: string; roles: { role: string; orgNodeId: number; orgNodeName: string; orgNodeKind: string }[] };
}

export interface CaseView {
  id: number;
  publicId: string;
  status: string;
  communityId: number | null;
  handler: { kind: string | null; orgId: number | null; name: string | null };
  receivedAt: string;
  closedAt: string | null;
  ratedResolved: boolean | null;
  satisfaction: string | null;
}

export interface Ratio {
  numerator: number;
  denominator: number;
}

export interface UnitRates {
  responseRate: Ratio;
  resolutionRate: Ratio;
  satisfactionRate: Ratio;
  counts: { received: number; rated: number; overdue: number; reopened: number };
}

/** The org node (community, grid…) above the building where the given user holds a role. */
export async function ancestorOf(admin: Api, user: Api, kind: 'community' | 'grid'): Promise<{ id: number; name: string }> {
  const me = await user.get<Me>('/auth/me');
  const nodeId = me.user.roles[0]!.orgNodeId;
  const detail = await admin.get<{ node: { id: number; kind: string; name: string }; ancestors: { id: number; kind: string; name: string }[] }>(
    `/org/nodes/${nodeId}`,
  );
  const found = [...detail.ancestors, detail.node].find((n) => n.kind === kind);
  if (!found) throw new Error(`no ${kind} above node ${nodeId}`);
  return { id: found.id, name: found.name };
}

export function communityRates(admin: Api, communityId: number, at: Date | string = new Date()): Promise<UnitRates> {
  return admin.get<UnitRates>(`/rates?unitKind=community&unitId=${communityId}&period=month&date=${localMonth(at)}`);
}

/** A case raised by the resident through the API, for pages that need one to show. */
export async function residentCase(resident: Api, categoryId: number, description: string): Promise<CaseView> {
  const key = `browser-test-${Date.now()}-${Math.random().toString(16).slice(2)}`;
  return (await resident.post<{ case: CaseView }>('/cases', { categoryId, description }, { 'idempotency-key': key })).case;
}

export async function categoryId(api: Api, code: string): Promise<number> {
  const { items } = await api.get<{ items: { id: number; code: string }[] }>('/case-categories');
  const found = items.find((c) => c.code === code);
  if (!found) throw new Error(`category ${code} is not in the catalogue`);
  return found.id;
}

/** Attaches a PNG to a case as the given user (multipart, field "file"). */
export async function uploadPhoto(user: Api, caseId: number, fileName: string, png: Buffer): Promise<void> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), fileName);
  const response = await fetch(`${inject('baseUrl')}/api/cases/${caseId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.token}` },
    body: form,
  });
  if (response.status !== 201) throw new Error(`photo upload: ${response.status} ${await response.text()}`);
}
