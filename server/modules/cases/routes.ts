import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { ErrorResponse, IdParams, paged } from '../../platform/http/schemas.js';
import { requireActor } from '../../platform/identity/auth-plugin.js';
import type { Actor } from '../../platform/permissions/scope.js';
import { acceptCase } from './accept-case.js';
import { closeCase, closeUnresolved, mergeCase, withdrawCase } from './close-case.js';
import { dispatchCase } from './dispatch-case.js';
import { addCaseNote, replyToCase, returnCase, takeCase } from './handle-case.js';
import { duplicateCandidates, listCases } from './list-cases.js';
import { allowedActions, loadCaseRefs, presentCase } from './presenter.js';
import { rateCase, reopenCase } from './rate-case.js';
import { caseTimeline, getVisibleCase, type CaseRow } from './repository.js';
import {
  BulkDispatchBody,
  CaseDetail,
  CaseListQuery,
  CaseView,
  DispatchBody,
  MergeBody,
  NoteBody,
  OptionalNoteBody,
  RateBody,
  ReasonBody,
  ReplyBody,
  SubmitCaseBody,
  WithdrawBody,
} from './schema.js';
import type { IntakeQueue } from './intake-queue.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

export async function presentOne(db: Executor, actor: Actor, row: CaseRow) {
  return presentCase(row, await loadCaseRefs(db, [row]), actor);
}

/** Sends a stored idempotent answer as it was first sent. */
export function sendStored(reply: FastifyReply, stored: { status: number; body: unknown; replayed: boolean }) {
  if (stored.replayed) return reply.status(stored.status).header('idempotent-replayed', 'true').type('application/json').send(JSON.stringify(stored.body));
  return reply.status(stored.status).send(stored.body);
}

export function idempotencyKey(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' && key.length > 0 ? key : undefined;
}

export async function caseRoutes(fastify: FastifyInstance, ctx: AppContext, intake: IntakeQueue): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, cipher } = ctx;

  app.post(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Raise a case (resident) or enter one on a resident’s behalf (staff); honours Idempotency-Key',
        body: SubmitCaseBody,
        response: { 201: z.object({ case: CaseView }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const stored = await intake.submit({
        idempotency: { principal: `user:${actor.userId}`, key: idempotencyKey(request), request: request.body },
        submit: { actor, requestId: request.id, ...request.body },
        answer: (row, refs) => ({ status: 201, body: { case: presentCase(row, refs, actor) } }),
      });
      return sendStored(reply, stored);
    },
  );

  app.get(
    '/api/cases',
    { schema: { tags: ['cases'], summary: 'My queue and case search: overdue first, then nearest due', querystring: CaseListQuery, response: { 200: paged(CaseView), ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const { rows, total } = await listCases(db, actor, request.query);
      const refs = await loadCaseRefs(db, rows);
      return { items: rows.map((r) => presentCase(r, refs, actor)), total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  app.get(
    '/api/cases/:id',
    { schema: { tags: ['cases'], summary: 'A case, its timeline and the actions I may take', params: IdParams, response: { 200: CaseDetail, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const row = await getVisibleCase(db, actor, request.params.id);
      const staff = actor.roles.some((r) => r.role !== 'resident');
      return { case: await presentOne(db, actor, row), timeline: await caseTimeline(db, row.id, staff), allowedActions: allowedActions(actor, row) };
    },
  );

  app.get(
    '/api/cases/:id/duplicates',
    {
      schema: {
        tags: ['cases'],
        summary: 'Candidate duplicates to merge: same grid and category, recent, similar text',
        params: IdParams,
        response: { 200: z.object({ items: z.array(z.object({ id: z.number(), publicId: z.string(), status: z.string(), description: z.string(), receivedAt: z.date(), similarity: z.number() })) }), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await getVisibleCase(db, actor, request.params.id);
      return { items: await duplicateCandidates(db, actor, row) };
    },
  );

  // One route per transition: parse → use case (which authorises and guards) → present.
  const transition = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (caller: { actor: Actor; requestId: string; caseId: number }, body: z.infer<B>) => Promise<CaseRow>,
  ) =>
    app.post(
      `/api/cases/:id/${path}`,
      { schema: { tags: ['cases'], summary, params: IdParams, body, response: { 200: z.object({ case: CaseView }), ...errors } } },
      async (request) => {
        const actor = requireActor(request);
        const row = await run({ actor, requestId: request.id, caseId: request.params.id }, request.body as z.infer<B>);
        return { case: await presentOne(db, actor, row) };
      },
    );

  transition('accept', 'Accept (受理): the response to the resident', OptionalNoteBody, (c, b) => acceptCase(db, { ...c, note: b.note ?? null }));
  transition('dispatch', 'Dispatch (派单) to a unit; by default the unit the category names for this area', DispatchBody, (c, b) =>
    dispatchCase(db, { ...c, note: b.note ?? null, ...(b.handlerKind ? { handler: { kind: b.handlerKind, nodeId: b.handlerNodeId ?? null, orgId: b.handlerOrgId ?? null } } : {}) }),
  );
  transition('take', 'Take (接单) a case dispatched to my unit', OptionalNoteBody, (c, b) => takeCase(db, { ...c, note: b.note ?? null }));
  transition('return', 'Return (退单) to the owning unit, with a reason', ReasonBody, (c, b) => returnCase(db, { ...c, reason: b.reason }));
  transition('notes', 'Add a progress note (internal by default)', NoteBody, (c, b) => addCaseNote(db, { ...c, note: b.note, internal: b.internal }));
  transition('reply', 'Reply (反馈) to the resident', ReplyBody, (c, b) => replyToCase(db, { ...c, reply: b.reply }));
  transition('rate', 'Rate (评价): resolved? satisfied? Dissatisfied reopens (重办)', RateBody, (c, b) => rateCase(db, { ...c, ...b, comment: b.comment ?? null }));
  transition('reopen', 'Reopen (重办) a replied or closed case', ReasonBody, (c, b) => reopenCase(db, { ...c, reason: b.reason }));
  transition('close', 'Close a replied case the resident did not rate', ReasonBody, (c, b) => closeCase(db, { ...c, reason: b.reason }));
  transition('close-unresolved', 'Close honestly without a fix, with the reason', ReasonBody, (c, b) => closeUnresolved(db, { ...c, reason: b.reason }));
  transition('merge', 'Merge into another case as its duplicate', MergeBody, (c, b) => mergeCase(db, { ...c, intoCaseId: b.intoCaseId }));
  transition('withdraw', 'Withdraw my own case', WithdrawBody, (c, b) => withdrawCase(db, { ...c, reason: b.reason ?? null }));

  app.post(
    '/api/cases/bulk-dispatch',
    {
      schema: {
        tags: ['cases'],
        summary: 'Dispatch several accepted cases, each to the unit its category names; reports each result',
        body: BulkDispatchBody,
        response: { 200: z.object({ results: z.array(z.object({ caseId: z.number(), ok: z.boolean(), code: z.string().optional() })) }), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const results = [];
      for (const caseId of request.body.caseIds) {
        try {
          await dispatchCase(db, { actor, requestId: request.id, caseId, note: request.body.note ?? null });
          results.push({ caseId, ok: true });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          results.push({ caseId, ok: false, code: err.code });
        }
      }
      return { results };
    },
  );
}
