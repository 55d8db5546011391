import { useMemo } from 'react';
import type { AreaKind } from '../../api/analysis';
import { useAuth } from '../../app/auth';

export const AREA_KINDS: readonly AreaKind[] = ['street', 'community', 'grid'];

export interface Unit {
  kind: AreaKind;
  id: number;
  name: string;
}

const isAreaKind = (kind: string): kind is AreaKind => (AREA_KINDS as readonly string[]).includes(kind);
export const unitKey = (u: { kind: string; id: number }) => `${u.kind}:${u.id}`;

/** The units the reader may analyse: the streets, communities and grids of their roles, widest first. */
export function useAreaUnits(): Unit[] {
  const { user } = useAuth();
  return useMemo(() => {
    const seen = new Map<string, Unit>();
    for (const grant of user?.roles ?? []) {
      if (!isAreaKind(grant.orgNodeKind)) continue;
      const unit = { kind: grant.orgNodeKind, id: Number(grant.orgNodeId), name: grant.orgNodeName };
      seen.set(unitKey(unit), unit);
    }
    return [...seen.values()].sort((a, b) => AREA_KINDS.indexOf(a.kind) - AREA_KINDS.indexOf(b.kind));
  }, [user]);
}
