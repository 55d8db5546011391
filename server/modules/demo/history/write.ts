import type { Transaction } from 'kysely';
import type { PiiCipher } from '../../../platform/crypto/pii.js';
import { maskPhone } from '../../../platform/crypto/pii.js';
import type { DB } from '../../../platform/db/schema.js';
import { publicIdFor } from '../../cases/repository.js';
import type { CaseDraft } from './life.js';
import { insertJsonRows, reservePublicNumbers } from './repository.js';
import type { Street } from './street.js';
import type { WhistleDraft } from './whistles.js';

/**
 * Writes the lived cases as rows: cases in received order (a merged duplicate after the case it
 * joins, so its merged_into_id exists), then their timelines, supervision rows and live deadline
 * jobs, then the whistles. Ids come back through `returning`; no row is written one at a time.
 */

type Tx = Transaction<DB>;
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export interface Written {
  cases: number;
  events: number;
  supervision: number;
  jobs: number;
  whistles: number;
  summons: number;
}

export async function writeHistory(
  tx: Tx,
  options: { street: Street; cipher: PiiCipher; drafts: CaseDraft[]; whistles: WhistleDraft[]; progress: (rows: number) => void },
): Promise<Written> {
  const { street, cipher, drafts, progress } = options;
  const numbers = await reservePublicNumbers(tx, drafts.length);
  const publicIds = new Map(drafts.map((d, i) => [d, publicIdFor(new Date(d.seed.receivedAt), numbers[i]!)]));
  const ids = new Map<CaseDraft, number>();

  const caseRow = (d: CaseDraft) => {
    const { seed, state: s } = d;
    const b = seed.building;
    const phone = seed.reporter.phone;
    return {
      public_id: publicIds.get(d)!,
      street_id: street.id,
      community_id: b.communityId,
      grid_id: b.gridId,
      building_id: b.id,
      household_id: seed.household?.id ?? null,
      org_path: b.path,
      category_id: seed.category.id,
      priority: seed.priority,
      channel: seed.channel,
      description: seed.description,
      address: seed.household?.address ?? b.address,
      lat: null,
      lon: null,
      reporter_resident_id: seed.reporter.residentId,
      reporter_user_id: seed.reporter.userId,
      reporter_name: seed.reporter.name,
      reporter_phone_enc: phone ? cipher.encrypt(phone) : null,
      reporter_phone_hash: phone ? cipher.lookupHash('phone', phone) : null,
      reporter_phone_mask: phone ? maskPhone(phone) : null,
      reporter_hidden: seed.reporter.hidden,
      external_ref: null,
      status: s.status,
      owner_node_id: s.ownerNodeId,
      handler_kind: s.handler?.kind ?? null,
      handler_node_id: s.handler?.nodeId ?? null,
      handler_org_id: s.handler?.orgId ?? null,
      received_at: iso(seed.receivedAt),
      due_response_at: iso(d.dueResponseAt),
      responded_at: iso(s.respondedAt),
      dispatched_at: iso(s.dispatchedAt),
      due_at: iso(s.dueAt),
      replied_at: iso(s.repliedAt),
      closed_at: iso(s.closedAt),
      overdue: s.overdue,
      supervision_level: s.supervisionLevel,
      reopen_count: s.reopenCount,
      resolution: s.resolution,
      rated_resolved: s.ratedResolved,
      satisfaction: s.satisfaction,
      rated_at: iso(s.ratedAt),
      merged_into_id: s.mergedInto ? ids.get(s.mergedInto)! : null,
      close_reason: s.closeReason,
      version: s.version,
      created_at: iso(seed.receivedAt),
      updated_at: iso(s.updatedAt),
    };
  };
  const insertCases = async (batch: CaseDraft[]) => {
    const rows = await insertJsonRows(tx, 'cases', batch.map(caseRow), { returning: ['id', 'public_id'] });
    const byPublicId = new Map(rows.map((r) => [r.public_id as string, Number(r.id)]));
    for (const d of batch) ids.set(d, byPublicId.get(publicIds.get(d)!)!);
    progress(batch.length);
  };
  for (let i = 0; i < drafts.length; i += 1000) {
    const batch = drafts.slice(i, i + 1000);
    await insertCases(batch.filter((d) => !d.state.mergedInto));
    await insertCases(batch.filter((d) => d.state.mergedInto));
  }

  const events = drafts.flatMap((d) =>
    d.events.map((e) => ({
      case_id: ids.get(d)!,
      at: iso(e.at),
      actor_id: e.actor.userId,
      actor_name: e.actor.name,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      note: e.note,
      internal: e.internal,
      data: e.action === 'merge' && d.state.mergedInto ? { ...e.data, intoCaseId: ids.get(d.state.mergedInto)!, intoPublicId: publicIds.get(d.state.mergedInto)! } : e.data,
    })),
  );
  await insertJsonRows(tx, 'case_event', events, { batch: 2000, onBatch: progress });
  const supervision = drafts.flatMap((d) =>
    d.supervision.map((s) => ({ case_id: ids.get(d)!, level: s.level, kind: s.kind, org_node_id: s.orgNodeId, at: iso(s.at), by_user_id: null, note: s.note })),
  );
  await insertJsonRows(tx, 'case_supervision', supervision, { batch: 2000, onBatch: progress });
  const jobs = drafts.flatMap((d) =>
    d.jobs.map((j) => ({ case_id: ids.get(d)!, kind: j.kind, run_at: iso(j.runAt), due_at: iso(j.dueAt), done_at: iso(j.doneAt), outcome: j.outcome, attempts: j.doneAt === null ? 0 : 1 })),
  );
  await insertJsonRows(tx, 'case_deadline_job', jobs, { batch: 2000, onBatch: progress });

  const whistleIds = await insertJsonRows(
    tx,
    'whistle',
    options.whistles.map((w) => ({
      street_id: street.id,
      org_node_id: w.nodeId,
      org_path: w.path,
      case_id: null,
      place: w.place,
      kind: w.kind,
      reason: w.reason,
      blown_by: w.blownBy,
      blown_at: iso(w.blownAt),
      checkin_due_at: iso(w.checkinDueAt),
      status: w.closedAt === null ? 'open' : 'closed',
      closed_at: iso(w.closedAt),
      closed_by: w.closedBy,
      summary: w.summary,
    })),
    { returning: ['id', 'blown_at', 'org_node_id'] },
  );
  // Matched by blow time and place rather than by position: `returning` promises no order.
  const whistleKey = (at: number, nodeId: number) => `${at}|${nodeId}`;
  const whistleId = new Map(whistleIds.map((r) => [whistleKey(new Date(r.blown_at as Date).getTime(), Number(r.org_node_id)), Number(r.id)]));
  const summons = options.whistles.flatMap((w) =>
    w.summons.map((s) => ({
      whistle_id: whistleId.get(whistleKey(w.blownAt, w.nodeId))!,
      department_id: s.departmentId,
      checked_in_at: iso(s.checkedInAt),
      checked_in_by: s.checkedInBy,
      people_sent: s.peopleSent,
      on_time: s.onTime,
      rating: s.rating,
      rating_comment: s.ratingComment,
      rated_at: iso(s.ratedAt),
      rated_by: s.ratedBy,
    })),
  );
  await insertJsonRows(tx, 'whistle_summons', summons, { onBatch: progress });
  progress(options.whistles.length);
  return { cases: drafts.length, events: events.length, supervision: supervision.length, jobs: jobs.length, whistles: options.whistles.length, summons: summons.length };
}

/** Rows writeHistory reports through `progress`, for a progress total. */
export function rowsToWrite(drafts: CaseDraft[], whistles: WhistleDraft[]): number {
  let n = drafts.length + whistles.length;
  for (const d of drafts) n += d.events.length + d.supervision.length + d.jobs.length;
  for (const w of whistles) n += w.summons.length;
  return n;
}
