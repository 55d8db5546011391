import { sql, type Transaction } from 'kysely';
import { appendAudit } from '../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../platform/context.js';
import type { PiiCipher } from '../../platform/crypto/pii.js';
import { maskPhone } from '../../platform/crypto/pii.js';
import type { DB } from '../../platform/db/schema.js';
import type { CaseChannel, Priority } from '../../platform/db/schema-cases.js';
import { anyId } from '../../platform/db/any.js';
import { insertRows } from '../../platform/db/insert-rows.js';
import { runTogether } from '../../platform/db/together.js';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { notifyQueries } from '../../platform/notifications/notify.js';
import { can, pathInScope, scopeFor } from '../../platform/permissions/scope.js';
import { scheduleDeadlinesQuery } from './deadlines.js';
import { locateCases, type CaseLocation, type LocatedHousehold } from './locate.js';
import { areaUnits, bumpRates } from './rates.js';
import type { CaseRefs } from './presenter.js';
import { insertEventsQuery, OWNER_ROLES, publicIdSql, type CaseRow } from './repository.js';
import { addMinutes, loadCategoriesLimits, type CategoryLimits } from './time-limits.js';

export interface SubmitCaseInput {
  channel: CaseChannel;
  categoryId: number;
  priority?: Priority | null;
  description: string;
  householdId?: number | null;
  buildingId?: number | null;
  lat?: number | null;
  lon?: number | null;
  address?: string | null;
  /** Staff entering a case on a resident's behalf (phone call, visit, hotline). */
  reporter?: { name?: string | null; phone?: string | null; residentId?: number | null } | null;
  reporterHidden?: boolean;
  externalRef?: string | null;
  receivedAt?: Date | null;
  /** Answers to the category's service attributes, already checked. */
  attributes?: Record<string, string>;
  /** Set only by the Open311 endpoint after it verified the API key whose account `actor` is. */
  viaApiKey?: boolean;
}

const STAFF_CHANNELS: readonly CaseChannel[] = ['phone', 'visit', 'patrol', 'hotline'];
/** Channels where the signed-in actor is not the person reporting. */
const ON_BEHALF: readonly CaseChannel[] = [...STAFF_CHANNELS, 'open311'];

/** Refusals a single intake may meet, raised as AppError; anything else fails its whole batch. */
type Outcome = CaseRow | AppError;

/** Each demand's case or refusal, in the order given, and what presenting the cases needs. */
export interface SubmittedCases {
  outcomes: Outcome[];
  refs: CaseRefs;
}

/**
 * Takes a demand in from any channel: places it in a grid, sets the response limit from its
 * category and priority, and counts it as received for its street, community and grid.
 */
export async function submitCase(db: Executor, cipher: PiiCipher, options: Caller & SubmitCaseInput): Promise<CaseRow> {
  return inTransaction(db, async (tx) => {
    const [outcome] = (await submitCases(tx, cipher, [options])).outcomes;
    if (outcome instanceof AppError) throw outcome;
    return outcome!;
  });
}

/**
 * submitCase for several demands in one transaction, with one statement per step for all of
 * them (group commit: see intake-queue.ts). Each demand gets its case, or the AppError that
 * refused it and wrote nothing of it; the others go on.
 */
export async function submitCases(db: Executor, cipher: PiiCipher, items: readonly (Caller & SubmitCaseInput)[]): Promise<SubmittedCases> {
  const outcomes: (Outcome | undefined)[] = items.map(refusedChannel);
  const none: CaseRefs = { categories: new Map(), orgs: new Map(), nodes: new Map() };
  if (outcomes.every((o) => o !== undefined)) return { outcomes: outcomes as Outcome[], refs: none };
  return inTransaction(db, async (tx) => {
    const { placed, categories } = await placeDemands(tx, items, outcomes);
    // What presenting the new cases needs besides the rows (they have no handler yet).
    const refs: CaseRefs = { ...none, categories };
    if (placed.length > 0) {
      const rows = await insertCases(tx, cipher, placed);
      await recordIntakes(tx, placed, rows);
      placed.forEach(({ i }, k) => {
        const { ownerIds: _, ...row } = rows[k]!;
        outcomes[i] = row;
      });
    }
    return { outcomes: outcomes as Outcome[], refs };
  });
}

type Demand = Caller & SubmitCaseInput;

/** A demand that passed every check, with where it is and its response limit. */
interface PlacedDemand {
  i: number;
  item: Demand;
  category: CategoryLimits['category'];
  priority: Priority;
  receivedAt: Date;
  dueResponseAt: Date;
  where: CaseLocation;
}

