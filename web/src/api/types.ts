// Shapes of the JSON API under /api, as the server presents them (camelCase).
// Ids are bigint in the database; the server may send them as numbers or strings.
export type Id = number | string;

export interface Meta {
  name: string;
  version: string;
  demo: boolean;
  database: 'pglite' | 'postgres';
}

export const ROLES = [
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
] as const;
export type Role = (typeof ROLES)[number];

export type OrgNodeKind = 'district' | 'street' | 'community' | 'grid' | 'building';

export interface RoleGrant {
  role: Role;
  orgNodeId: Id;
  orgNodeName: string;
  orgNodeKind: OrgNodeKind;
}

export interface CurrentUser {
  id: Id;
  username: string;
  displayName: string;
  roles: RoleGrant[];
  permissions: string[];
}

export interface LoginResult {
  token: string;
  user: unknown;
}

export interface OrgNodeSummary {
  id: Id;
  parentId: Id | null;
  kind: OrgNodeKind;
  code: string;
  name: string;
  childCount: number;
  householdCount: number;
}

export interface OrgNode extends OrgNodeSummary {
  path: string;
  address: string | null;
  boundary: unknown;
  point: unknown;
}

export type PartyOrgKind = 'committee' | 'branch' | 'group';
export type StaffKind = 'committee_member' | 'grid_worker' | 'building_head';
export type Employment = 'full_time' | 'part_time';
export type OrganisationKind = 'department' | 'property_company' | 'partner_unit' | 'social_org';

export interface OrgNodeDetail {
  node: OrgNode;
  ancestors: { id: Id; kind: OrgNodeKind; name: string }[];
  partyOrgs: { id: Id; kind: PartyOrgKind; name: string; secretary: string | null; memberCount: number }[];
  staff: { id: Id; kind: StaffKind; employment: Employment | null; name: string; title: string | null }[];
  organisations: { id: Id; kind: OrganisationKind; name: string }[];
}

export interface Tag {
  code: string;
  appliesTo: 'household' | 'resident' | 'both';
  nameZh: string;
  nameEn: string;
}

export type Housing = 'owned' | 'rented' | 'public' | 'other';

export interface HouseholdSummary {
  id: Id;
  address: string;
  unit: string;
  room: string;
  housing: Housing;
  areaM2: string | null;
  tags: string[];
  headName: string | null;
  memberCount: number;
  lastVisitAt: string | null;
  buildingId: Id;
  gridId: Id;
  communityId: Id;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface HouseholdQuery {
  q?: string;
  tags?: string[];
  phone?: string;
  nodeId?: string;
  page: number;
  pageSize: number;
}

export type Gender = 'male' | 'female' | 'unknown';
export type Relationship =
  | 'head'
  | 'spouse'
  | 'child'
  | 'parent'
  | 'grandchild'
  | 'grandparent'
  | 'sibling'
  | 'child_in_law'
  | 'tenant'
  | 'other';
export type PoliticalStatus = 'cpc_member' | 'cpc_probationary' | 'cyl_member' | 'democratic_party' | 'masses';
export type VisitMethod = 'home' | 'phone' | 'online' | 'other';
export const VISIT_METHODS: readonly VisitMethod[] = ['home', 'phone', 'online', 'other'];

export interface Member {
  residentId: Id;
  name: string;
  gender: Gender;
  birthDate: string | null;
  relationship: Relationship;
  idNumber: string | null;
  phone: string | null;
  politicalStatus: PoliticalStatus;
  tags: string[];
}

export interface Visit {
  id: Id;
  visitedAt: string;
  method: VisitMethod;
  visitorName: string;
  notes: string;
  followUp: string | null;
}

export interface NamedRef {
  id: Id;
  name: string;
}

export interface HouseholdDetail {
  household: {
    id: Id;
    address: string;
    unit: string;
    room: string;
    housing: Housing;
    areaM2: string | null;
    tags: string[];
    notes: string | null;
    version: number;
    building: NamedRef;
    grid: NamedRef;
    community: NamedRef;
  };
  members: Member[];
  visits: Visit[];
}

export type RevealField = 'idNumber' | 'phone';

export interface NewVisit {
  visitedAt: string;
  method: VisitMethod;
  notes: string;
  followUp?: string;
}

export interface CoverageRow {
  id: Id;
  name: string;
  households: number;
  visited: number;
  coverage: number;
}

export interface Coverage {
  since: string;
  communities: CoverageRow[];
  grids: (CoverageRow & { communityId: Id })[];
}
