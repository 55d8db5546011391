import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { ErrorResponse, PageQuery, paged } from '../http/schemas.js';
import { requireActor } from '../identity/auth-plugin.js';
import { inScope, scopeFor } from '../permissions/scope.js';
import { verifyAuditChain } from './verify-audit.js';

const AuditRow = z.object({
  id: z.number(),
  chain: z.number(),
  lane: z.number(),
  seq: z.number(),
  at: z.date(),
  actorName: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  hash: z.string(),
});

export async function auditRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chains of the audit log and name the first broken row',
        response: {
          200: z.object({
            ok: z.boolean(),
            rowsChecked: z.number(),
            chains: z.number(),
            firstBroken: z.object({ id: z.number(), chain: z.number(), lane: z.number(), seq: z.number(), reason: z.string() }).nullable(),
          }),
          401: ErrorResponse,
          403: ErrorResponse,
        },
      },
    },
    async (request) => {
      // Each street's chain is verified by those who may read that street's audit; the platform
      // chain (0: sign-ins and the like) only by someone holding the role at a district.
      const scope = scopeFor(requireActor(request), 'audit.read');
      const streets = await ctx.db.selectFrom('org_node').select('id').where('kind', '=', 'street').where(inScope('path', scope)).execute();
      const platform = scope.paths.some((p) => p.split('/').filter(Boolean).length === 1);
      return verifyAuditChain(ctx.db, { chains: [...(platform ? [0] : []), ...streets.map((s) => s.id)] });
    },
  );

  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit rows of the streets in my scope, newest first',
        querystring: z.strictObject({
          targetType: z.string().max(40).optional(),
          targetId: z.string().max(40).optional(),
          action: z.string().max(60).optional(),
          ...PageQuery,
        }),
        response: { 200: paged(AuditRow), 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      const scope = scopeFor(requireActor(request), 'audit.read');
      const q = request.query;
      // A row's chain is its street; the street's node path says whether it lies in scope.
      let query = ctx.db
        .selectFrom('audit_log as a')
        .innerJoin('org_node as s', 's.id', 'a.chain')
        .where(inScope('s.path', scope));
      if (q.targetType) query = query.where('a.target_type', '=', q.targetType);
      if (q.targetId) query = query.where('a.target_id', '=', q.targetId);
      if (q.action) query = query.where('a.action', '=', q.action);
      const [rows, count] = await Promise.all([
        query
          .select([
            'a.id',
            'a.chain',
            'a.lane',
            'a.seq',
            'a.at',
            'a.actor_name as actorName',
            'a.action',
            'a.target_type as targetType',
            'a.target_id as targetId',
            'a.summary',
            'a.request_id as requestId',
            'a.hash',
          ])
          .orderBy('a.id', 'desc')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map((r) => ({ ...r, summary: r.summary as Record<string, unknown> })), total: count.n, page: q.page, pageSize: q.pageSize };
    },
  );
}
