import type { RoleName } from '../db/schema.js';

export type { Permission } from './policies/index.js';

export const ALL_ROLES: readonly RoleName[] = [
  'street_admin',
  'community_staff',
  'party_secretary',
  'grid_worker',
  'building_head',
  'department_handler',
  'property_handler',
  'owners_committee_member',
  'resident',
  'auditor',
];
