import type { RoleName } from '../../db/schema.js';

/** The org tree: every member of staff may read their part of it; the street edits it. */
export const orgPolicy = {
  'org.read': [
    'street_admin',
    'community_staff',
    'party_secretary',
    'grid_worker',
    'building_head',
    'department_handler',
    'property_handler',
    'owners_committee_member',
    'auditor',
  ],
  'org.write': ['street_admin'],
  'tag.manage': ['street_admin'],
} as const satisfies Record<string, readonly RoleName[]>;
