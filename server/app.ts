import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { analysisRoutes } from './modules/analysis/routes.js';
import { attachmentRoutes } from './modules/cases/attachments/routes.js';
import { categoryRoutes } from './modules/cases/categories/routes.js';
import { hotlineImportRoutes } from './modules/cases/hotline-import/routes.js';
import { caseRoutes } from './modules/cases/routes.js';
import { supervisionRoutes } from './modules/cases/scheduler/routes.js';
import { rateRoutes } from './modules/cases/rates/routes.js';
import { whistleRoutes } from './modules/cases/whistle/routes.js';
import { deliberationRoutes } from './modules/deliberation/routes.js';
import { householdRoutes } from './modules/org/households/routes.js';
import { exchangeRoutes } from './modules/org/exchange/routes.js';
import { open311Routes } from './modules/open311/routes.js';
import { orgRoutes } from './modules/org/routes.js';
import type { AppContext } from './platform/context.js';
import { ping } from './platform/db/database.js';
import { rollupBacklog } from './modules/cases/rollups/fold-rollups.js';
import { registerErrorHandler } from './platform/http/error-handler.js';
import { auditRoutes } from './platform/audit/routes.js';
import { registerAuthentication } from './platform/identity/auth-plugin.js';
import { identityRoutes } from './platform/identity/routes.js';
import { inboxRoutes } from './platform/notifications/inbox-routes.js';
import { AppError } from './platform/errors.js';
import { createIntakeQueue } from './modules/cases/intake-queue.js';

/** Text PostgreSQL cannot store as given: NUL, or a lone UTF-16 surrogate (ill-formed Unicode). */
function containsUnstorableText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || !value.isWellFormed();
  if (depth > 32 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return false;
  if (Array.isArray(value)) return value.some((v) => containsUnstorableText(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsUnstorableText(v, depth + 1));
}

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');
const VERSION = '0.1.0';

/** The whole HTTP surface of the monolith: platform plugins, every module's routes, the web app. */
export async function buildApp(ctx: AppContext, options: { serveWeb?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as unknown as FastifyBaseLogger,
    bodyLimit: ctx.config.BODY_LIMIT_BYTES,
    trustProxy: ctx.config.TRUST_PROXY,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
    // One log line a request, when it is answered (below), not Fastify's two (incoming, completed).
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  // PostgreSQL cannot store U+0000 or lone surrogates; refuse them at the door rather than fail later with a 5xx.
  app.addHook('preValidation', async (request) => {
    if (containsUnstorableText(request.body) || containsUnstorableText(request.query) || containsUnstorableText(request.params)) {
      throw new AppError('VALIDATION_FAILED', [{ path: 'body', message: 'text must be well-formed Unicode without NUL characters' }]);
    }
  });
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ req: { method: request.method, url: request.url, remoteAddress: request.ip }, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime }, 'request completed');
  });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: ctx.config.UPLOAD_LIMIT_BYTES, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Gongzhi (共治) API', version: VERSION, description: 'Party-building-led urban community governance' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerAuthentication(app, ctx);

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await ping(ctx.db);
      // Readers stay exact with any backlog, only slower; a growing one means no process folds it.
      const warnAt = ctx.config.ROLLUP_BACKLOG_WARN_ROWS;
      const backlog = await rollupBacklog(ctx.db, warnAt);
      const warnings = backlog.atLeast ? [`rollup_backlog: ${warnAt}+ roll-up changes wait to be folded; is ROLLUP_FOLD_INTERVAL_MS 0 in every process?`] : [];
      return { status: 'ok', database: ctx.dbKind, rollupBacklog: backlog.pending, warnings };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: ctx.dbKind });
    }
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/api/meta',
    {
      schema: {
        tags: ['platform'],
        summary: 'Name, version and mode of this deployment',
        response: { 200: z.object({ name: z.string(), version: z.string(), demo: z.boolean(), database: z.string(), tileUrl: z.string().nullable() }) },
      },
    },
    async () => {
      const demo = await ctx.db.selectFrom('setting').select('key').where('key', '=', 'demo').executeTakeFirst();
      return { name: 'Gongzhi', version: VERSION, demo: demo !== undefined, database: ctx.dbKind, tileUrl: ctx.config.MAP_TILE_URL || null };
    },
  );

  // One intake queue for every route that takes cases in, so their demands share group commits.
  const intake = createIntakeQueue(ctx.db, ctx.cipher);
  await app.register(async (scoped) => {
    await identityRoutes(scoped, ctx);
    await orgRoutes(scoped, ctx);
    await householdRoutes(scoped, ctx);
    await exchangeRoutes(scoped, ctx);
    await deliberationRoutes(scoped, ctx);
    await auditRoutes(scoped, ctx);
    await categoryRoutes(scoped, ctx);
    await caseRoutes(scoped, ctx, intake);
    await hotlineImportRoutes(scoped, ctx);
    await supervisionRoutes(scoped, ctx);
    await inboxRoutes(scoped, ctx);
    await whistleRoutes(scoped, ctx);
    await rateRoutes(scoped, ctx);
    await analysisRoutes(scoped, ctx);
    await attachmentRoutes(scoped, ctx);
    await open311Routes(scoped, ctx, intake);
  });

  const serveWeb = options.serveWeb ?? true;
  if (serveWeb && fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes get the app; a missing asset or API path is a real 404.
    const pathname = request.url.split('?')[0]!;
    const isPage =
      request.method === 'GET' &&
      !pathname.startsWith('/api/') &&
      !pathname.startsWith('/open311/') &&
      !pathname.startsWith('/assets/') &&
      !/\.[a-z0-9]{1,8}$/i.test(pathname);
    if (isPage && serveWeb && fs.existsSync(path.join(WEB_DIST, 'index.html'))) return reply.sendFile('index.html');
    throw new AppError('NOT_FOUND', { method: request.method, url: request.url.split('?')[0] });
  });
  return app;
}
