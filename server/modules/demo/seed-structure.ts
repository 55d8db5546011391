import { sql, type Insertable, type Transaction } from 'kysely';
import type { DB, OrganisationKind, OrgKind, OrgNodeTable } from '../../platform/db/schema.js';
import { DEPARTMENTS, officePhone, partnerUnitNames, PROPERTY_COMPANIES, socialOrgNames } from './catalogue.js';
import { personName } from './names.js';
import type { Random } from './random.js';
import { insertRows, insertRowsReturning, setPaths } from './repository.js';
import {
  polygon,
  type PlannedBuilding,
  type PlannedCommunity,
  type PlannedGrid,
  type Rect,
  type StreetPlan,
} from './street-plan.js';

/** The org tree, estates and organisations of the demo street, with the ids they were given. */

export interface NodeRef {
  id: number;
  path: string;
}
export interface SeededBuilding extends NodeRef {
  plan: PlannedBuilding;
}
export interface SeededGrid extends NodeRef {
  plan: PlannedGrid;
  buildings: SeededBuilding[];
}
export interface SeededCommunity extends NodeRef {
  plan: PlannedCommunity;
  grids: SeededGrid[];
  estateIds: number[];
}
export interface SeededStreet {
  district: NodeRef;
  street: NodeRef & { name: string };
  communities: SeededCommunity[];
  departmentIds: number[];
  propertyCompanyIds: number[];
  counts: { estates: number; partnerUnits: number; socialOrgs: number; propertyServices: number };
}

type Tx = Transaction<DB>;

export async function seedStructure(tx: Tx, rng: Random, plan: StreetPlan): Promise<SeededStreet> {
  const district = only(await insertLevel(tx, 'district', [nodeRow({ parentId: null, streetId: null, ...plan.district })]));
  const street = only(
    await insertLevel(tx, 'street', [
      nodeRow({ parentId: district.id, streetId: null, ...plan.street, boundary: plan.street.rect }),
    ]),
  );
  const streetId = street.id;
  await sql`update org_node set street_id = id where id = ${streetId}`.execute(tx);

  const communityNodes = await insertLevel(
    tx,
    'community',
    plan.communities.map((c) =>
      nodeRow({ parentId: streetId, streetId, ...c, address: `${plan.street.name}${c.name}`, boundary: c.rect }),
    ),
  );
  const communities: SeededCommunity[] = plan.communities.map((c) => ({
    ...communityNodes.get(c.code)!,
    plan: c,
    grids: [],
    estateIds: [],
  }));

  const estates = await insertRowsReturning(
    tx,
    'estate',
    communities.flatMap((c) =>
      c.plan.estates.map((name) => ({ community_id: c.id, street_id: streetId, org_path: c.path, name })),
    ),
    ['id', 'community_id', 'name'],
  );
  const estateId = new Map(estates.map((e) => [`${e.community_id}|${e.name}`, e.id]));
  for (const c of communities) c.estateIds = c.plan.estates.map((name) => estateId.get(`${c.id}|${name}`)!);

  const gridNodes = await insertLevel(
    tx,
    'grid',
    communities.flatMap((c) => c.plan.grids.map((g) => nodeRow({ parentId: c.id, streetId, ...g, boundary: g.rect }))),
  );
  for (const c of communities) c.grids = c.plan.grids.map((g) => ({ ...gridNodes.get(g.code)!, plan: g, buildings: [] }));

  const buildingNodes = await insertLevel(
    tx,
    'building',
    communities.flatMap((c) =>
      c.grids.flatMap((g) =>
        g.plan.buildings.map((b) =>
          nodeRow({ parentId: g.id, streetId, ...b, estateId: c.estateIds[b.estateIndex]!, point: b.point }),
        ),
      ),
    ),
  );
  for (const g of communities.flatMap((c) => c.grids)) {
    g.buildings = g.plan.buildings.map((b) => ({ ...buildingNodes.get(b.code)!, plan: b }));
  }

  const organisations = await seedOrganisations(tx, rng, street, communities);
  const propertyServices = await seedPropertyServices(tx, rng, communities, organisations.propertyCompanyIds);
  return {
    district,
    street: { ...street, name: plan.street.name },
    communities,
    departmentIds: organisations.departmentIds,
    propertyCompanyIds: organisations.propertyCompanyIds,
    counts: {
      estates: estates.length,
      partnerUnits: organisations.partnerUnits,
      socialOrgs: organisations.socialOrgs,
      propertyServices,
    },
  };
}

