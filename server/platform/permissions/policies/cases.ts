import type { RoleName } from '../../db/schema.js';

/**
 * 接诉即办. Reading and managing cases is scoped by the org subtree where the role is held.
 * Handling (take, note, reply, return) is further limited to the unit the case was dispatched
 * to; residents act only on the cases they raised (checked in the case module's access rules).
 */
export const casesPolicy = {
  'case.submit': ['resident', 'street_admin', 'community_staff', 'grid_worker', 'building_head', 'owners_committee_member'],
  'case.read': ['street_admin', 'community_staff', 'party_secretary', 'grid_worker', 'building_head', 'auditor'],
  'case.manage': ['street_admin', 'community_staff', 'grid_worker'],
  'case.handle': ['grid_worker', 'community_staff', 'department_handler', 'property_handler'],
  'case.supervise': ['street_admin', 'community_staff'],
  'category.manage': ['street_admin'],
  'whistle.blow': ['street_admin', 'community_staff'],
  'whistle.read': ['street_admin', 'community_staff', 'party_secretary', 'department_handler', 'auditor'],
  'whistle.checkin': ['department_handler'],
  'rates.read': ['street_admin', 'community_staff', 'party_secretary', 'grid_worker', 'auditor'],
} as const satisfies Record<string, readonly RoleName[]>;
