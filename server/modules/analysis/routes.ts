import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ErrorResponse, IdParams } from '../../platform/http/schemas.js';
import { requestLanguage } from '../../platform/http/language.js';
import { requireActor } from '../../platform/identity/auth-plugin.js';
import { XlsxFile } from '../org/exchange/schema.js';
import { listWarningSubscriptions } from './list-warning-subscriptions.js';
import { readDailyAnalysis } from './read-daily-analysis.js';
import { readDashboard } from './read-dashboard.js';
import { readHotWords } from './read-hot-words.js';
import { readMonthlyAnalysis } from './read-monthly-analysis.js';
import { readWeeklyAnalysis } from './read-weekly-analysis.js';
import type { listSubscriptions } from './repository.js';
import {
  DailyAnalysis,
  DailyQuery,
  Dashboard,
  DashboardQuery,
  HotWords,
  HotWordsQuery,
  MonthlyAnalysis,
  MonthlyQuery,
  SubscribeBody,
  SubscriptionCreated,
  SubscriptionList,
  WeeklyAnalysis,
  WeeklyQuery,
} from './schema.js';
import { subscribeToWarnings } from './subscribe-to-warnings.js';
import { unsubscribeFromWarnings } from './unsubscribe-from-warnings.js';
import { reportRoutes } from './reports/routes.js';
import { sendAttachment } from '../org/exchange/routes.js';
import { XLSX_CONTENT_TYPE } from '../org/exchange/workbook-writer.js';
import { exportWorkbook } from './reports/export-workbook.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const tags = ['analysis'];
const caller = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });

const presentSubscription = (s: Awaited<ReturnType<typeof listSubscriptions>>[number]) => ({
  id: s.id,
  unit: { kind: s.unit_kind, id: s.unit_id, name: s.unit_name },
  categoryId: s.category_id,
  createdAt: s.created_at.toISOString(),
});

/** 民情分析: the daily, weekly and monthly views, hot words, and early-warning subscriptions. */
export async function analysisRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  app.get(
    '/api/analysis/daily',
    {
      schema: {
        tags,
        summary: "日分析: a unit's volume on a local day against the same weekday of the last 4 weeks, hot categories, the top 10 units below it, and that day's early warnings",
        querystring: DailyQuery,
        response: { 200: DailyAnalysis, ...errors },
      },
    },
    async (request) => readDailyAnalysis(db, requireActor(request), request.query),
  );

  app.get(
    '/api/analysis/weekly',
    {
      schema: {
        tags,
        summary: '周调度: open overdue cases, class problems (same place and category 3+ times in 30 days) and units behind their street on the three rates, for an ISO week YYYY-Www',
        querystring: WeeklyQuery,
        response: { 200: WeeklyAnalysis, ...errors },
      },
    },
    async (request) => readWeeklyAnalysis(db, requireActor(request), request.query),
  );

  app.get(
    '/api/analysis/monthly',
    {
      schema: {
        tags,
        summary: "月点评: the three-rate ranking of a kind of unit with the change on last month, and the month's priority-problem candidates (每月一题)",
        querystring: MonthlyQuery,
        response: { 200: MonthlyAnalysis, ...errors },
      },
    },
    async (request) => readMonthlyAnalysis(db, requireActor(request), request.query),
  );

  // The weekly and monthly views as Excel workbooks: the same use cases, so every figure is the
  // view's; laid out off the main thread and audited (exportWorkbook).
  app.get(
    '/api/analysis/reports/weekly.xlsx',
    { schema: { tags, summary: '周调度 as an .xlsx workbook (overdue list, class problems, units falling behind); audited', querystring: WeeklyQuery, response: { 200: XlsxFile, ...errors } } },
    async (request, reply) => {
      const { unit, period, bytes } = await exportWorkbook(db, { ...caller(request), lang: requestLanguage(request), query: { kind: 'weekly', ...request.query } });
      return sendAttachment(reply, XLSX_CONTENT_TYPE, { fileName: `周调度-${unit.name}-${period}.xlsx`, asciiFileName: `weekly-${unit.kind}-${unit.id}-${period}.xlsx` }, bytes);
    },
  );

  app.get(
    '/api/analysis/reports/monthly.xlsx',
    { schema: { tags, summary: '月点评 as an .xlsx workbook (three-rate ranking with the change on last month, 每月一题 candidates); audited', querystring: MonthlyQuery, response: { 200: XlsxFile, ...errors } } },
    async (request, reply) => {
      const { unit, period, bytes } = await exportWorkbook(db, { ...caller(request), lang: requestLanguage(request), query: { kind: 'monthly', ...request.query } });
      return sendAttachment(reply, XLSX_CONTENT_TYPE, { fileName: `月点评-${unit.name}-${period}.xlsx`, asciiFileName: `monthly-${unit.kind}-${unit.id}-${period}.xlsx` }, bytes);
    },
  );

  app.get(
    '/api/analysis/dashboard',
    {
      schema: {
        tags,
        summary: '驾驶舱 (big screen): for a street, community or grid (unit = its org node id) and a period (YYYY-MM-DD, YYYY-Www or YYYY-MM), its grids with received and overdue counts, the daily trend, the three rates, the units below ranked, and the whistles; from the roll-ups only',
        querystring: DashboardQuery,
        response: { 200: Dashboard, ...errors },
      },
    },
    async (request) => readDashboard(db, requireActor(request), { unitId: request.query.unit, period: request.query.period }),
  );

  app.get(
    '/api/analysis/hot-words',
    {
      schema: {
        tags,
        summary: 'Hot words of case descriptions over local days from..to (at most 92) against the previous period of equal length; the texts read are bounded and counted in the response',
        querystring: HotWordsQuery,
        response: { 200: HotWords, ...errors },
      },
    },
    async (request) => readHotWords(db, requireActor(request), request.query),
  );

  app.get(
    '/api/analysis/subscriptions',
    { schema: { tags, summary: 'My early-warning subscriptions', response: { 200: SubscriptionList, ...errors } } },
    async (request) => ({ items: (await listWarningSubscriptions(db, requireActor(request))).map(presentSubscription) }),
  );

  app.post(
    '/api/analysis/subscriptions',
    {
      schema: {
        tags,
        summary: "Be notified in my inbox when an early warning fires in a unit's subtree (for one category, or all when categoryId is null)",
        body: SubscribeBody,
        response: { 200: SubscriptionCreated, 201: SubscriptionCreated, ...errors },
      },
    },
    async (request, reply) => {
      const result = await subscribeToWarnings(db, { ...caller(request), ...request.body });
      return reply.status(result.created ? 201 : 200).send({ created: result.created, subscription: presentSubscription(result.subscription) });
    },
  );

  app.delete(
    '/api/analysis/subscriptions/:id',
    { schema: { tags, summary: 'End one of my early-warning subscriptions', params: IdParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await unsubscribeFromWarnings(db, { ...caller(request), id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  await reportRoutes(fastify, ctx);
}
