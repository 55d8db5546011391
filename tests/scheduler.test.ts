import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSchedulerOnce } from '../server/modules/cases/scheduler/run-scheduler.js';
import { storedRates } from '../server/modules/cases/rollups/repository.js';
import { bearer } from './helpers/factories.js';
import { after, caseRow, jobsOf, makeCaseWorld, minutes, noticesOf, supervisionTrail } from './helpers/scheduler-world.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('deadline scheduler (督办)', () => {
  let t: TestApp;
  const run = (now: Date) => runSchedulerOnce(t.ctx, { now, workerId: 'test' });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  const overdueCounts = async (streetId: number) =>
    (await storedRates(t.ctx.db, 'case_rate_daily', streetId))
      .filter((r) => r.overdue > 0)
      .map(({ unit_kind, unit_id, overdue }) => ({ unit_kind, unit_id, overdue }))
      .sort((a, b) => a.unit_kind.localeCompare(b.unit_kind));

  it('reminds the handler at 80% of the limit, once', async () => {
    const w = await makeCaseWorld(t, { responseMinutes: 60, resolutionMinutes: 600 });
    const c = await w.openCase();
    const row = await caseRow(t.ctx.db, c.id);
    const remindAt = after(row.dispatched_at!, minutes(480));
    expect(row.due_at!.getTime() - row.dispatched_at!.getTime()).toBe(minutes(600));

    // Just before 80% nothing happens.
    await run(after(remindAt, -minutes(1)));
    expect((await supervisionTrail(t.ctx.db, c.id)).supervision).toEqual([]);

    await run(after(remindAt, minutes(1)));
    const trail = await supervisionTrail(t.ctx.db, c.id);
    expect(trail.supervision).toEqual([{ kind: 'reminder', level: 0, org_node_id: null, by_user_id: null }]);
    expect(trail.events).toEqual([{ action: 'remind', internal: true, actor_name: 'scheduler' }]);
    expect(trail.audit).toEqual([{ action: 'case.remind', actor_id: null, actor_name: 'scheduler' }]);
    const notices = await noticesOf(t.ctx.db, c.id, 'case.reminder');
    expect(notices.map((n) => n.user_id)).toEqual([w.users.grid.id]);
    expect(notices[0]!.title).toContain('催办');

    const jobs = await jobsOf(t.ctx.db, c.id);
    expect(jobs.map((j) => [j.kind, j.outcome, j.done_at !== null])).toEqual([
      ['response_reminder', 'stale', true], // accepted at once: the response deadline no longer applies
      ['response_overdue', 'stale', true],
      ['reminder', 'reminded', true],
      ['overdue', null, false],
    ]);

    // Running again at the same moment, or a little later, adds nothing.
    await run(after(remindAt, minutes(1)));
    await run(after(remindAt, minutes(30)));
    expect(await supervisionTrail(t.ctx.db, c.id)).toEqual(trail);
    expect(await noticesOf(t.ctx.db, c.id, 'case.reminder')).toHaveLength(1);
  });

  it('marks an overdue case once, counts it once, and escalates community → street, then stops', async () => {
    const w = await makeCaseWorld(t, { responseMinutes: 60, resolutionMinutes: 600 });
    const c = await w.openCase();
    const due = (await caseRow(t.ctx.db, c.id)).due_at!;
    const step = minutes(150); // 25% of the 600-minute limit

    const counts = await run(after(due, minutes(1)));
    expect(counts.overdue).toBeGreaterThanOrEqual(1);
    let row = await caseRow(t.ctx.db, c.id);
    expect(row).toMatchObject({ overdue: true, supervision_level: 0 });
    // Late reminder is left to the overdue job: no "due soon" after the due time.
    const jobs = await jobsOf(t.ctx.db, c.id);
    expect(jobs.find((j) => j.kind === 'reminder')!.outcome).toBe('superseded');
    expect(jobs.find((j) => j.kind === 'overdue')!.outcome).toBe('overdue');
    const escalation = jobs.find((j) => j.kind === 'escalate')!;
    expect(escalation.run_at.getTime()).toBe(due.getTime() + step);
    expect(escalation.due_at.getTime()).toBe(due.getTime());
    expect((await noticesOf(t.ctx.db, c.id, 'case.overdue')).map((n) => n.user_id).sort()).toEqual([w.users.staff.id, w.users.grid.id].sort());
    const expectedOverdue = [
      { unit_kind: 'community', unit_id: w.street.communityA.id, overdue: 1 },
      { unit_kind: 'grid', unit_id: w.street.gridA.id, overdue: 1 },
      { unit_kind: 'street', unit_id: w.street.street.id, overdue: 1 },
    ];
    expect(await overdueCounts(w.street.street.id)).toEqual(expectedOverdue);

    await run(after(due, minutes(2)));
    expect(await overdueCounts(w.street.street.id)).toEqual(expectedOverdue);

    // First step: the community is told.
    await run(after(due, step + minutes(1)));
    row = await caseRow(t.ctx.db, c.id);
    expect(row.supervision_level).toBe(1);
    expect((await noticesOf(t.ctx.db, c.id, 'case.escalated')).map((n) => n.user_id)).toEqual([w.users.staff.id]);
    const rearmed = (await jobsOf(t.ctx.db, c.id)).find((j) => j.kind === 'escalate')!;
    expect(rearmed).toMatchObject({ done_at: null, outcome: 'escalated' });
    expect(rearmed.run_at.getTime()).toBe(due.getTime() + 2 * step);

    // Second step: the street is told, and that is the top.
    await run(after(due, 2 * step + minutes(1)));
    await run(after(due, 20 * step));
    row = await caseRow(t.ctx.db, c.id);
    expect(row.supervision_level).toBe(2);
    expect((await noticesOf(t.ctx.db, c.id, 'case.escalated')).map((n) => n.user_id)).toEqual([w.users.staff.id, w.users.admin.id]);
    const trail = await supervisionTrail(t.ctx.db, c.id);
    expect(trail.supervision).toEqual([
      { kind: 'overdue', level: 0, org_node_id: null, by_user_id: null },
      { kind: 'escalated', level: 1, org_node_id: w.street.communityA.id, by_user_id: null },
      { kind: 'escalated', level: 2, org_node_id: w.street.street.id, by_user_id: null },
    ]);
    expect(trail.events.map((e) => e.action)).toEqual(['overdue', 'escalate', 'escalate']);
    expect(trail.audit.map((a) => a.action)).toEqual(['case.overdue', 'case.escalate', 'case.escalate']);
    expect((await jobsOf(t.ctx.db, c.id)).filter((j) => j.done_at === null)).toEqual([]);
    expect(await overdueCounts(w.street.street.id)).toEqual(expectedOverdue);
  });

  it('supervises the response limit while a case waits to be accepted', async () => {
    const w = await makeCaseWorld(t, { responseMinutes: 60, resolutionMinutes: 600 });
    const c = await w.submit();
    const dueResponse = (await caseRow(t.ctx.db, c.id)).due_response_at;

    await run(after(dueResponse, -minutes(10)));
    expect((await noticesOf(t.ctx.db, c.id, 'case.reminder')).map((n) => n.user_id)).toEqual([w.users.staff.id]);

    await run(after(dueResponse, minutes(1)));
    expect(await caseRow(t.ctx.db, c.id)).toMatchObject({ overdue: true, status: 'submitted' });
    expect((await noticesOf(t.ctx.db, c.id, 'case.overdue')).map((n) => n.user_id)).toEqual([w.users.staff.id]);
    expect((await overdueCounts(w.street.street.id)).map((r) => r.unit_kind)).toEqual(['community', 'grid', 'street']);
    const escalation = (await jobsOf(t.ctx.db, c.id)).find((j) => j.kind === 'escalate')!;
    expect(escalation.run_at.getTime()).toBe(dueResponse.getTime() + minutes(15));

    // Accepting ends the response phase: the planned escalation is stale.
    await w.accept(c.id);
    await run(after(dueResponse, minutes(20)));
    expect((await jobsOf(t.ctx.db, c.id)).find((j) => j.kind === 'escalate')!.outcome).toBe('stale');
    expect((await caseRow(t.ctx.db, c.id)).supervision_level).toBe(0);
  });

  it('leaves jobs of a moved or dropped deadline stale, without effects', async () => {
    const w = await makeCaseWorld(t, { responseMinutes: 60, resolutionMinutes: 600 });

    // Returned (退单): the deadline is gone.
    const returned = await w.openCase();
    const due1 = (await caseRow(t.ctx.db, returned.id)).due_at!;
    await w.post('grid', `/api/cases/${returned.id}/return`, { reason: '属于物业职责' });
    await run(after(due1, minutes(1)));
    expect((await jobsOf(t.ctx.db, returned.id)).map((j) => [j.kind, j.outcome])).toEqual([
      ['response_reminder', 'stale'],
      ['response_overdue', 'stale'],
      ['reminder', 'stale'],
      ['overdue', 'stale'],
    ]);
    expect((await supervisionTrail(t.ctx.db, returned.id)).supervision).toEqual([]);
    expect(await caseRow(t.ctx.db, returned.id)).toMatchObject({ overdue: false, status: 'accepted' });
    expect(await overdueCounts(w.street.street.id)).toEqual([]);

    // Re-dispatched: only the new deadline counts.
    const moved = await w.openCase();
    const oldDue = (await caseRow(t.ctx.db, moved.id)).due_at!;
    await w.post('grid', `/api/cases/${moved.id}/return`, { reason: '需重新派单' });
    await new Promise((r) => setTimeout(r, 5));
    await w.dispatch(moved.id);
    const newRow = await caseRow(t.ctx.db, moved.id);
    const newDue = newRow.due_at!;
    expect(newDue.getTime()).toBeGreaterThan(oldDue.getTime());

    await run(after(newDue, minutes(1)));
    const jobs = await jobsOf(t.ctx.db, moved.id);
    const byDue = (d: Date) => jobs.filter((j) => j.due_at.getTime() === d.getTime() && j.kind !== 'escalate').map((j) => [j.kind, j.outcome]);
    expect(byDue(oldDue)).toEqual([
      ['reminder', 'stale'],
      ['overdue', 'stale'],
    ]);
    expect(byDue(newDue)).toEqual([
      ['reminder', 'superseded'],
      ['overdue', 'overdue'],
    ]);
    expect((await supervisionTrail(t.ctx.db, moved.id)).supervision.map((s) => s.kind)).toEqual(['overdue']);
    expect((await overdueCounts(w.street.street.id)).map((r) => r.overdue)).toEqual([1, 1, 1]);
  });

  it('lets community staff supervise by hand (POST /api/cases/:id/supervise)', async () => {
    const w = await makeCaseWorld(t);
    const c = await w.openCase();
    const url = `/api/cases/${c.id}/supervise`;
    expect((await t.app.inject({ method: 'POST', url, payload: { note: '请尽快处理' } })).statusCode).toBe(401);
    const asGrid = await t.app.inject({ method: 'POST', url, headers: bearer(w.tokens.grid), payload: { note: '请尽快处理' } });
    expect(asGrid.statusCode).toBe(403);
    const empty = await t.app.inject({ method: 'POST', url, headers: bearer(w.tokens.staff), payload: { note: '  ' } });
    expect(empty.statusCode).toBe(400);

    const res = await t.app.inject({ method: 'POST', url, headers: bearer(w.tokens.staff), payload: { note: '居民反映强烈，请今天处理' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().case.status).toBe('dispatched');
    const trail = await supervisionTrail(t.ctx.db, c.id);
    expect(trail.supervision).toEqual([{ kind: 'manual', level: 0, org_node_id: w.street.communityA.id, by_user_id: w.users.staff.id }]);
    expect(trail.events).toEqual([{ action: 'supervise', internal: true, actor_name: expect.any(String) }]);
    expect(trail.audit.map((a) => [a.action, a.actor_id])).toEqual([['case.supervise', w.users.staff.id]]);
    expect((await noticesOf(t.ctx.db, c.id, 'case.supervised')).map((n) => n.user_id)).toEqual([w.users.grid.id]);

    // A case not yet dispatched: the owning community is told.
    const waiting = await w.submit();
    const byAdmin = await t.app.inject({ method: 'POST', url: `/api/cases/${waiting.id}/supervise`, headers: bearer(w.tokens.admin), payload: { note: '请及时受理' } });
    expect(byAdmin.statusCode).toBe(200);
    expect((await noticesOf(t.ctx.db, waiting.id, 'case.supervised')).map((n) => n.user_id)).toEqual([w.users.staff.id]);
    expect((await supervisionTrail(t.ctx.db, waiting.id)).supervision[0]).toMatchObject({ kind: 'manual', org_node_id: w.street.street.id });
  });

  it('retries a job whose processing fails, without losing it', async () => {
    const w = await makeCaseWorld(t);
    const c = await w.openCase();
    const now = after((await caseRow(t.ctx.db, c.id)).dispatched_at!, minutes(481));
    // A fault in the middle of the job (after the case is locked and the rows are being written).
    await sql
      .raw(
        `create function gz_test_fail() returns trigger language plpgsql as $$ begin
           if new.case_id = ${c.id} then raise exception 'supervision store unavailable'; end if; return new; end $$;
         create trigger gz_test_fail before insert on case_supervision for each row execute function gz_test_fail();`,
      )
      .execute(t.ctx.db);
    try {
      const counts = await run(now);
      expect(counts.failed).toBe(1);
    } finally {
      await sql.raw('drop trigger gz_test_fail on case_supervision; drop function gz_test_fail();').execute(t.ctx.db);
    }
    const failed = (await jobsOf(t.ctx.db, c.id)).find((j) => j.kind === 'reminder')!;
    expect(failed).toMatchObject({ attempts: 1, done_at: null, outcome: null });
    expect(failed.run_at.getTime()).toBe(now.getTime() + minutes(1));
    expect(await supervisionTrail(t.ctx.db, c.id)).toEqual({ supervision: [], events: [], audit: [] });
    expect(await noticesOf(t.ctx.db, c.id, 'case.reminder')).toEqual([]);

    // Not before its retry time; then it goes through.
    await run(after(now, minutes(0.5)));
    expect((await jobsOf(t.ctx.db, c.id)).find((j) => j.kind === 'reminder')!.outcome).toBeNull();
    await run(after(now, minutes(1)));
    expect((await jobsOf(t.ctx.db, c.id)).find((j) => j.kind === 'reminder')!).toMatchObject({ outcome: 'reminded', attempts: 1 });
    expect(await noticesOf(t.ctx.db, c.id, 'case.reminder')).toHaveLength(1);
  });
});
