import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { ErrorResponse, IdParams, paged } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/identity/auth-plugin.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { getNodeInScope } from '../repository.js';
import { addMember, removeMember } from './add-member.js';
import { createHousehold } from './create-household.js';
import { recordVisit } from './record-visit.js';
import {
  getHouseholdInScope,
  getResidentInScope,
  householdMembers,
  householdVisits,
  nodeNames,
  residentHouseholds,
  searchHouseholds,
  searchResidents,
  visitCoverage,
} from './repository.js';
import { revealResidentField } from './reveal-resident-field.js';
import {
  AddMemberBody,
  CoverageReport,
  CreateHouseholdBody,
  HouseholdDetail,
  HouseholdListItem,
  HouseholdQuery,
  ResidentQuery,
  ResidentView,
  RevealBody,
  UpdateHouseholdBody,
  UpdateResidentBody,
  VisitBody,
  VisitView,
  MemberView,
} from './schema.js';
import { updateHousehold } from './update-household.js';
import { updateResident } from './update-resident.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const Saved = z.object({ id: z.number(), version: z.number() });

export async function householdRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, cipher } = ctx;
  const caller = (request: { id: string; actor: unknown }) => ({ actor: requireActor(request as never), requestId: request.id });

  app.get(
    '/api/tags',
    {
      schema: {
        tags: ['archive'],
        summary: 'The configured tag set for households and residents',
        response: { 200: z.object({ items: z.array(z.object({ code: z.string(), appliesTo: z.string(), nameZh: z.string(), nameEn: z.string() })) }), 401: ErrorResponse },
      },
    },
    async (request) => {
      requireActor(request);
      const items = await db
        .selectFrom('tag')
        .select(['code', 'applies_to as appliesTo', 'name_zh as nameZh', 'name_en as nameEn'])
        .where('active', '=', true)
        .orderBy('sort_order')
        .execute();
      return { items };
    },
  );

  app.get(
    '/api/households',
    { schema: { tags: ['archive'], summary: 'Search households by name, address, tags or exact phone', querystring: HouseholdQuery, response: { 200: paged(HouseholdListItem), ...errors } } },
    async (request) => {
      const scope = scopeFor(requireActor(request), 'household.read');
      const q = request.query;
      const path = q.nodeId ? (await getNodeInScope(db, scope, q.nodeId)).path : undefined;
      const result = await searchHouseholds(db, scope, {
        q: q.q,
        tags: q.tags,
        phoneHash: q.phone ? cipher.lookupHash('phone', q.phone) : undefined,
        path,
        page: q.page,
        pageSize: q.pageSize,
      });
      return { ...result, page: q.page, pageSize: q.pageSize };
    },
  );

  app.post(
    '/api/households',
    { schema: { tags: ['archive'], summary: 'Register a household', body: CreateHouseholdBody, response: { 201: Saved, ...errors, 409: ErrorResponse } } },
    async (request, reply) => reply.status(201).send(await createHousehold(db, { ...caller(request), ...request.body })),
  );

  app.get(
    '/api/households/:id',
    { schema: { tags: ['archive'], summary: 'A household with its members (masked) and visits', params: IdParams, response: { 200: HouseholdDetail, ...errors } } },
    async (request) => {
      const scope = scopeFor(requireActor(request), 'household.read');
      const h = await getHouseholdInScope(db, scope, request.params.id);
      const [members, visits, names] = await Promise.all([
        householdMembers(db, h.id),
        householdVisits(db, h.id),
        nodeNames(db, [h.building_id, h.grid_id, h.community_id]),
      ]);
      const ref = (id: number) => ({ id, name: names.get(id)?.name ?? '' });
      return {
        household: {
          id: h.id,
          address: h.address,
          unit: h.unit,
          room: h.room,
          housing: h.housing,
          areaM2: h.area_m2,
          tags: h.tags,
          notes: h.notes,
          version: h.version,
          building: ref(h.building_id),
          grid: ref(h.grid_id),
          community: ref(h.community_id),
        },
        members,
        visits,
      };
    },
  );

  app.patch(
    '/api/households/:id',
    { schema: { tags: ['archive'], summary: 'Change housing, area, tags or notes', params: IdParams, body: UpdateHouseholdBody, response: { 200: Saved, ...errors, 409: ErrorResponse } } },
    async (request) => updateHousehold(db, { ...caller(request), id: request.params.id, ...request.body }),
  );

  app.post(
    '/api/households/:id/members',
    {
      schema: {
        tags: ['archive'],
        summary: 'Add a member: an existing resident or a new one',
        params: IdParams,
        body: AddMemberBody,
        response: { 201: z.object({ residentId: z.number(), created: z.boolean() }), ...errors, 409: ErrorResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addMember(db, cipher, { ...caller(request), householdId: request.params.id, body: request.body })),
  );

  app.delete(
    '/api/households/:id/members/:residentId',
    {
      schema: {
        tags: ['archive'],
        summary: 'End a membership (moved out)',
        params: z.strictObject({ id: IdParams.shape.id, residentId: IdParams.shape.id }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeMember(db, { ...caller(request), householdId: request.params.id, residentId: request.params.residentId });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/households/:id/visits',
    { schema: { tags: ['archive'], summary: 'Log a visit (走访)', params: IdParams, body: VisitBody, response: { 201: z.object({ visit: VisitView }), ...errors } } },
    async (request, reply) =>
      reply.status(201).send({ visit: await recordVisit(db, { ...caller(request), householdId: request.params.id, ...request.body }) }),
  );

  app.get(
    '/api/residents',
    { schema: { tags: ['archive'], summary: 'Search residents by name, tags, exact phone or exact ID number', querystring: ResidentQuery, response: { 200: paged(MemberView.omit({ relationship: true })), ...errors } } },
    async (request) => {
      const scope = scopeFor(requireActor(request), 'household.read');
      const q = request.query;
      const result = await searchResidents(db, scope, {
        q: q.q,
        tags: q.tags,
        phoneHash: q.phone ? cipher.lookupHash('phone', q.phone) : undefined,
        idNumberHash: q.idNumber ? cipher.lookupHash('id_number', q.idNumber) : undefined,
        page: q.page,
        pageSize: q.pageSize,
      });
      return { ...result, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/api/residents/:id',
    { schema: { tags: ['archive'], summary: 'A resident (masked) and their households', params: IdParams, response: { 200: ResidentView, ...errors } } },
    async (request) => {
      const scope = scopeFor(requireActor(request), 'household.read');
      const r = await getResidentInScope(db, scope, request.params.id);
      const households = await residentHouseholds(db, scope, [r.id]);
      return {
        residentId: r.id,
        name: r.name,
        gender: r.gender,
        birthDate: r.birth_date,
        idNumber: r.id_number_mask,
        phone: r.phone_mask,
        politicalStatus: r.political_status,
        tags: r.tags,
        version: r.version,
        households: households.map(({ id, address, relationship }) => ({ id, address, relationship })),
      };
    },
  );

  app.patch(
    '/api/residents/:id',
    { schema: { tags: ['archive'], summary: 'Edit a resident', params: IdParams, body: UpdateResidentBody, response: { 200: Saved, ...errors, 409: ErrorResponse } } },
    async (request) => updateResident(db, cipher, { ...caller(request), id: request.params.id, ...request.body }),
  );

  app.post(
    '/api/residents/:id/reveal',
    { schema: { tags: ['archive'], summary: 'Reveal an identity number or phone (audited)', params: IdParams, body: RevealBody, response: { 200: z.object({ value: z.string().nullable() }), ...errors } } },
    async (request) => revealResidentField(db, cipher, { ...caller(request), residentId: request.params.id, field: request.body.field }),
  );

  app.get(
    '/api/visits/coverage',
    {
      schema: {
        tags: ['archive'],
        summary: 'Share of households visited in the last 12 months, per community and grid',
        querystring: z.strictObject({ nodeId: z.coerce.number().int().positive().optional() }),
        response: { 200: CoverageReport, ...errors },
      },
    },
    async (request) => {
      const scope = scopeFor(requireActor(request), 'household.read');
      const path = request.query.nodeId ? (await getNodeInScope(db, scope, request.query.nodeId)).path : undefined;
      const since = new Date();
      since.setFullYear(since.getFullYear() - 1);
      return visitCoverage(db, scope, path, since);
    },
  );
}
