import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { requestLanguage } from '../../../platform/http/language.js';
import { ErrorResponse, IdParams } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/identity/auth-plugin.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { buildTemplate, type WorkbookFile } from './build-template.js';
import { exportArchive } from './export-archive.js';
import { getImportJob } from './get-import-job.js';
import { presentJob } from './presenter.js';
import { startImport } from './start-import.js';
import { ExportQuery, ImportForm, ImportJobView, TemplateQuery, XlsxFile } from './schema.js';
import { attachmentHeader, writeWorkbook, XLSX_CONTENT_TYPE } from './workbook-writer.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/** Streams a workbook as a download; a failure half-way aborts the response and is logged. */
function sendWorkbook(request: FastifyRequest, reply: FastifyReply, file: WorkbookFile) {
  return streamDownload(request, reply, file, (out) => writeWorkbook(out, file.kind, file.tagNames, file.rows));
}

/** Streams what `write` writes as an .xlsx download; a failure half-way aborts the response and is logged. */
export function streamDownload(
  request: FastifyRequest,
  reply: FastifyReply,
  names: { fileName: string; asciiFileName: string },
  write: (out: PassThrough) => Promise<void>,
) {
  const body = new PassThrough();
  write(body).catch((err: unknown) => {
    request.log.error({ err }, 'writing the workbook failed');
    body.destroy(err as Error);
  });
  return sendAttachment(reply, XLSX_CONTENT_TYPE, names, body);
}

/** Sends a file (its bytes, or a stream of them) as a download under its names (see attachmentHeader). */
export function sendAttachment(reply: FastifyReply, contentType: string, names: { fileName: string; asciiFileName: string }, body: Buffer | PassThrough) {
  return reply.type(contentType).header('content-disposition', attachmentHeader(names.asciiFileName, names.fileName)).send(body);
}

/**
 * The text fields (parsed by `form`) and the one `file` of a multipart upload; an oversize file
 * raises 413 here. Shared by every spreadsheet import.
 */
export async function readUpload<F extends z.ZodType>(request: FastifyRequest, form: F): Promise<{ form: z.output<F>; fileName: string; buffer: Buffer }> {
  const fields: Record<string, string> = {};
  let file: { fileName: string; buffer: Buffer } | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const buffer = await part.toBuffer();
      if (part.fieldname === 'file' && !file) file = { fileName: path.basename(part.filename || 'upload.xlsx').slice(0, 200), buffer };
    } else {
      fields[part.fieldname] = String(part.value);
    }
  }
  const parsed = form.safeParse(fields);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })),
    );
  }
  if (!file) throw new AppError('VALIDATION_FAILED', [{ path: 'body.file', message: 'a spreadsheet file is required' }]);
  return { form: parsed.data, ...file };
}

export async function exchangeRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, cipher } = ctx;
  const caller = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });

  app.get(
    '/api/imports/template',
    {
      schema: {
        tags: ['archive'],
        summary: 'Download the .xlsx import template for households or residents',
        querystring: TemplateQuery,
        response: { 200: XlsxFile, ...errors },
      },
    },
    async (request, reply) => sendWorkbook(request, reply, await buildTemplate(db, { ...caller(request), kind: request.query.kind })),
  );

  app.post(
    '/api/imports',
    {
      schema: {
        tags: ['archive'],
        summary: 'Upload an .xlsx file (multipart: kind, file); validated and imported in the background',
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ job: ImportJobView }), ...errors, 413: ErrorResponse, 415: ErrorResponse },
      },
    },
    async (request, reply) => {
      const who = caller(request);
      scopeFor(who.actor, 'archive.import'); // refuse before reading the upload
      const upload = await readUpload(request, ImportForm);
      const job = await startImport(ctx, { ...who, kind: upload.form.kind, fileName: upload.fileName, file: upload.buffer });
      return reply.status(202).send({ job: presentJob(job, requestLanguage(request)) });
    },
  );

  app.get(
    '/api/imports/:id',
    {
      schema: {
        tags: ['archive'],
        summary: 'Status, progress, errors and summary of an import',
        params: IdParams,
        response: { 200: ImportJobView, ...errors },
      },
    },
    async (request) => presentJob(await getImportJob(db, { ...caller(request), id: request.params.id }), requestLanguage(request)),
  );

  for (const kind of ['households', 'residents'] as const) {
    app.get(
      `/api/exports/${kind}.xlsx`,
      {
        schema: {
          tags: ['archive'],
          summary: `Export ${kind} in scope as .xlsx (masked), in the import layout`,
          querystring: ExportQuery,
          response: { 200: XlsxFile, ...errors, 422: ErrorResponse },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const file = await exportArchive(db, {
          ...caller(request),
          kind,
          filter: { q: q.q, tags: q.tags, nodeId: q.nodeId, phoneHash: q.phone ? cipher.lookupHash('phone', q.phone) : undefined },
        });
        return sendWorkbook(request, reply, file);
      },
    );
  }
}
