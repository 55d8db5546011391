import type { Kysely } from 'kysely';
import type { DB } from '../../server/platform/db/schema.js';
import { makeCategory } from './case-factories.js';
import { bearer, login, makeHousehold, makeResident, makeStreet, makeUser } from './factories.js';
import type { TestApp } from './test-app.js';

/**
 * A street of its own for one scheduler test: a resident who reports, the community staff who
 * own cases (community A), the street admin, the grid worker who handles them (grid A), and a
 * grid-handled category whose limits the test chooses.
 */
export async function makeCaseWorld(t: TestApp, limits: { responseMinutes?: number; resolutionMinutes?: number } = {}) {
  const db = t.ctx.db;
  const street = await makeStreet(db);
  const household = await makeHousehold(db, street.buildingA);
  const reporter = await makeResident(db, t.ctx.cipher, household);
  const category = await makeCategory(db, { handlerKind: 'grid', responseMinutes: limits.responseMinutes ?? 60, resolutionMinutes: limits.resolutionMinutes ?? 600 });
  const users = {
    resident: await makeUser(db, [{ role: 'resident', node: street.buildingA }], { residentId: reporter.id }),
    staff: await makeUser(db, [{ role: 'community_staff', node: street.communityA }]),
    admin: await makeUser(db, [{ role: 'street_admin', node: street.street }]),
    grid: await makeUser(db, [{ role: 'grid_worker', node: street.gridA }]),
  };
  const tokens = Object.fromEntries(await Promise.all(Object.entries(users).map(async ([k, u]) => [k, await login(t.app, u.username)] as const))) as Record<keyof typeof users, string>;

  const post = async (who: keyof typeof users, url: string, payload: object = {}) => {
    const res = await t.app.inject({ method: 'POST', url, headers: bearer(tokens[who]), payload });
    if (res.statusCode >= 300) throw new Error(`POST ${url} as ${who}: ${res.statusCode} ${res.body}`);
    return res.json().case as { id: number; status: string };
  };
  const submit = (categoryId = category.id, description = '楼道灯坏了') => post('resident', '/api/cases', { categoryId, description });
  const accept = (id: number) => post('staff', `/api/cases/${id}/accept`);
  const dispatch = (id: number) => post('staff', `/api/cases/${id}/dispatch`);
  /** Submitted, accepted and dispatched to grid A. */
  const openCase = async (categoryId = category.id) => {
    const c = await submit(categoryId);
    await accept(c.id);
    return dispatch(c.id);
  };
  return { street, users, tokens, category, post, submit, accept, dispatch, openCase };
}

export type CaseWorld = Awaited<ReturnType<typeof makeCaseWorld>>;

export async function caseRow(db: Kysely<DB>, id: number) {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function jobsOf(db: Kysely<DB>, caseId: number) {
  return db.selectFrom('case_deadline_job').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export async function noticesOf(db: Kysely<DB>, caseId: number, kind: string) {
  return db.selectFrom('notification').select(['user_id', 'kind', 'title']).where('case_id', '=', caseId).where('kind', '=', kind).orderBy('id').execute();
}

/** What the scheduler left on a case: supervision rows, internal timeline entries, audit rows. */
export async function supervisionTrail(db: Kysely<DB>, caseId: number) {
  const [supervision, events, audit] = await Promise.all([
    db.selectFrom('case_supervision').select(['kind', 'level', 'org_node_id', 'by_user_id']).where('case_id', '=', caseId).orderBy('id').execute(),
    db.selectFrom('case_event').select(['action', 'internal', 'actor_name']).where('case_id', '=', caseId).where('action', 'in', ['remind', 'overdue', 'escalate', 'supervise']).orderBy('id').execute(),
    db.selectFrom('audit_log').select(['action', 'actor_id', 'actor_name']).where('target_type', '=', 'case').where('target_id', '=', String(caseId)).where('action', 'in', ['case.remind', 'case.overdue', 'case.escalate', 'case.supervise']).orderBy('id').execute(),
  ]);
  return { supervision, events, audit };
}

export const minutes = (n: number) => n * 60_000;
export const after = (at: Date, ms: number) => new Date(at.getTime() + ms);
