import { useEffect, useMemo, useState } from 'react';
import { listMyCases, type PortalCase } from '../../api/portal';
import { useAuth } from '../../app/auth';

export interface PlaceOption {
  id: number;
  label: string;
}

export interface ResidentPlace {
  /** The building of the resident's home, from their role grant (null when none is on file). */
  home: PlaceOption | null;
  /** Buildings the resident may point a case at: their own, and those of earlier building cases. */
  buildings: PlaceOption[];
  /** The resident's community, learnt from their cases (the API offers residents no other way). */
  communityId: number | null;
  loading: boolean;
}

/**
 * Where the resident lives, as far as the API lets a resident know: /auth/me names the building
 * of the resident role, and their own cases carry community and building ids. Residents may not
 * read the org tree, so there is no full list of buildings to choose from.
 */
export function useResidentPlace(): ResidentPlace {
  const { user } = useAuth();
  const [cases, setCases] = useState<PortalCase[] | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listMyCases({ page: 1, pageSize: 50 }, controller.signal).then(
      (page) => setCases(page.items),
      () => setCases([]), // without cases the portal still works; pages show their own errors
    );
    return () => controller.abort();
  }, []);

  return useMemo(() => {
    const grants = (user?.roles ?? []).filter((g) => g.role === 'resident' && g.orgNodeKind === 'building');
    const own = grants.map((g) => ({ id: Number(g.orgNodeId), label: g.orgNodeName }));
    const seen = new Set(own.map((b) => b.id));
    const others: PlaceOption[] = [];
    for (const c of cases ?? []) {
      if (c.buildingId === null || c.householdId !== null || seen.has(c.buildingId)) continue;
      seen.add(c.buildingId);
      others.push({ id: c.buildingId, label: c.address ?? String(c.buildingId) });
    }
    const withCommunity = (cases ?? []).find((c) => c.communityId !== null);
    return {
      home: own[0] ?? null,
      buildings: [...own, ...others],
      communityId: withCommunity?.communityId ?? null,
      loading: cases === null,
    };
  }, [user, cases]);
}
