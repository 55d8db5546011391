import type { Kysely } from 'kysely';
import type { DB } from '../../server/platform/db/schema.js';
import type { CaseStatus, DeadlineJobKind } from '../../server/platform/db/schema-cases.js';
import { makeCategory } from '../../tests/helpers/case-factories.js';
import { makeStreet, makeUser, type NodeRef } from '../../tests/helpers/factories.js';

/**
 * Many open cases with their deadline jobs, generated row by row (never all in memory), as
 * submitCase and dispatchCase would have left them: 60% waiting for a response (`submitted`,
 * response jobs), 40% with the grid (`dispatched`, resolution jobs), each with a reminder at 80% of
 * its limit and an overdue job at the deadline. One case in `dueEvery` has work due at `now`,
 * alternately a reminder (one job) or a passed deadline (a late reminder and the overdue job; a
 * passed response deadline also escalates once within the same sweep). The rest are due later.
 */
export const RESPONSE_MINUTES = 24 * 60;
export const RESOLUTION_MINUTES = 7 * 24 * 60;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface World {
  street: Awaited<ReturnType<typeof makeStreet>>;
  categoryId: number;
  reporterId: number;
}

/** A street, the staff who receive notices at every level, a reporter and a grid-handled category. */
export async function makeWorld(db: Kysely<DB>): Promise<World> {
  const street = await makeStreet(db);
  const category = await makeCategory(db, { handlerKind: 'grid', responseMinutes: RESPONSE_MINUTES, resolutionMinutes: RESOLUTION_MINUTES });
  const reporter = await makeUser(db, [{ role: 'resident', node: street.buildingA }]);
  for (const community of [street.communityA, street.communityA, street.communityB]) await makeUser(db, [{ role: 'community_staff', node: community }]);
  await makeUser(db, [{ role: 'street_admin', node: street.street }]);
  for (const grid of [street.gridA, street.gridA2, street.gridB]) await makeUser(db, [{ role: 'grid_worker', node: grid }]);
  return { street, categoryId: category.id, reporterId: reporter.id };
}

export interface CaseRecord {
  id: number;
  public_id: string;
  street_id: number;
  community_id: number;
  grid_id: number;
  building_id: number | null;
  org_path: string;
  category_id: number;
  priority: 'normal';
  channel: 'resident_app';
  description: string;
  address: string;
  reporter_user_id: number;
  reporter_name: string;
  attributes: string;
  status: CaseStatus;
  owner_node_id: number | null;
  handler_kind: 'grid' | null;
  handler_node_id: number | null;
  received_at: Date;
  due_response_at: Date;
  responded_at: Date | null;
  dispatched_at: Date | null;
  due_at: Date | null;
}

export interface JobRecord {
  case_id: number;
  kind: DeadlineJobKind;
  run_at: Date;
  due_at: Date;
}

export const CASE_COLUMNS = [
  'id', 'public_id', 'street_id', 'community_id', 'grid_id', 'building_id', 'org_path', 'category_id', 'priority', 'channel', 'description',
  'address', 'reporter_user_id', 'reporter_name', 'attributes', 'status', 'owner_node_id', 'handler_kind', 'handler_node_id', 'received_at',
  'due_response_at', 'responded_at', 'dispatched_at', 'due_at',
] as const satisfies readonly (keyof CaseRecord)[];
export const JOB_COLUMNS = ['case_id', 'kind', 'run_at', 'due_at'] as const satisfies readonly (keyof JobRecord)[];

export const TEXTS = ['楼道灯坏了', '小区门口垃圾堆放', '下水道堵塞，污水外溢', '电梯异响，请检修', '邻居装修噪音扰民', '非机动车乱停放'];

/** What the due part of a generated set should produce; the sweep is checked against it. */
export function expectedDueJobs(count: number, dueEvery: number) {
  const dueCases = Math.floor(count / dueEvery);
  const reminders = Math.ceil(dueCases / 2);
  const passed = dueCases - reminders;
  return { dueCases, jobs: reminders + 2 * passed };
}

