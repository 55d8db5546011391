import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { ErrorResponse } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/identity/auth-plugin.js';
import { listTopUnitsByVolume } from './list-top-units.js';
import { rankUnitsForMonth } from './rank-units.js';
import { readUnitRates } from './read-unit-rates.js';
import { RankingQuery, Ranking, RatesQuery, TopQuery, TopUnits, UnitRates } from './schema.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const tags = ['rates'];

/** The three rates (响应率、解决率、满意率), read from the daily roll-up only. */
export async function rateRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  app.get(
    '/api/rates',
    {
      schema: {
        tags,
        summary: 'The three rates of a street, community, grid, department or property company for a local day (date=YYYY-MM-DD) or month (date=YYYY-MM)',
        querystring: RatesQuery,
        response: { 200: UnitRates, ...errors },
      },
    },
    async (request) => readUnitRates(db, requireActor(request), request.query),
  );

  app.get(
    '/api/rates/ranking',
    {
      schema: {
        tags,
        summary: 'Every unit of a kind in my scope ranked for a month, with the change against the month before (rule in the response)',
        querystring: RankingQuery,
        response: { 200: Ranking, ...errors },
      },
    },
    async (request) => rankUnitsForMonth(db, requireActor(request), request.query),
  );

  app.get(
    '/api/rates/top',
    { schema: { tags, summary: 'The 10 units of a kind in my scope that received most cases on a local day', querystring: TopQuery, response: { 200: TopUnits, ...errors } } },
    async (request) => listTopUnitsByVolume(db, requireActor(request), request.query),
  );
}
