import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { withIdempotency } from '../../../platform/http/idempotency.js';
import { requestLanguage } from '../../../platform/http/language.js';
import { ErrorResponse, IdParams } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/identity/auth-plugin.js';
import { idempotencyKey, sendStored } from '../../cases/routes.js';
import { sendAttachment } from '../../org/exchange/routes.js';
import { XLSX_CONTENT_TYPE } from '../../org/exchange/workbook-writer.js';
import { listReports } from './list-reports.js';
import { readReport } from './read-report.js';
import { readReportFile } from './read-report-file.js';
import type { ReportRow } from './repository.js';
import { requestReport } from './request-report.js';
import { Report, ReportFile, ReportFileQuery, ReportList, ReportListQuery, RequestReportBody } from './schema.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
const tags = ['analysis'];
const CONTENT_TYPE = { pdf: 'application/pdf', xlsx: XLSX_CONTENT_TYPE } as const;
const FILE_PREFIX = { weekly: '周报', monthly: '月报' } as const;

export function presentReport(r: ReportRow) {
  const bytes = { pdf: r.pdf_bytes, xlsx: r.xlsx_bytes };
  return {
    id: r.id,
    unit: { kind: r.unit_kind, id: r.unit_id, name: r.unit_name },
    kind: r.kind,
    period: r.period,
    formats: r.formats,
    lang: r.lang,
    status: r.status,
    progress: r.progress,
    source: r.source,
    requestedBy: r.requested_by_name === null ? null : { id: r.requested_by_user_id, name: r.requested_by_name },
    createdAt: r.created_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
    error: r.error,
    files: r.formats.flatMap((format) => {
      const size = bytes[format];
      return size === null ? [] : [{ format, bytes: Number(size), url: `/api/analysis/reports/${r.id}/file?format=${format}` }];
    }),
  };
}

/** Kept 周报/月报: asked for here, made in the background (generate-report.ts), downloaded when done. */
export async function reportRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  app.post(
    '/api/analysis/reports',
    {
      schema: {
        tags,
        summary: 'Ask for a weekly (ISO week) or monthly report of an area unit as PDF and/or Excel; 202 at once, generated in the background (poll GET /api/analysis/reports/{id}); honours Idempotency-Key',
        body: RequestReportBody,
        response: { 202: Report, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { lang, ...body } = request.body;
      const stored = await withIdempotency(db, { principal: `user:${actor.userId}`, key: idempotencyKey(request), request: request.body }, async (tx) => {
        const row = await requestReport(tx, { actor, requestId: request.id, ...body, lang: lang ?? requestLanguage(request), now: new Date() });
        return { status: 202, body: presentReport(row) };
      });
      reply.header('location', `/api/analysis/reports/${stored.body.id}`);
      return sendStored(reply, stored);
    },
  );

  app.get(
    '/api/analysis/reports',
    { schema: { tags, summary: "A unit's kept reports, newest first, with status and progress", querystring: ReportListQuery, response: { 200: ReportList, ...errors } } },
    async (request) => ({ items: (await listReports(db, requireActor(request), request.query)).map(presentReport) }),
  );

  app.get(
    '/api/analysis/reports/:id',
    { schema: { tags, summary: 'One report: its status (queued, running, done, failed), progress 0–100 and files', params: IdParams, response: { 200: Report, ...errors } } },
    async (request) => presentReport(await readReport(db, requireActor(request), request.params.id)),
  );

  app.get(
    '/api/analysis/reports/:id/file',
    {
      schema: {
        tags,
        summary: "A done report's file as PDF or .xlsx (each download is audited); 409 REPORT_NOT_READY (with status and progress) while it is being generated",
        params: IdParams,
        querystring: ReportFileQuery,
        response: { 200: ReportFile, ...errors },
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const { row, bytes } = await readReportFile(db, { actor: requireActor(request), requestId: request.id, id: request.params.id, format });
      const names = { asciiFileName: `${row.kind}-${row.unit_kind}-${row.unit_id}-${row.period}.${format}`, fileName: `${FILE_PREFIX[row.kind]}-${row.unit_name}-${row.period}.${format}` };
      return sendAttachment(reply, CONTENT_TYPE[format], names, bytes);
    },
  );
}