/** The cases, in id order from `firstId`, and the jobs of each right after it. */
export function* openCases(world: World, options: { count: number; firstId: number; now: Date; dueEvery: number }): Generator<{ c: CaseRecord; jobs: JobRecord[] }> {
  const { street } = world;
  const places: { community: NodeRef; grid: NodeRef; building: NodeRef }[] = [
    { community: street.communityA, grid: street.gridA, building: street.buildingA },
    { community: street.communityA, grid: street.gridA2, building: street.buildingA2 },
    { community: street.communityB, grid: street.gridB, building: street.buildingB },
  ];
  const now = options.now.getTime();
  for (let i = 0; i < options.count; i++) {
    const id = options.firstId + i;
    const place = places[i % places.length]!;
    const jitter = (i * 7919) % HOUR; // spreads run_at so jobs rarely share an instant
    const due = i % options.dueEvery === options.dueEvery - 1 ? (Math.floor(i / options.dueEvery) % 2 === 0 ? 'reminder' : 'passed') : null;
    // The stage of a due case is picked by its rank among the due cases, not by i: with i % 5 a
    // dueEvery that is a multiple of 5 (the default 200) would make every due case `submitted`.
    const dispatched = (due ? Math.floor(i / options.dueEvery) : i) % 5 < 2;
    let receivedAt: number;
    let dispatchedAt: number | null = null;
    if (!dispatched) {
      receivedAt = due === 'reminder' ? now - 20 * HOUR - jitter / 4 : due === 'passed' ? now - 31 * HOUR - jitter / 4 : now - jitter;
    } else {
      dispatchedAt = due === 'reminder' ? now - 6 * DAY - jitter / 4 : due === 'passed' ? now - 7 * DAY - 2 * HOUR - jitter / 4 : now - ((i * 104_729) % (2 * DAY));
      receivedAt = dispatchedAt - HOUR;
    }
    const dueResponseAt = receivedAt + RESPONSE_MINUTES * 60_000;
    const dueAt = dispatchedAt === null ? null : dispatchedAt + RESOLUTION_MINUTES * 60_000;
    const c: CaseRecord = {
      id,
      public_id: `GZB${String(id).padStart(10, '0')}`,
      street_id: street.street.id,
      community_id: place.community.id,
      grid_id: place.grid.id,
      building_id: place.building.id,
      org_path: place.building.path,
      category_id: world.categoryId,
      priority: 'normal',
      channel: 'resident_app',
      description: `${TEXTS[i % TEXTS.length]}（第 ${id} 件）`,
      address: `${place.building.name}号楼`,
      reporter_user_id: world.reporterId,
      reporter_name: '居民',
      attributes: '{}',
      status: dispatched ? 'dispatched' : 'submitted',
      owner_node_id: dispatched ? place.community.id : null,
      handler_kind: dispatched ? 'grid' : null,
      handler_node_id: dispatched ? place.grid.id : null,
      received_at: new Date(receivedAt),
      due_response_at: new Date(dueResponseAt),
      responded_at: dispatched ? new Date(receivedAt + HOUR / 2) : null,
      dispatched_at: dispatchedAt === null ? null : new Date(dispatchedAt),
      due_at: dueAt === null ? null : new Date(dueAt),
    };
    // As scheduleDeadline plans them: a reminder at 80% of the limit, overdue at the deadline.
    const [from, deadline] = dispatched ? [dispatchedAt!, dueAt!] : [receivedAt, dueResponseAt];
    const remindAt = new Date(from + (deadline - from) * 0.8);
    const jobs: JobRecord[] = [
      { case_id: id, kind: dispatched ? 'reminder' : 'response_reminder', run_at: remindAt, due_at: new Date(deadline) },
      { case_id: id, kind: dispatched ? 'overdue' : 'response_overdue', run_at: new Date(deadline), due_at: new Date(deadline) },
    ];
    yield { c, jobs };
  }
}
