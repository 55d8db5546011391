import type { RoleName } from '../db/schema.js';

export const PERMISSIONS = [
  'org.read',
  'org.write',
  'household.read',
  'household.write',
  'resident.reveal',
  'visit.write',
  'archive.import',
  'archive.export',
  'audit.read',
  'tag.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** A policy file grants each permission it owns to the roles that may use it. */
export type Policy = Partial<Record<Permission, readonly RoleName[]>>;

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
