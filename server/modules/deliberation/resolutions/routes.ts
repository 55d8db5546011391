import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { ErrorResponse, IdParams } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/identity/auth-plugin.js';
import { communityScope } from '../shared.js';
import { addTask } from './add-task.js';
import { adoptResolution } from './adopt-resolution.js';
import { reportProgress } from './report-progress.js';
import { resolutionDetail } from './repository.js';
import { ProgressBody, ProgressResult, ResolutionBody, ResolutionDetail, TaskBody, TaskStatus } from './schema.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const caller = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });
const tags = ['deliberation'];

/** Resolutions and carrying them out: tasks, progress notes with evidence, done. */
export async function resolutionRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  app.post(
    '/api/deliberation/meetings/:id/resolutions',
    {
      schema: {
        tags,
        summary: 'Record a resolution of the meeting, with its owner and due date',
        params: IdParams,
        body: ResolutionBody,
        response: { 201: z.object({ id: z.number(), status: z.enum(['open', 'done']) }), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await adoptResolution(db, { ...caller(request), meetingId: request.params.id, ...request.body })),
  );

  app.get(
    '/api/deliberation/resolutions/:id',
    { schema: { tags, summary: 'A resolution with its tasks and progress notes', params: IdParams, response: { 200: ResolutionDetail, ...errors } } },
    async (request) => resolutionDetail(db, communityScope(requireActor(request), 'deliberation.read'), request.params.id),
  );

  app.post(
    '/api/deliberation/resolutions/:id/tasks',
    {
      schema: {
        tags,
        summary: 'Add a task to carry the resolution out',
        params: IdParams,
        body: TaskBody,
        response: { 201: z.object({ id: z.number(), status: TaskStatus }), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await addTask(db, { ...caller(request), resolutionId: request.params.id, ...request.body })),
  );

  app.post(
    '/api/deliberation/tasks/:id/progress',
    {
      schema: {
        tags,
        summary: 'Report progress on a task with evidence; the last task done completes the resolution',
        params: IdParams,
        body: ProgressBody,
        response: { 200: ProgressResult, ...errors },
      },
    },
    async (request) => reportProgress(db, { ...caller(request), taskId: request.params.id, ...request.body }),
  );
}
