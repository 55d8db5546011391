import { request } from './client';
import type { Id, OrgNodeDetail, OrgNodeSummary } from './types';

/** Children of a node, or the roots of the user's scope when parentId is omitted. */
export const listOrgNodes = async (parentId?: Id, signal?: AbortSignal): Promise<OrgNodeSummary[]> =>
  (await request<{ items: OrgNodeSummary[] }>('/org/nodes', { query: { parentId: parentId?.toString() }, signal }))
    .items;

export const getOrgNode = (id: Id, signal?: AbortSignal) =>
  request<OrgNodeDetail>(`/org/nodes/${encodeURIComponent(String(id))}`, { signal });
