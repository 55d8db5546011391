import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError, errorMessage } from '../../platform/errors.js';
import { Instant } from '../../platform/http/schemas.js';
import { requestLanguage } from '../../platform/http/language.js';
import { idempotencyKey } from '../cases/routes.js';
import { checkAttributeAnswers } from '../cases/service-attributes.js';
import type { IntakeQueue } from '../cases/intake-queue.js';
import { findApiClient } from './api-keys.js';
import { presentServiceRequest } from './presenter.js';
import { findRequestUpdates, findServiceRequests, serviceRequestRefs, type RequestFilter } from './repository.js';

type RequestFilterInput = Omit<RequestFilter, 'streetId'>;
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
export async function open311Routes(fastify: FastifyInstance, ctx: AppContext, intake: IntakeQueue): Promise<void> {
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
        .select(['c.id', 'c.code', 'c.name_zh', 'c.name_en', 'c.keywords', 'c.attributes', 'p.name_zh as group'])
        .where('c.active', '=', true)
        .where('c.response_minutes', 'is not', null)
        .orderBy('c.sort_order')
        .orderBy('c.id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        attributes: r.attributes,
        service: { service_code: r.code, service_name: r.name_zh, description: r.name_en, metadata: r.attributes.length > 0, type: 'realtime' as const, keywords: r.keywords.join(','), group: r.group ?? '' },
      }));
    };

    app.get(
      `${base}/services.:format`,
      { schema: { tags: ['open311'], summary: 'Service list (the category catalogue)', params: z.strictObject({ format: Format }), querystring: z.strictObject({ jurisdiction_id: OptionalText(100) }), response: { 200: z.array(Service), 400: Open311Error } } },
      async (request, reply) => send(reply, request.params.format, 'services', 'service', (await listServices()).map((s) => s.service)),
    );

    app.get(
      `${base}/services/:code.:format`,
      { schema: { tags: ['open311'], summary: 'Service definition', params: z.strictObject({ code: z.string().max(80), format: Format }), querystring: z.strictObject({ jurisdiction_id: OptionalText(100) }) } },
      async (request, reply) => {
        const found = (await listServices()).find((s) => s.service.service_code === request.params.code);
        if (!found) throw new AppError('CATEGORY_NOT_FOUND', { service_code: request.params.code });
        const definition = {
          service_code: found.service.service_code,
          attributes: found.attributes.map((a) => ({
            variable: true,
            code: a.code,
            datatype: a.datatype,
            required: a.required,
            datatype_description: null,
            order: a.order,
            description: a.description,
            ...(a.values ? { values: a.values } : {}),
          })),
        };
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
        const category = await db.selectFrom('case_category').select(['id', 'attributes']).where('code', '=', body.service_code).where('active', '=', true).where('response_minutes', 'is not', null).executeTakeFirst();
        if (!category) throw new AppError('UNKNOWN_CATEGORY', { service_code: body.service_code });
        const answers = Object.fromEntries(
          Object.entries(body).flatMap(([k, v]) => {
            const m = /^attribute\[(.+)\]$/.exec(k);
            return m ? [[m[1]!, String(v)]] : [];
          }),
        );
        const problems = checkAttributeAnswers(category.attributes, answers);
        if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
        const building = body.address_id
          ? await db.selectFrom('org_node').select('id').where('code', '=', body.address_id).where('kind', '=', 'building').where('street_id', '=', client.streetId).executeTakeFirst()
          : undefined;
        if (body.address_id && !building) throw new AppError('LOCATION_UNKNOWN', { address_id: body.address_id });
        const name = [body.last_name, body.first_name].filter(Boolean).join('') || null;
        const stored = await intake.submit({
          idempotency: { principal: `open311:${client.keyId}`, key: idempotencyKey(request), request: body },
          submit: {
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
            attributes: answers,
            externalRef: null,
          },
          answer: (row) => ({ status: 201, body: [{ service_request_id: row.public_id, service_notice: null, account_id: body.account_id ?? null }] }),
        });
        return send(reply, request.params.format, 'service_requests', 'request', stored.body, stored.status);
      },
    );

    const listRequests = async (streetId: number, filter: RequestFilterInput, extensions: boolean) => {
      const rows = await findServiceRequests(db, { streetId, ...filter });
      const refs = await serviceRequestRefs(db, rows);
      return rows.map((r) => presentServiceRequest(r, refs, extensions));
    };

    // Public reads cover the street of the api_key when one is given, else the first street.
    const streetOf = async (key: string | undefined) => {
      const client = await findApiClient(db, key);
      if (client) return client.streetId;
      const first = await db.selectFrom('org_node').select('id').where('kind', '=', 'street').orderBy('id').executeTakeFirst();
      if (!first) throw new AppError('NOT_FOUND');
      return first.id;
    };

    const DateParam = Instant;
    const Paging = {
      page: z.coerce.number().int().min(1).max(100_000).default(1),
      page_size: z.coerce.number().int().min(1).max(1000).default(1000),
    };
    const Extensions = z.enum(['true', 'false']).transform((v) => v === 'true').optional();

    app.get(
      `${base}/requests.:format`,
      {
        schema: {
          tags: ['open311'],
          summary: 'Service requests (public: no personal data); by default the last 90 days, at most 1,000 per page',
          params: z.strictObject({ format: Format }),
          querystring: z.strictObject({
            api_key: z.string().max(200).optional(),
            jurisdiction_id: OptionalText(100),
            service_request_id: CsvList.optional(),
            service_code: CsvList.optional(),
            start_date: DateParam.optional(),
            end_date: DateParam.optional(),
            status: z.enum(['open', 'closed']).optional(),
            extensions: Extensions,
            ...Paging,
          }),
          response: { 200: z.array(ServiceRequest.extend({ extended_attributes: z.record(z.string(), z.unknown()).optional() })), 400: Open311Error },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const byId = Boolean(q.service_request_id?.length);
        const start = q.start_date ?? (byId ? undefined : new Date((q.end_date ?? new Date()).getTime() - 90 * 86_400_000));
        const items = await listRequests(
          await streetOf(q.api_key),
          {
            publicIds: q.service_request_id,
            serviceCodes: q.service_code,
            start,
            end: q.end_date,
            status: q.status,
            limit: q.page_size,
            offset: (q.page - 1) * q.page_size,
          },
          q.extensions ?? false,
        );
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
          querystring: z.strictObject({ api_key: z.string().max(200).optional(), jurisdiction_id: OptionalText(100), extensions: Extensions }),
          response: { 200: z.array(ServiceRequest.extend({ extended_attributes: z.record(z.string(), z.unknown()).optional() })), 404: Open311Error },
        },
      },
      async (request, reply) => {
        const items = await listRequests(await streetOf(request.query.api_key), { publicIds: [request.params.id], limit: 1 }, request.query.extensions ?? false);
        if (items.length === 0) throw new AppError('CASE_NOT_FOUND', { service_request_id: request.params.id });
        return send(reply, request.params.format, 'service_requests', 'request', items);
      },
    );

    // Requests are created synchronously, so a token is the request id itself.
    app.get(
      `${base}/tokens/:token.:format`,
      {
        schema: {
          tags: ['open311'],
          summary: 'The service request id behind a token',
          params: z.strictObject({ token: z.string().max(40), format: Format }),
          querystring: z.strictObject({ api_key: z.string().max(200).optional(), jurisdiction_id: OptionalText(100) }),
          response: { 200: z.array(z.object({ service_request_id: z.string(), token: z.string() })), 404: Open311Error },
        },
      },
      async (request, reply) => {
        const rows = await findServiceRequests(db, { streetId: await streetOf(request.query.api_key), publicIds: [request.params.token], limit: 1 });
        if (rows.length === 0) throw new AppError('CASE_NOT_FOUND', { token: request.params.token });
        return send(reply, request.params.format, 'tokens', 'token', [{ service_request_id: rows[0]!.public_id, token: request.params.token }]);
      },
    );

    app.get(
      `${base}/servicerequestupdates.:format`,
      {
        schema: {
          tags: ['open311'],
          summary: 'Updates to service requests (extension): each public step, with the detailed status',
          params: z.strictObject({ format: Format }),
          querystring: z.strictObject({
            api_key: z.string().max(200).optional(),
            jurisdiction_id: OptionalText(100),
            service_request_id: CsvList.optional(),
            start_date: DateParam.optional(),
            end_date: DateParam.optional(),
            ...Paging,
          }),
          response: {
            200: z.array(
              z.object({
                update_id: z.string(),
                service_request_id: z.string(),
                status: z.enum(['open', 'closed']),
                updated_datetime: z.string(),
                description: z.string().nullable(),
                media_url: z.string().nullable(),
                extended_attributes: z.object({ detailed_status: z.string().nullable(), action: z.string() }),
              }),
            ),
            400: Open311Error,
          },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const rows = await findRequestUpdates(db, {
          streetId: await streetOf(q.api_key),
          start: q.start_date ?? new Date((q.end_date ?? new Date()).getTime() - 90 * 86_400_000),
          end: q.end_date,
          publicIds: q.service_request_id,
          limit: q.page_size,
          offset: (q.page - 1) * q.page_size,
        });
        const items = rows.map((r) => ({
          update_id: String(r.id),
          service_request_id: r.public_id,
          status: ['closed', 'merged', 'withdrawn'].includes(r.to_status ?? '') ? ('closed' as const) : ('open' as const),
          updated_datetime: r.at.toISOString(),
          description: r.note,
          media_url: null,
          extended_attributes: { detailed_status: r.to_status, action: r.action },
        }));
        return send(reply, request.params.format, 'service_request_updates', 'request_update', items);
      },
    );
  });
}
