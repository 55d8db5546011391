import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { ErrorResponse, IdParams } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/identity/auth-plugin.js';
import { presentOne } from '../routes.js';
import { CaseView } from '../schema.js';
import { SuperviseBody } from './schema.js';
import { superviseCase } from './supervise-case.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** Supervision (督办) by hand; the time-driven supervision runs in run-scheduler.ts. */
export async function supervisionRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/cases/:id/supervise',
    {
      schema: {
        tags: ['cases'],
        summary: 'Supervise (督办) an open case: a note to the unit that must act, kept in the supervision record',
        params: IdParams,
        body: SuperviseBody,
        response: { 200: z.object({ case: CaseView }), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await superviseCase(ctx.db, { actor, requestId: request.id, caseId: request.params.id, note: request.body.note });
      return { case: await presentOne(ctx.db, actor, row) };
    },
  );
}