/** Whether the caller may submit on this channel at all (before anything is read). */
function refusedChannel(item: Demand): AppError | undefined {
  try {
    if ((item.channel === 'open311') !== (item.viaApiKey === true)) throw new AppError('FORBIDDEN', { channel: item.channel });
    if (!item.viaApiKey) scopeFor(item.actor, 'case.submit');
    if (STAFF_CHANNELS.includes(item.channel) && !can(item.actor, 'case.manage')) throw new AppError('FORBIDDEN', { channel: item.channel });
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

/**
 * Checks the demands not yet refused (category, place, household) in a few queries for all of
 * them, records each refusal in `outcomes`, and returns the rest placed, in their order.
 */
async function placeDemands(tx: Transaction<DB>, items: readonly Demand[], outcomes: (Outcome | undefined)[]) {
  const open = () => items.flatMap((item, i) => (outcomes[i] === undefined ? [{ item, i }] : []));
  // A resident reports from their own household unless they point at a place.
  const fromHome = (item: Demand) => !item.householdId && !item.buildingId && item.lat == null && item.actor.residentId;
  const homeOf = [...new Set(open().filter(({ item }) => fromHome(item)).map(({ item }) => item.actor.residentId!))];
  const [catalogue, homes] = await Promise.all([
    loadCategoriesLimits(tx, open().map(({ item }) => item.categoryId)),
    homeOf.length
      ? tx
          .selectFrom('household_member as m')
          .innerJoin('household as h', 'h.id', 'm.household_id')
          .select(['m.resident_id', 'h.id', 'h.org_path', 'h.street_id', 'h.address'])
          .where('m.resident_id', '=', anyId(homeOf))
          .where('m.until', 'is', null)
          .orderBy('m.id')
          .execute()
      : [],
  ]);
  for (const { item, i } of open()) {
    const found = catalogue.get(item.categoryId);
    if (!found || !found.category.active || found.category.response_minutes === null) outcomes[i] = new AppError('UNKNOWN_CATEGORY', { id: item.categoryId });
  }
  const homeByResident = new Map<number, LocatedHousehold>();
  for (const h of homes) if (!homeByResident.has(h.resident_id)) homeByResident.set(h.resident_id, h);
  const located = open();
  const places = await locateCases(
    tx,
    located.map(({ item }) => {
      const household = fromHome(item) ? homeByResident.get(item.actor.residentId!) : undefined;
      return { ...item, householdId: item.householdId ?? household?.id ?? null, household };
    }),
  );
  const where = new Map<number, CaseLocation>();
  located.forEach(({ i }, k) => {
    const place = places[k]!;
    if (place instanceof AppError) outcomes[i] = place;
    else where.set(i, place);
  });
  // A household named outright must be the resident's own, unless staff in scope of it enter the case.
  const claimed = open().filter(({ item, i }) => {
    if (!item.householdId) return false;
    const staffScope = can(item.actor, 'case.manage') ? scopeFor(item.actor, 'case.manage') : null;
    return !(staffScope && pathInScope(staffScope, where.get(i)!.path));
  });
  const residents = claimed.flatMap(({ item }) => (item.actor.residentId ? [item.actor.residentId] : []));
  const members = residents.length
    ? await tx
        .selectFrom('household_member')
        .select(['resident_id', 'household_id'])
        .where('household_id', '=', anyId(claimed.map(({ item }) => item.householdId!)))
        .where('resident_id', '=', anyId(residents))
        .where('until', 'is', null)
        .execute()
    : [];
  for (const { item, i } of claimed) {
    if (!members.some((m) => m.resident_id === item.actor.residentId && m.household_id === item.householdId)) outcomes[i] = new AppError('HOUSEHOLD_NOT_FOUND', { id: item.householdId });
  }
  const placed = open().map(({ item, i }): PlacedDemand => {
    const { category, limitsFor } = catalogue.get(item.categoryId)!;
    const priority = item.priority ?? category.priority;
    const receivedAt = item.receivedAt ?? new Date();
    return { item, i, category, priority, receivedAt, dueResponseAt: addMinutes(receivedAt, limitsFor(priority).responseMinutes), where: where.get(i)! };
  });
  return { placed, categories: new Map([...catalogue.values()].map(({ category: c }) => [c.id, c])) };
}

/**
 * The cases, and in the same statement who is told of each (staff of the owning unit), in the
 * demands' order: PostgreSQL returns a multi-row INSERT's rows in the order of its VALUES,
 * which is checked here rather than assumed.
 */
async function insertCases(tx: Transaction<DB>, cipher: PiiCipher, placed: readonly PlacedDemand[]) {
  const values = placed.map(({ item, category, priority, receivedAt, dueResponseAt, where }) => {
    const onBehalf = ON_BEHALF.includes(item.channel);
    const phone = item.reporter?.phone ?? null;
    return {
      street_id: where.streetId,
      community_id: where.communityId,
      grid_id: where.gridId,
      building_id: where.buildingId,
      household_id: where.householdId,
      org_path: where.path,
      category_id: category.id,
      priority,
      channel: item.channel,
      description: item.description,
      address: where.address,
      lat: item.lat ?? null,
      lon: item.lon ?? null,
      reporter_resident_id: item.reporter?.residentId ?? (onBehalf ? null : item.actor.residentId),
      reporter_user_id: onBehalf ? null : item.actor.userId,
      reporter_name: item.reporter?.name ?? (onBehalf ? null : item.actor.displayName),
      reporter_phone_enc: phone ? cipher.encrypt(phone) : null,
      reporter_phone_hash: phone ? cipher.lookupHash('phone', phone) : null,
      reporter_phone_mask: phone ? maskPhone(phone) : null,
      reporter_hidden: item.reporterHidden ?? false,
      external_ref: item.externalRef ?? null,
      attributes: JSON.stringify(item.attributes ?? {}),
      status: 'submitted' as const,
      received_at: receivedAt,
      due_response_at: dueResponseAt,
    };
  });
  const inserted = await tx
    .with('c', (db) => insertRows(db, 'cases', values, { json: ['attributes'], computed: { public_id: publicIdSql(sql`r.received_at`) } }).returningAll())
    .selectFrom('c')
    .selectAll('c')
    .select((eb) =>
      eb
        .selectFrom('user_role as r')
        .select(sql<number[]>`coalesce(array_agg(r.user_id order by r.id), '{}')`.as('ids'))
        .where('r.org_node_id', '=', sql<number>`coalesce(c.owner_node_id, c.community_id)`)
        .where('r.role', 'in', OWNER_ROLES)
        .as('owner_ids'),
    )
    .execute();
  if (inserted.length !== placed.length || inserted.some((r, k) => r.description !== values[k]!.description || r.category_id !== values[k]!.category_id)) {
    throw new Error('cases came back from the INSERT out of order');
  }
  return inserted.map(({ owner_ids, ...row }) => ({ ...row, ownerIds: (owner_ids ?? []).map(Number) }));
}

/**
 * What every new case brings: its timeline entry, deadline jobs, the owners' notices and the
 * outbox event (one statement for all), and its audit row and counters (queued to the end of the
 * transaction, one statement each for all).
 */
async function recordIntakes(tx: Transaction<DB>, placed: readonly PlacedDemand[], rows: readonly (CaseRow & { ownerIds: number[] })[]) {
  await runTogether(tx, [
    insertEventsQuery(
      tx,
      placed.map(({ item, receivedAt }, k) => ({
        caseId: rows[k]!.id,
        actorId: item.actor.userId,
        actorName: item.actor.displayName,
        action: 'submit',
        from: null,
        to: 'submitted' as const,
        data: { channel: item.channel },
        at: receivedAt,
      })),
    ),
    scheduleDeadlinesQuery(
      tx,
      placed.map(({ receivedAt, dueResponseAt }, k) => ({
        caseId: rows[k]!.id,
        from: receivedAt,
        dueAt: dueResponseAt,
        kinds: { reminder: 'response_reminder' as const, overdue: 'response_overdue' as const },
      })),
    ),
    ...notifyQueries(
      tx,
      placed.map(({ item }, k) => ({
        userIds: rows[k]!.ownerIds.filter((id) => id !== item.actor.userId),
        notice: { kind: 'case.submitted', title: `新诉求 ${rows[k]!.public_id}`, body: item.description.slice(0, 200), caseId: rows[k]!.id },
      })),
    ),
  ]);
  for (const [k, { item, category, priority, receivedAt, where }] of placed.entries()) {
    const row = rows[k]!;
    await appendAudit(tx, {
      actor: auditActor(item),
      action: 'case.submit',
      targetType: 'case',
      targetId: row.id,
      summary: { after: { status: 'submitted', channel: item.channel, categoryId: category.id, priority, gridId: where.gridId } },
      requestId: item.requestId,
      streetId: row.street_id,
    });
    await bumpRates(tx, { at: receivedAt, case: row, units: areaUnits(row), add: { received: 1 } });
  }
}
