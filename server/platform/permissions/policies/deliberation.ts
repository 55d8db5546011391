import type { RoleName } from '../../db/schema.js';

/**
 * Deliberation (协商议事) and owners' votes (业主表决). Residents read, propose, support and take
 * part in their own community (a resident role held at a building or grid reaches its community);
 * the Party organisation vets topics; the residents' committee and the Party organisation run
 * meetings and carry resolutions out. Owners' votes are run by the residents' committee or the
 * owners' committee, and cast by residents who are owners on the vote's roll.
 */
export const deliberationPolicy = {
  'deliberation.read': [
    'street_admin',
    'community_staff',
    'party_secretary',
    'grid_worker',
    'building_head',
    'owners_committee_member',
    'auditor',
    'resident',
  ],
  'deliberation.propose': ['resident', 'community_staff', 'party_secretary', 'street_admin', 'grid_worker'],
  'deliberation.participate': ['resident', 'community_staff', 'party_secretary', 'street_admin', 'grid_worker', 'building_head', 'owners_committee_member'],
  'deliberation.vet': ['party_secretary', 'community_staff', 'street_admin'],
  'deliberation.manage': ['community_staff', 'street_admin', 'party_secretary'],
  'vote.manage': ['community_staff', 'street_admin', 'owners_committee_member'],
  'vote.cast': ['resident'],
} as const satisfies Record<string, readonly RoleName[]>;
