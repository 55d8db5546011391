import { sql, type RawBuilder, type Selectable } from 'kysely';
import { insertRows } from '../../platform/db/insert-rows.js';
import type { CaseStatus, CasesTable } from '../../platform/db/schema-cases.js';
import type { Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/permissions/scope.js';
import { caseVisibility } from './case-access.js';

export type CaseRow = Selectable<CasesTable>;

/** A case the actor may see, or CASE_NOT_FOUND; `forUpdate` locks it for the transaction. */
export async function getVisibleCase(db: Executor, actor: Actor, id: number, forUpdate = false): Promise<CaseRow> {
  let query = db.selectFrom('cases as c').selectAll('c').where('c.id', '=', id).where(caseVisibility(actor));
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('CASE_NOT_FOUND', { id });
  return row;
}

/** A timeline entry of a case (case_event). */
export interface CaseEventInput {
  caseId: number;
  actorId: number | null;
  actorName: string;
  action: string;
  from: CaseStatus | null;
  to: CaseStatus | null;
  note?: string | null;
  internal?: boolean;
  data?: Record<string, unknown>;
  at?: Date;
}

const eventRow = (e: CaseEventInput) => ({
  case_id: e.caseId,
  actor_id: e.actorId,
  actor_name: e.actorName,
  action: e.action,
  from_status: e.from,
  to_status: e.to,
  note: e.note ?? null,
  internal: e.internal ?? false,
  data: JSON.stringify(e.data ?? {}),
  at: e.at ?? null,
});

/** An entry without its own time is at the transaction's time. */
const EVENT_COLUMNS = { json: ['data'], computed: { at: sql`coalesce(r.at, now())` } };

export async function insertEvent(tx: Executor, e: CaseEventInput): Promise<number> {
  const row = await insertRows(tx, 'case_event', [eventRow(e)], EVENT_COLUMNS).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The INSERT of several timeline entries (an entry without its own time is at now()), to run with runTogether. */
export function insertEventsQuery(tx: Executor, events: readonly CaseEventInput[]) {
  return insertRows(tx, 'case_event', events.map(eventRow), EVENT_COLUMNS);
}

export async function caseTimeline(db: Executor, caseId: number, includeInternal: boolean) {
  let query = db
    .selectFrom('case_event')
    .select(['id', 'at', 'actor_name as actorName', 'action', 'from_status as fromStatus', 'to_status as toStatus', 'note', 'internal'])
    .where('case_id', '=', caseId);
  if (!includeInternal) query = query.where('internal', '=', false);
  return query.orderBy('id').execute();
}

/** Users of the unit a case is dispatched to: the organisation's handlers, or the node's staff. */
export async function handlerUserIds(db: Executor, c: Pick<CaseRow, 'handler_kind' | 'handler_node_id' | 'handler_org_id'>): Promise<number[]> {
  if (c.handler_org_id) {
    const rows = await db.selectFrom('app_user').select('id').where('organisation_id', '=', c.handler_org_id).where('disabled_at', 'is', null).execute();
    return rows.map((r) => r.id);
  }
  if (!c.handler_node_id) return [];
  const role = c.handler_kind === 'grid' ? 'grid_worker' : 'community_staff';
  const rows = await db.selectFrom('user_role').select('user_id').where('org_node_id', '=', c.handler_node_id).where('role', '=', role).execute();
  return rows.map((r) => r.user_id);
}

/** Who is told of and answers for a case at the unit that owns it (首接负责). */
export const OWNER_ROLES = ['community_staff', 'street_admin'] as const;

/** Staff of the unit that owns the case (首接负责): community staff at the owner node. */
export async function ownerUserIds(db: Executor, c: Pick<CaseRow, 'owner_node_id' | 'community_id'>): Promise<number[]> {
  const node = c.owner_node_id ?? c.community_id;
  if (!node) return [];
  const rows = await db
    .selectFrom('user_role')
    .select('user_id')
    .where('org_node_id', '=', node)
    .where('role', 'in', OWNER_ROLES)
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * The next public id as an SQL expression of the time received (`at`, SQL: a column of the rows
 * being inserted), so the INSERT of the case takes the number itself (one round trip fewer); the
 * same text as publicIdFor.
 */
export function publicIdSql(at: RawBuilder<unknown>) {
  return sql<string>`(select 'GZ' || to_char(${at} at time zone 'UTC', 'YYYYMMDD') || lpad(n::text, greatest(6, length(n::text)), '0') from (select nextval('case_public_seq') as n) s)`;
}

/** GZ, the day received (UTC) and the number from case_public_seq, e.g. GZ20250301000123. */
export function publicIdFor(at: Date, n: number): string {
  return `GZ${at.toISOString().slice(0, 10).replaceAll('-', '')}${String(n).padStart(6, '0')}`;
}
