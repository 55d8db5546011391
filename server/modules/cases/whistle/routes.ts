import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { ErrorResponse, IdParams, paged } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/identity/auth-plugin.js';
import { assertMayRead } from './access.js';
import { assessDepartments } from './assess-departments.js';
import { blowWhistle } from './blow-whistle.js';
import { checkInToWhistle } from './check-in-to-whistle.js';
import { closeWhistle } from './close-whistle.js';
import { getWhistle } from './get-whistle.js';
import { listWhistleBoard } from './list-whistles.js';
import { rateSummonedDepartment } from './rate-summoned-department.js';
import { readLimits } from './repository.js';
import {
  BlowWhistleBody,
  CheckInBody,
  CloseWhistleBody,
  DepartmentStats,
  DepartmentStatsQuery,
  RateDepartmentBody,
  WhistleDetail,
  WhistleLimits,
  WhistleLimitsBody,
  WhistleListQuery,
  WhistleSummary,
} from './schema.js';
import { setWhistleLimits } from './set-whistle-limits.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
const tags = ['whistle'];
const caller = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });

/** 吹哨报到: blow, check in, close, rate; the board, one whistle, limits and the department assessment. */
export async function whistleRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  app.get(
    '/api/whistles',
    { schema: { tags, summary: 'The whistle board: open whistles first, in my area or summoning my department', querystring: WhistleListQuery, response: { 200: paged(WhistleSummary), ...errors } } },
    async (request) => {
      const { items, total } = await listWhistleBoard(db, requireActor(request), request.query);
      return { items, total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  app.post(
    '/api/whistles',
    {
      schema: {
        tags,
        summary: 'Blow a whistle (吹哨) on a case or a place, summoning departments of the street: routine (日常哨), tough (攻坚哨) or emergency (应急哨)',
        body: BlowWhistleBody,
        response: { 201: WhistleDetail, ...errors },
      },
    },
    async (request, reply) => {
      const c = caller(request);
      const whistle = await blowWhistle(db, { ...c, ...request.body });
      return reply.status(201).send(await getWhistle(db, c.actor, whistle.id));
    },
  );

  app.get(
    '/api/whistles/limits',
    { schema: { tags, summary: 'Minutes each kind of whistle gives departments to check in', response: { 200: WhistleLimits, ...errors } } },
    async (request) => {
      assertMayRead(requireActor(request));
      return readLimits(db);
    },
  );

  app.put(
    '/api/whistles/limits',
    { schema: { tags, summary: 'Set check-in limits in minutes (street admin); whistles already blown keep theirs', body: WhistleLimitsBody, response: { 200: WhistleLimits, ...errors } } },
    async (request) => setWhistleLimits(db, { ...caller(request), limits: request.body }),
  );

  app.get(
    '/api/whistles/department-stats',
    {
      schema: {
        tags,
        summary: 'Department assessment (部门考核): summoned, checked in, on time and average rating per department, over local days from–to (default: this month)',
        querystring: DepartmentStatsQuery,
        response: { 200: DepartmentStats, ...errors },
      },
    },
    async (request) => assessDepartments(db, requireActor(request), request.query),
  );

  app.get(
    '/api/whistles/:id',
    { schema: { tags, summary: 'A whistle with each summoned department: check-in, people sent, minutes taken, on time, rating', params: IdParams, response: { 200: WhistleDetail, ...errors } } },
    async (request) => getWhistle(db, requireActor(request), request.params.id),
  );

  app.post(
    '/api/whistles/:id/check-in',
    { schema: { tags, summary: 'Check in (报到) for my department with the people sent', params: IdParams, body: CheckInBody, response: { 200: WhistleDetail, ...errors } } },
    async (request) => {
      const c = caller(request);
      await checkInToWhistle(db, { ...c, whistleId: request.params.id, peopleSent: request.body.peopleSent });
      return getWhistle(db, c.actor, request.params.id);
    },
  );

  app.post(
    '/api/whistles/:id/close',
    { schema: { tags, summary: 'Close the whistle when the matter is done (事不完、人不撤): the blower or a street admin', params: IdParams, body: CloseWhistleBody, response: { 200: WhistleDetail, ...errors } } },
    async (request) => {
      const c = caller(request);
      await closeWhistle(db, { ...c, whistleId: request.params.id, summary: request.body.summary });
      return getWhistle(db, c.actor, request.params.id);
    },
  );

  app.post(
    '/api/whistles/:id/ratings',
    { schema: { tags, summary: 'Rate a summoned department (1–5) after the whistle closed; once per department', params: IdParams, body: RateDepartmentBody, response: { 200: WhistleDetail, ...errors } } },
    async (request) => {
      const c = caller(request);
      await rateSummonedDepartment(db, { ...c, whistleId: request.params.id, ...request.body, comment: request.body.comment ?? null });
      return getWhistle(db, c.actor, request.params.id);
    },
  );
}
