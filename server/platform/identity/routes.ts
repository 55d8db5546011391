import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../audit/audit.js';
import { auditActor, type AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { permissionsOf, type Actor } from '../permissions/scope.js';
import { ErrorResponse } from '../http/schemas.js';
import { clearSessionCookie, requireActor, setSessionCookie } from './auth-plugin.js';
import { changePassword } from './change-password.js';
import { revokeSession, findActorByToken } from './session-repository.js';
import { signIn } from './sign-in.js';
import { PASSWORD_RULE } from './passwords.js';

const RoleView = z.object({
  role: z.string(),
  orgNodeId: z.number(),
  orgNodeName: z.string(),
  orgNodeKind: z.string(),
});
export const UserView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleView),
  permissions: z.array(z.string()),
});

async function presentUser(ctx: AppContext, actor: Actor): Promise<z.infer<typeof UserView>> {
  const ids = actor.roles.map((r) => r.orgNodeId);
  const nodes = ids.length
    ? await ctx.db.selectFrom('org_node').select(['id', 'name', 'kind']).where('id', 'in', ids).execute()
    : [];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles.map((r) => ({
      role: r.role,
      orgNodeId: r.orgNodeId,
      orgNodeName: byId.get(r.orgNodeId)?.name ?? '',
      orgNodeKind: byId.get(r.orgNodeId)?.kind ?? '',
    })),
    permissions: permissionsOf(actor),
  };
}

export async function identityRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: ctx.config.LOGIN_RATE_PER_MINUTE, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password',
        body: z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(PASSWORD_RULE.max) }),
        response: { 200: z.object({ token: z.string(), user: UserView }), 401: ErrorResponse, 423: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { token } = await signIn(ctx, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: request.id,
      });
      const actor = (await findActorByToken(ctx.db, token))!;
      setSessionCookie(reply, ctx, token);
      return { token, user: await presentUser(ctx, actor) };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out: revokes this session', response: { 204: z.null(), 401: ErrorResponse } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await inTransaction(ctx.db, async (tx) => {
        await revokeSession(tx, actor.sessionId);
        await appendAudit(tx, {
          actor: auditActor({ actor, requestId: request.id }),
          action: 'auth.logout',
          targetType: 'session',
          targetId: actor.sessionId,
          requestId: request.id,
        });
      });
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user, roles and permissions', response: { 200: z.object({ user: UserView }), 401: ErrorResponse } } },
    async (request) => ({ user: await presentUser(ctx, requireActor(request)) }),
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change my password (signs out my other sessions)',
        body: z.strictObject({ currentPassword: z.string().min(1).max(PASSWORD_RULE.max), newPassword: z.string().max(PASSWORD_RULE.max) }),
        response: { 204: z.null(), 400: ErrorResponse, 401: ErrorResponse },
      },
    },
    async (request, reply) => {
      await changePassword(ctx, { actor: requireActor(request), requestId: request.id, ...request.body });
      return reply.status(204).send(null);
    },
  );
}
