import type { RoleName } from '../../db/schema.js';

/**
 * The household archive holds personal information (PIPL): only those who serve the households
 * see it — not departments, property companies or the owners' committee. Revealing a masked
 * identity number or phone is narrower still, and each reveal is audited.
 */
export const archivePolicy = {
  'household.read': ['street_admin', 'community_staff', 'party_secretary', 'grid_worker', 'building_head', 'auditor'],
  'household.write': ['street_admin', 'community_staff', 'grid_worker'],
  'resident.reveal': ['street_admin', 'community_staff', 'grid_worker'],
  'visit.write': ['street_admin', 'community_staff', 'party_secretary', 'grid_worker', 'building_head'],
  'archive.import': ['street_admin', 'community_staff'],
  'archive.export': ['street_admin', 'community_staff', 'grid_worker', 'auditor'],
} as const satisfies Record<string, readonly RoleName[]>;
