import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { BatchQueue } from '../db/batch-queue.js';
import { AppError } from '../errors.js';
import type { Actor } from '../permissions/scope.js';
import { findActorsByTokens } from './session-repository.js';

export const SESSION_COOKIE = 'gz_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

function tokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return request.cookies[SESSION_COOKIE] ?? null;
}

/** The only /api paths that answer without signing in. */
const PUBLIC_API = ['/api/auth/login', '/api/meta', '/api/openapi.json', '/api/docs', '/api/public/'];

/**
 * Resolves the actor of every /api request from a bearer token or the session cookie, and
 * refuses an unauthenticated request before its input is even looked at, so a stranger learns
 * nothing about an endpoint's schema from its validation errors.
 */
export function registerAuthentication(app: FastifyInstance, ctx: AppContext): void {
  // Requests arriving together look their sessions up in one query (see BatchQueue).
  const sessions = new BatchQueue<string, Actor | null>(
    async (tokens) => (await findActorsByTokens(ctx.db, tokens)).map((value) => ({ value })),
    { maxBatch: 64, maxInFlight: 2 },
  );
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0]!;
    if (!path.startsWith('/api/')) return;
    const token = tokenOf(request);
    if (token) request.actor = await sessions.submit(token);
    if (request.actor) request.log = request.log.child({ user: request.actor.username });
    else if (!PUBLIC_API.some((p) => path === p || (p.endsWith('/') ? path.startsWith(p) : path.startsWith(`${p}/`)))) {
      throw new AppError('UNAUTHENTICATED');
    }
  });
}

/** The signed-in actor, or 401. Every protected handler starts with this. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}

export function setSessionCookie(reply: FastifyReply, ctx: AppContext, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.COOKIE_SECURE,
    path: '/',
    maxAge: Math.round(ctx.config.SESSION_TTL_HOURS * 3600),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
