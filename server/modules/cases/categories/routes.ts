import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { ErrorResponse, IdParams } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/identity/auth-plugin.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { resolveHandler } from '../handler-resolution.js';
import { locateCase } from '../locate.js';
import { HandlerKind, Priority } from '../schema.js';
import { createCategory, saveTimeLimit, updateCategory } from './save-category.js';
import { CategoryView, CreateCategoryBody, SuggestBody, TimeLimitRule, UpdateCategoryBody } from './schema.js';
import { getSuggester } from './suggester.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

type CategoryRow = {
  id: number;
  parent_id: number | null;
  code: string;
  name_zh: string;
  name_en: string;
  handler_kind: z.infer<typeof HandlerKind> | null;
  department: string | null;
  priority: z.infer<typeof Priority>;
  response_minutes: number | null;
  resolution_minutes: number | null;
  keywords: string[];
  active: boolean;
};

function present(r: CategoryRow): z.infer<typeof CategoryView> {
  return {
    id: r.id,
    parentId: r.parent_id,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    handlerKind: r.handler_kind,
    department: r.department,
    priority: r.priority,
    responseMinutes: r.response_minutes,
    resolutionMinutes: r.resolution_minutes,
    keywords: r.keywords,
    active: r.active,
  };
}

export async function categoryRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  app.get(
    '/api/case-categories',
    {
      schema: {
        tags: ['cases'],
        summary: 'The category catalogue (事项清单), parents and leaves; inactive ones only with ?all=true',
        querystring: z.strictObject({ all: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ items: z.array(CategoryView) }), 401: ErrorResponse },
      },
    },
    async (request) => {
      requireActor(request);
      let query = db.selectFrom('case_category').selectAll();
      if (request.query.all !== 'true') query = query.where('active', '=', true);
      return { items: (await query.orderBy('sort_order').orderBy('id').execute()).map(present) };
    },
  );

  app.post(
    '/api/case-categories',
    { schema: { tags: ['cases'], summary: 'Add a category', body: CreateCategoryBody, response: { 201: CategoryView, ...errors } } },
    async (request, reply) => reply.status(201).send(present(await createCategory(db, { actor: requireActor(request), requestId: request.id, ...request.body }))),
  );

  app.patch(
    '/api/case-categories/:id',
    { schema: { tags: ['cases'], summary: 'Edit a category: names, handler, priority, limits, keywords, active', params: IdParams, body: UpdateCategoryBody, response: { 200: CategoryView, ...errors } } },
    async (request) => present(await updateCategory(db, { actor: requireActor(request), requestId: request.id, id: request.params.id, ...request.body })),
  );

  app.get(
    '/api/case-time-limits',
    {
      schema: {
        tags: ['cases'],
        summary: 'Time-limit rules per category and priority (they override a category’s own limits)',
        response: { 200: z.object({ items: z.array(TimeLimitRule.extend({ id: z.number() })) }), 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      scopeFor(requireActor(request), 'category.manage');
      const rows = await db.selectFrom('case_time_limit').selectAll().orderBy('id').execute();
      return { items: rows.map((r) => ({ id: r.id, categoryId: r.category_id, priority: r.priority, responseMinutes: r.response_minutes, resolutionMinutes: r.resolution_minutes })) };
    },
  );

  app.put(
    '/api/case-time-limits',
    { schema: { tags: ['cases'], summary: 'Set the limits for a category (or all) at a priority', body: TimeLimitRule, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await saveTimeLimit(db, { actor: requireActor(request), requestId: request.id, ...request.body });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/cases/suggest',
    {
      schema: {
        tags: ['cases'],
        summary: 'Suggest categories (with confidence) and the handling unit for a demand’s text',
        body: SuggestBody,
        response: {
          200: z.object({
            suggestions: z.array(
              z.object({
                categoryId: z.number(),
                code: z.string(),
                nameZh: z.string(),
                nameEn: z.string(),
                confidence: z.number(),
                via: z.enum(['keywords', 'model', 'both']),
                handler: z.object({ kind: HandlerKind.nullable(), name: z.string().nullable() }),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      requireActor(request);
      const { text, k, ...place } = request.body;
      const suggestions = (await getSuggester(db)).suggest(text, k);
      const rows = suggestions.length
        ? await db.selectFrom('case_category').selectAll().where('code', 'in', suggestions.map((s) => s.code)).execute()
        : [];
      const byCode = new Map(rows.map((r) => [r.code, r]));
      const location = place.buildingId || place.householdId || place.lat !== undefined ? await locateCase(db, place).catch(() => null) : null;
      const out = [];
      for (const s of suggestions) {
        const c = byCode.get(s.code);
        if (!c) continue;
        let name: string | null = null;
        if (location) {
          const unit = await resolveHandler(db, { category_id: c.id, grid_id: location.gridId, community_id: location.communityId, building_id: location.buildingId, street_id: location.streetId }).catch(() => null);
          if (unit?.orgId) name = (await db.selectFrom('organisation').select('name').where('id', '=', unit.orgId).executeTakeFirst())?.name ?? null;
          else if (unit?.nodeId) name = (await db.selectFrom('org_node').select('name').where('id', '=', unit.nodeId).executeTakeFirst())?.name ?? null;
        }
        out.push({ categoryId: c.id, code: c.code, nameZh: c.name_zh, nameEn: c.name_en, confidence: s.confidence, via: s.via, handler: { kind: c.handler_kind, name } });
      }
      return { suggestions: out };
    },
  );
}
