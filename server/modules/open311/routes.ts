import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError, errorMessage } from '../../platform/errors.js';
import { withIdempotency } from '../../platform/http/idempotency.js';
import { requestLanguage } from '../../platform/http/language.js';
import { idempotencyKey } from '../cases/routes.js';
import { submitCase } from '../cases/submit-case.js';
import { findApiClient } from './api-keys.js';
import { presentServiceRequest } from './presenter.js';
import { findServiceRequests, serviceRequestRefs } from './repository.js';
import { objectToXml, toXml } from './xml.js';

const Format = z.enum(['json', 'xml']);
const Open311Error = z.array(z.object({ code: z.number(), description: z.string() }));
const Nullable = z.string().nullable();
const ServiceRequest = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: Nullable,
  service_name: Nullable,
  service_code: Nullable,
  description: z.string(),
  agency_responsible: Nullable,
  service_notice: Nullable,
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: Nullable,
  address: Nullable,
  address_id: Nullable,
  zipcode: Nullable,
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: Nullable,
});
const Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.literal('realtime'),
  keywords: z.string(),
  group: z.string(),
});
const CsvList = z.string().max(2000).transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean));
const OptionalText = (max: number) => z.string().trim().max(max).optional();

const PostRequestBody = z
  .object({
    api_key: z.string().max(200).optional(),
    jurisdiction_id: OptionalText(100),
    service_code: z.string().trim().min(1).max(80),
    lat: z.coerce.number().min(-90).max(90).optional(),
    long: z.coerce.number().min(-180).max(180).optional(),
    address_string: OptionalText(300),
    address_id: OptionalText(80),
    email: OptionalText(200),
    device_id: OptionalText(200),
    account_id: OptionalText(200),
    first_name: OptionalText(50),
    last_name: OptionalText(50),
    phone: OptionalText(30),
    description: z.string().trim().min(1).max(4000),
    media_url: OptionalText(1000),
  })
  .catchall(z.string().max(1000))
  .superRefine((body, ctx) => {
    for (const key of Object.keys(body)) {
      if (!(key in PostRequestBody_known) && !/^attribute\[[\w.-]{1,80}\]$/.test(key)) ctx.addIssue({ code: 'custom', message: `unknown field ${key}`, path: [key] });
    }
    if ((body.lat === undefined) !== (body.long === undefined)) ctx.addIssue({ code: 'custom', message: 'lat and long go together', path: ['lat'] });
    if (body.lat === undefined && !body.address_id) ctx.addIssue({ code: 'custom', message: 'a location is required: lat and long, or address_id', path: ['lat'] });
  });
const PostRequestBody_known = Object.fromEntries(
  ['api_key', 'jurisdiction_id', 'service_code', 'lat', 'long', 'address_string', 'address_id', 'email', 'device_id', 'account_id', 'first_name', 'last_name', 'phone', 'description', 'media_url'].map((k) => [k, true]),
);

function send(reply: FastifyReply, format: 'json' | 'xml', root: string, item: string, items: Record<string, unknown>[], status = 200) {
  if (format === 'xml') return reply.status(status).type('text/xml; charset=utf-8').send(toXml(root, item, items));
  return reply.status(status).send(items);
}

/**
 * Open311 GeoReport v2 under /open311/v2/: discovery, services, service definitions, requests
 * (POST with an api_key, GET public and without personal data), in JSON and XML. Errors take the
 * GeoReport shape `[{code, description}]`.
 */
