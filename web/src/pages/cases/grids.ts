import { useEffect, useState } from 'react';
import { listOrgNodes } from '../../api/org';
import type { OrgNodeSummary } from '../../api/types';
import { useAuth } from '../../app/auth';
import { useShowError } from '../../components/useApi';
import { mapLimit } from './mapLimit';

export interface GridRef {
  id: number;
  name: string;
  communityName: string | null;
}

const ABOVE_GRID = new Set(['district', 'street', 'community']);
const cache = new Map<string, Promise<GridRef[]>>();

/** Walks the org tree from the roots of my scope down to the grids: one request per node above grid level. */
async function findGrids(): Promise<GridRef[]> {
  const grids: GridRef[] = [];
  let level: { node: OrgNodeSummary; community: string | null }[] = (await listOrgNodes()).map((node) => ({
    node,
    community: null,
  }));
  while (level.length) {
    for (const { node, community } of level) {
      if (node.kind === 'grid') grids.push({ id: Number(node.id), name: node.name, communityName: community });
    }
    const open = level.filter(({ node }) => ABOVE_GRID.has(node.kind) && node.childCount > 0);
    const children = await mapLimit(open, 4, async ({ node }) =>
      (await listOrgNodes(node.id)).map((child) => ({ node: child, community: node.kind === 'community' ? node.name : null })),
    );
    level = children.flat();
  }
  return grids;
}

/** The grids in the signed-in user's scope, fetched once per user and page load. */
export function listGridsInScope(userKey: string): Promise<GridRef[]> {
  let grids = cache.get(userKey);
  if (!grids) {
    grids = findGrids();
    grids.catch(() => cache.delete(userKey));
    cache.set(userKey, grids);
  }
  return grids;
}

export function useGrids(): { grids: GridRef[]; loading: boolean } {
  const { user } = useAuth();
  const showError = useShowError();
  const [state, setState] = useState<{ grids: GridRef[]; loading: boolean }>({ grids: [], loading: true });
  const userKey = user ? String(user.id) : '';

  useEffect(() => {
    if (!userKey) return;
    let live = true;
    listGridsInScope(userKey).then(
      (grids) => live && setState({ grids, loading: false }),
      (error: unknown) => {
        if (!live) return;
        setState({ grids: [], loading: false });
        showError(error);
      },
    );
    return () => {
      live = false;
    };
  }, [userKey, showError]);
  return state;
}
