import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import type { CaseRow } from '../cases/repository.js';

export interface RequestFilter {
  streetId: number;
  publicIds?: string[] | undefined;
  serviceCodes?: string[] | undefined;
  start?: Date | undefined;
  end?: Date | undefined;
  status?: 'open' | 'closed' | undefined;
  limit: number;
  offset?: number;
}

export async function findServiceRequests(db: Executor, f: RequestFilter): Promise<CaseRow[]> {
  let query = db.selectFrom('cases as c').selectAll('c').where('c.street_id', '=', f.streetId);
  if (f.publicIds?.length) query = query.where('c.public_id', 'in', f.publicIds);
  if (f.serviceCodes?.length) {
    query = query.where('c.category_id', 'in', (eb) => eb.selectFrom('case_category').select('id').where('code', 'in', f.serviceCodes!));
  }
  if (f.start) query = query.where('c.received_at', '>=', f.start);
  if (f.end) query = query.where('c.received_at', '<=', f.end);
  if (f.status === 'open') query = query.where('c.status', 'not in', ['closed', 'merged', 'withdrawn']);
  if (f.status === 'closed') query = query.where('c.status', 'in', ['closed', 'merged', 'withdrawn']);
  return query.orderBy('c.received_at', 'desc').orderBy('c.id', 'desc').limit(f.limit).offset(f.offset ?? 0).execute();
}

/** Public timeline entries of a street's cases (the servicerequestupdates extension). */
export async function findRequestUpdates(db: Executor, f: { streetId: number; start: Date; end?: Date | undefined; publicIds?: string[] | undefined; limit: number; offset: number }) {
  let query = db
    .selectFrom('case_event as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .select(['e.id', 'c.public_id', 'e.at', 'e.action', 'e.to_status', 'e.note'])
    .where('c.street_id', '=', f.streetId)
    .where('e.internal', '=', false)
    .where('e.at', '>=', f.start);
  if (f.end) query = query.where('e.at', '<=', f.end);
  if (f.publicIds?.length) query = query.where('c.public_id', 'in', f.publicIds);
  return query.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(f.limit).offset(f.offset).execute();
}

/** Category codes and names, handling unit names, and each case's latest public note. */
export async function serviceRequestRefs(db: Executor, rows: CaseRow[]) {
  const ids = rows.map((r) => r.id);
  const [categories, orgs, nodes, notes] = await Promise.all([
    rows.length ? db.selectFrom('case_category').select(['id', 'code', 'name_zh']).where('id', 'in', [...new Set(rows.map((r) => r.category_id))]).execute() : [],
    rows.some((r) => r.handler_org_id) ? db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', rows.flatMap((r) => (r.handler_org_id ? [r.handler_org_id] : []))).execute() : [],
    rows.some((r) => r.handler_node_id) ? db.selectFrom('org_node').select(['id', 'name']).where('id', 'in', rows.flatMap((r) => (r.handler_node_id ? [r.handler_node_id] : []))).execute() : [],
    ids.length
      ? db
          .selectFrom('case_event')
          .select(['case_id', 'note'])
          .distinctOn('case_id')
          .where('case_id', 'in', ids)
          .where('internal', '=', false)
          .where('note', 'is not', null)
          .orderBy('case_id')
          .orderBy(sql`id`, 'desc')
          .execute()
      : [],
  ]);
  const agencies = new Map<number, string>([...orgs.map((o) => [o.id, o.name] as const), ...nodes.map((n) => [-n.id, n.name] as const)]);
  return {
    categories: new Map(categories.map((c) => [c.id, c])),
    agencies,
    notes: new Map(notes.map((n) => [n.case_id, n.note])),
  };
}
