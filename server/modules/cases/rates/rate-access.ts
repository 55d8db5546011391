import type { Expression } from 'kysely';
import type { RateUnitKind } from '../../../platform/db/schema-cases.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { can, inScope, scopeFor, type Actor, type Scope } from '../../../platform/permissions/scope.js';

/**
 * Who reads whose rates.
 *
 * - Area units (street, community, grid): readers with rates.read whose scope holds the node.
 * - Departments and property companies: street-level readers (rates.read scope holding a street
 *   node) read them over the rows of their streets (case_rate_daily.street_id), so a district
 *   department serving several streets shows each street only its own share.
 * - A department or property company reads its own organisation's rates, all of them, though
 *   its handlers hold no rates.read: department_handler for a department, property_handler for
 *   a property company, with app_user.organisation_id naming the unit.
 *
 * Anything else does not exist for the reader (RATE_UNIT_NOT_FOUND).
 */

export const AREA_KINDS = ['street', 'community', 'grid'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];
export const isAreaKind = (kind: RateUnitKind): kind is AreaKind => (AREA_KINDS as readonly string[]).includes(kind);

export interface UnitRef {
  kind: RateUnitKind;
  id: number;
  name: string;
}

/** Which rows of case_rate_daily count: those of these streets, or all rows of the unit (null). */
export type StreetFilter = number[] | null;

const HANDLER_ROLE = { department: 'department_handler', property_company: 'property_handler' } as const;

export function isOwnOrganisation(actor: Actor, kind: RateUnitKind, id: number): boolean {
  if (kind !== 'department' && kind !== 'property_company') return false;
  return actor.organisationId === id && actor.roles.some((r) => r.role === HANDLER_ROLE[kind]);
}

/** Street nodes the reader's rates.read scope holds. */
async function readableStreets(db: Executor, scope: Scope) {
  return db.selectFrom('org_node as n').select(['n.id', 'n.path']).where('n.kind', '=', 'street').where(inScope('n.path', scope)).execute();
}

/** Ancestor paths of a path: '/1/2/' → ['/1/']. */
function ancestorPaths(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.slice(0, -1).map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/** Organisations of a kind serving the given streets: of one of them, or of a district above them. */
async function organisationsServing(db: Executor, kind: 'department' | 'property_company', streets: { id: number; path: string }[], onlyId?: number) {
  if (streets.length === 0) return [];
  const districts = [...new Set(streets.flatMap((s) => ancestorPaths(s.path)))];
  let query = db
    .selectFrom('organisation as o')
    .select(['o.id', 'o.name'])
    .where('o.kind', '=', kind)
    .where((eb) =>
      eb.or([
        eb('o.street_id', 'in', streets.map((s) => s.id)),
        ...(districts.length ? [eb.and([eb('o.street_id', 'is', null), eb('o.org_path', 'in', districts)])] : []),
      ]),
    );
  if (onlyId !== undefined) query = query.where('o.id', '=', onlyId);
  return query.orderBy('o.id').execute();
}

/** One unit the actor may read, and which of its rows count; 403 without any right, 404 out of scope. */
export async function resolveUnit(db: Executor, actor: Actor, kind: RateUnitKind, id: number): Promise<{ unit: UnitRef; streets: StreetFilter }> {
  if (isOwnOrganisation(actor, kind, id)) {
    const org = await db.selectFrom('organisation').select(['id', 'name']).where('id', '=', id).where('kind', '=', kind as 'department').executeTakeFirst();
    if (org) return { unit: { kind, id, name: org.name }, streets: null };
  }
  const scope = scopeFor(actor, 'rates.read');
  if (isAreaKind(kind)) {
    const node = await db.selectFrom('org_node as n').select(['n.id', 'n.name']).where('n.id', '=', id).where('n.kind', '=', kind).where(inScope('n.path', scope)).executeTakeFirst();
    if (!node) throw new AppError('RATE_UNIT_NOT_FOUND', { unitKind: kind, unitId: id });
    return { unit: { kind, id, name: node.name }, streets: null };
  }
  const streets = await readableStreets(db, scope);
  const [org] = await organisationsServing(db, kind, streets, id);
  if (!org) throw new AppError('RATE_UNIT_NOT_FOUND', { unitKind: kind, unitId: id });
  return { unit: { kind, id, name: org.name }, streets: streets.map((s) => s.id) };
}

const areaUnits = (db: Executor, scope: Scope, kind: AreaKind) => db.selectFrom('org_node as n').where('n.kind', '=', kind).where(inScope('n.path', scope));

/**
 * The area units of a kind the actor may read by scope, as a subquery of their ids: known before
 * they are read, so their counters can be read beside them, and it plans in a fraction of the
 * cost of a city's ~7,000 ids as an array. FORBIDDEN without rates.read.
 */
export function areaMembers(db: Executor, actor: Actor, kind: AreaKind): Expression<{ id: number }> {
  if (!can(actor, 'rates.read')) throw new AppError('FORBIDDEN', { permission: 'rates.read' });
  return areaUnits(db, scopeFor(actor, 'rates.read'), kind).select('n.id');
}

/** Every unit of a kind the actor may read by scope (rankings and top lists need rates.read). */
export async function unitsInScope(db: Executor, actor: Actor, kind: RateUnitKind): Promise<{ units: UnitRef[]; streets: StreetFilter }> {
  if (!can(actor, 'rates.read')) throw new AppError('FORBIDDEN', { permission: 'rates.read' });
  const scope = scopeFor(actor, 'rates.read');
  if (isAreaKind(kind)) {
    const nodes = await areaUnits(db, scope, kind).select(['n.id', 'n.name']).orderBy('n.id').execute();
    return { units: nodes.map((n) => ({ kind, id: n.id, name: n.name })), streets: null };
  }
  const streets = await readableStreets(db, scope);
  const orgs = await organisationsServing(db, kind, streets);
  return { units: orgs.map((o) => ({ kind, id: o.id, name: o.name })), streets: streets.map((s) => s.id) };
}
