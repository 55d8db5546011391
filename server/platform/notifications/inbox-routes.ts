import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { ErrorResponse, IdParams } from '../http/schemas.js';
import { requireActor } from '../identity/auth-plugin.js';
import { listInbox, markAllRead, markRead } from './inbox-repository.js';
import { InboxPage, InboxQuery, NotificationView, presentNotification } from './inbox-schema.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse };

/** The in-app inbox: every signed-in user (staff or resident) reads only their own notices. */
export async function inboxRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/notifications',
    { schema: { tags: ['notifications'], summary: 'My notices, newest first, with the number unread', querystring: InboxQuery, response: { 200: InboxPage, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const { page, pageSize, unread } = request.query;
      const result = await listInbox(ctx.db, { userId: actor.userId, unreadOnly: unread ?? false, page, pageSize });
      return { items: result.items.map(presentNotification), total: result.total, unread: result.unread, page, pageSize };
    },
  );

  app.post(
    '/api/notifications/:id/read',
    { schema: { tags: ['notifications'], summary: 'Mark one of my notices read', params: IdParams, response: { 200: z.object({ notification: NotificationView }), ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const row = await markRead(ctx.db, { userId: actor.userId, id: request.params.id, at: new Date() });
      // Someone else's notice does not exist for this user.
      if (!row) throw new AppError('NOTIFICATION_NOT_FOUND', { id: request.params.id });
      return { notification: presentNotification(row) };
    },
  );

  app.post(
    '/api/notifications/read-all',
    { schema: { tags: ['notifications'], summary: 'Mark all my notices read', response: { 200: z.object({ updated: z.number() }), ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      return { updated: await markAllRead(ctx.db, { userId: actor.userId, at: new Date() }) };
    },
  );
}