export async function open311Routes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  await fastify.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: ctx.config.BODY_LIMIT_BYTES });
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const { db } = ctx;

    app.setErrorHandler((err: Error, request, reply) => {
      const lang = requestLanguage(request);
      const appError = err instanceof AppError ? err : null;
      const given = (err as Error & { statusCode?: number }).statusCode;
      const status = appError?.status ?? (hasZodFastifySchemaValidationErrors(err) ? 400 : given && given < 500 ? given : 500);
      if (status >= 500) request.log.error({ err }, 'open311 request failed');
      const description = appError
        ? `${errorMessage(appError.code, lang)}${appError.details ? `: ${JSON.stringify(appError.details)}` : ''}`
        : hasZodFastifySchemaValidationErrors(err)
          ? err.validation.map((v) => `${v.instancePath || err.validationContext}: ${v.message}`).join('; ')
          : status >= 500
            ? errorMessage('INTERNAL', lang)
            : err.message;
      const format = String((request.params as { format?: string })?.format ?? 'json');
      return send(reply, format === 'xml' ? 'xml' : 'json', 'errors', 'error', [{ code: status, description }], status);
    });

    const base = `/open311/v2`;
    app.get(`${base}/discovery.:format`, { schema: { tags: ['open311'], summary: 'GeoReport v2 discovery', params: z.strictObject({ format: Format }) } }, async (request, reply) => {
      const url = `${request.protocol}://${request.host}${base}/`;
      const doc = {
        changeset: '2026-11-24T00:00:00Z',
        contact: 'Gongzhi (共治)',
        key_service: 'Ask the street office for an api_key',
        endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url, changeset: '2026-11-24T00:00:00Z', type: 'production', formats: ['application/json', 'text/xml'] }],
      };
      if (request.params.format === 'xml') return reply.type('text/xml; charset=utf-8').send(objectToXml('discovery', doc));
      return doc;
    });

    const listServices = async () => {
      const rows = await db
        .selectFrom('case_category as c')
        .leftJoin('case_category as p', 'p.id', 'c.parent_id')
        .select(['c.code', 'c.name_zh', 'c.name_en', 'c.keywords', 'p.name_zh as group'])
        .where('c.active', '=', true)
        .where('c.response_minutes', 'is not', null)
        .orderBy('c.sort_order')
        .orderBy('c.id')
        .execute();
      return rows.map((r) => ({ service_code: r.code, service_name: r.name_zh, description: r.name_en, metadata: false, type: 'realtime' as const, keywords: r.keywords.join(','), group: r.group ?? '' }));
    };

    app.get(
      `${base}/services.:format`,
      { schema: { tags: ['open311'], summary: 'Service list (the category catalogue)', params: z.strictObject({ format: Format }), querystring: z.strictObject({ jurisdiction_id: OptionalText(100) }), response: { 200: z.array(Service), 400: Open311Error } } },
      async (request, reply) => send(reply, request.params.format, 'services', 'service', await listServices()),
    );

    app.get(
      `${base}/services/:code.:format`,
      { schema: { tags: ['open311'], summary: 'Service definition', params: z.strictObject({ code: z.string().max(80), format: Format }), querystring: z.strictObject({ jurisdiction_id: OptionalText(100) }) } },
      async (request, reply) => {
        const service = (await listServices()).find((s) => s.service_code === request.params.code);
        if (!service) throw new AppError('CATEGORY_NOT_FOUND', { service_code: request.params.code });
        const definition = { service_code: service.service_code, attributes: [] };
        if (request.params.format === 'xml') return reply.type('text/xml; charset=utf-8').send(objectToXml('service_definition', definition));
        return definition;
      },
    );

    app.post(
      `${base}/requests.:format`,
      {
        schema: {
          tags: ['open311'],
          summary: 'Create a service request (api_key required; honours Idempotency-Key)',
          params: z.strictObject({ format: Format }),
          body: PostRequestBody,
          response: { 201: z.array(z.object({ service_request_id: z.string(), service_notice: z.string().nullable(), account_id: z.string().nullable() })), 400: Open311Error, 403: Open311Error, 404: Open311Error },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const client = await findApiClient(db, body.api_key ?? (request.query as { api_key?: string })?.api_key);
        if (!client) throw new AppError('FORBIDDEN', 'a valid api_key is required');
        const category = await db.selectFrom('case_category').select('id').where('code', '=', body.service_code).where('active', '=', true).executeTakeFirst();
        if (!category) throw new AppError('CATEGORY_NOT_FOUND', { service_code: body.service_code });
        const building = body.address_id
          ? await db.selectFrom('org_node').select('id').where('code', '=', body.address_id).where('kind', '=', 'building').where('street_id', '=', client.streetId).executeTakeFirst()
          : undefined;
        if (body.address_id && !building) throw new AppError('LOCATION_UNKNOWN', { address_id: body.address_id });
        const name = [body.last_name, body.first_name].filter(Boolean).join('') || null;
        const stored = await withIdempotency(db, { principal: `open311:${client.keyId}`, key: idempotencyKey(request), request: body }, async (tx) => {
          const row = await submitCase(tx, ctx.cipher, {
            actor: client.actor,
            requestId: request.id,
            viaApiKey: true,
            channel: 'open311',
            categoryId: category.id,
            description: body.description,
            buildingId: building?.id ?? null,
            lat: body.lat ?? null,
            lon: body.long ?? null,
            address: body.address_string ?? null,
            reporter: { name, phone: body.phone && /^1[3-9]\d{9}$/.test(body.phone) ? body.phone : null },
            externalRef: null,
          });
          return { status: 201, body: [{ service_request_id: row.public_id, service_notice: null, account_id: body.account_id ?? null }] };
        });
        return send(reply, request.params.format, 'service_requests', 'request', stored.body, stored.status);
      },
    );

    const listRequests = async (streetId: number, filter: { publicIds?: string[]; serviceCodes?: string[]; start?: Date; end?: Date; status?: 'open' | 'closed' }) => {
      const rows = await findServiceRequests(db, { streetId, limit: 1000, ...filter });
      const refs = await serviceRequestRefs(db, rows);
      return rows.map((r) => presentServiceRequest(r, refs));
    };

    // Public reads cover the street of the api_key when one is given, else every street.
    const streetOf = async (key: string | undefined) => {
      const client = await findApiClient(db, key);
      if (client) return client.streetId;
      const first = await db.selectFrom('org_node').select('id').where('kind', '=', 'street').orderBy('id').executeTakeFirst();
      if (!first) throw new AppError('NOT_FOUND');
      return first.id;
    };

    app.get(
      `${base}/requests.:format`,
      {
        schema: {
          tags: ['open311'],
          summary: 'Service requests (public: no personal data)',
          params: z.strictObject({ format: Format }),
          querystring: z.strictObject({
            api_key: z.string().max(200).optional(),
            jurisdiction_id: OptionalText(100),
            service_request_id: CsvList.optional(),
            service_code: CsvList.optional(),
            start_date: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
            end_date: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
            status: z.enum(['open', 'closed']).optional(),
          }),
          response: { 200: z.array(ServiceRequest), 400: Open311Error },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const items = await listRequests(await streetOf(q.api_key), {
          ...(q.service_request_id ? { publicIds: q.service_request_id } : {}),
          ...(q.service_code ? { serviceCodes: q.service_code } : {}),
          ...(q.start_date ? { start: q.start_date } : {}),
          ...(q.end_date ? { end: q.end_date } : {}),
          ...(q.status ? { status: q.status } : {}),
        });
        return send(reply, request.params.format, 'service_requests', 'request', items);
      },
    );

    app.get(
      `${base}/requests/:id.:format`,
      {
        schema: {
          tags: ['open311'],
          summary: 'One service request',
          params: z.strictObject({ id: z.string().max(40), format: Format }),
          querystring: z.strictObject({ api_key: z.string().max(200).optional(), jurisdiction_id: OptionalText(100) }),
          response: { 200: z.array(ServiceRequest), 404: Open311Error },
        },
      },
      async (request, reply) => {
        const items = await listRequests(await streetOf(request.query.api_key), { publicIds: [request.params.id] });
        if (items.length === 0) throw new AppError('CASE_NOT_FOUND', { service_request_id: request.params.id });
        return send(reply, request.params.format, 'service_requests', 'request', items);
      },
    );
  });
}
