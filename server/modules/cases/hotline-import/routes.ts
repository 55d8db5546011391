import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { requestLanguage } from '../../../platform/http/language.js';
import { ErrorResponse, IdParams } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/identity/auth-plugin.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { readUpload, streamDownload } from '../../org/exchange/routes.js';
import { XlsxFile } from '../../org/exchange/schema.js';
import { writeLayoutWorkbook } from '../../org/exchange/workbook-writer.js';
import { buildHotlineTemplate } from './build-hotline-template.js';
import { HOTLINE_LAYOUT } from './columns.js';
import { getHotlineImport } from './get-hotline-import.js';
import { presentHotlineJob } from './presenter.js';
import { HotlineImportForm, HotlineImportJobView } from './schema.js';
import { startHotlineImport } from './start-hotline-import.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/** Batch intake of 12345 hotline work orders (接诉即办) from .xlsx or CSV files. */
export async function hotlineImportRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const caller = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });

  app.get(
    '/api/cases/hotline-import/template',
    {
      schema: {
        tags: ['cases'],
        summary: 'Download the .xlsx template for importing 12345 hotline work orders',
        response: { 200: XlsxFile, ...errors },
      },
    },
    async (request, reply) =>
      streamDownload(request, reply, buildHotlineTemplate(caller(request)), (out) => writeLayoutWorkbook(out, HOTLINE_LAYOUT, [], [])),
  );

  app.post(
    '/api/cases/hotline-import',
    {
      schema: {
        tags: ['cases'],
        summary: 'Upload 12345 work orders (multipart: file, .xlsx or UTF-8 CSV); every row is checked, then all are taken in as cases in the background',
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ job: HotlineImportJobView }), ...errors, 413: ErrorResponse, 415: ErrorResponse },
      },
    },
    async (request, reply) => {
      const who = caller(request);
      scopeFor(who.actor, 'case.manage'); // refuse before reading the upload
      const upload = await readUpload(request, HotlineImportForm);
      const job = await startHotlineImport(ctx, { ...who, fileName: upload.fileName, file: upload.buffer });
      return reply.status(202).send({ job: presentHotlineJob(job, requestLanguage(request)) });
    },
  );

  app.get(
    '/api/cases/hotline-import/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'Status, progress, every row error and the summary of a hotline import',
        params: IdParams,
        response: { 200: HotlineImportJobView, ...errors },
      },
    },
    async (request) => presentHotlineJob(await getHotlineImport(ctx.db, { ...caller(request), id: request.params.id }), requestLanguage(request)),
  );
}