type NodeRow = Omit<Insertable<OrgNodeTable>, 'kind'>;

/** A node of any level, with a placeholder path until its id is known. */
function nodeRow(n: {
  parentId: number | null;
  streetId: number | null;
  code: string;
  name: string;
  address?: string;
  estateId?: number;
  boundary?: Rect;
  point?: [number, number];
}): NodeRow {
  return {
    parent_id: n.parentId,
    code: n.code,
    name: n.name,
    path: `pending:${n.code}`,
    street_id: n.streetId,
    estate_id: n.estateId ?? null,
    address: n.address ?? null,
    boundary: n.boundary ? JSON.stringify(polygon(n.boundary)) : null,
    point: n.point ? JSON.stringify({ type: 'Point', coordinates: n.point }) : null,
  };
}

/** Writes one level of the tree, then gives each node its final path; returns them by code. */
async function insertLevel(tx: Tx, kind: OrgKind, rows: NodeRow[]): Promise<Map<string, NodeRef>> {
  await insertRows(tx, 'org_node', rows.map((r) => ({ ...r, kind })));
  return new Map((await setPaths(tx, kind)).map((r) => [r.code, { id: r.id, path: r.path }]));
}

function only<T>(map: Map<string, T>): T {
  const [value] = map.values();
  if (map.size !== 1 || value === undefined) throw new Error(`expected one node, found ${map.size}`);
  return value;
}

async function seedOrganisations(tx: Tx, rng: Random, street: NodeRef, communities: SeededCommunity[]) {
  const contact = () => personName(rng, rng.chance(0.5) ? 'male' : 'female', rng.int(1970, 1995));
  const row = (kind: OrganisationKind, name: string, node: NodeRef) => ({
    kind,
    name,
    org_node_id: node.id,
    street_id: street.id,
    org_path: node.path,
    contact_name: contact(),
    contact_phone: officePhone(rng),
  });
  const rows = [
    ...DEPARTMENTS.map((name) => row('department', name, street)),
    ...PROPERTY_COMPANIES.map((name) => row('property_company', name, street)),
    ...communities.flatMap((c) => [
      ...partnerUnitNames(rng, c.plan.stem).map((name) => row('partner_unit', name, c)),
      ...socialOrgNames(rng, c.plan.stem).map((name) => row('social_org', name, c)),
    ]),
  ];
  const written = await insertRowsReturning(tx, 'organisation', rows, ['id', 'kind', 'name']);
  const idOf = new Map(written.map((o) => [`${o.kind}|${o.name}`, o.id]));
  return {
    departmentIds: DEPARTMENTS.map((name) => idOf.get(`department|${name}`)!),
    propertyCompanyIds: PROPERTY_COMPANIES.map((name) => idOf.get(`property_company|${name}`)!),
    partnerUnits: written.filter((o) => o.kind === 'partner_unit').length,
    socialOrgs: written.filter((o) => o.kind === 'social_org').length,
  };
}

/** Each estate has at most one property company; a few old estates manage themselves. */
async function seedPropertyServices(tx: Tx, rng: Random, communities: SeededCommunity[], companyIds: number[]): Promise<number> {
  const rows = communities
    .flatMap((c) => c.estateIds)
    .flatMap((estateId, i) => {
      if (i > 0 && rng.chance(0.08)) return [];
      const company = i === 0 ? companyIds[0]! : rng.pick(companyIds);
      const since = `${rng.int(2006, 2023)}-${String(rng.int(1, 12)).padStart(2, '0')}-01`;
      return [{ organisation_id: company, estate_id: estateId, since }];
    });
  await insertRows(tx, 'property_service', rows);
  return rows.length;
}
