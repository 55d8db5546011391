import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { ErrorResponse, IdParams } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/identity/auth-plugin.js';
import { getVisibleCase } from '../repository.js';
import { presentOne } from '../routes.js';
import { CaseView, SubmitCaseBody } from '../schema.js';
import { attachFiles, MAX_ATTACHMENT_BYTES, type UploadedFile } from './attach-files.js';
import { fixOnSpot } from './fix-on-spot.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse };
const AttachmentView = z.object({ id: z.number(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number(), sha256: z.string(), createdAt: z.date() });

/** Reads a multipart request: its files (up to `maxFiles`) and its text fields. */
async function readMultipart(request: FastifyRequest, maxFiles: number) {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'multipart/form-data expected');
  const files: UploadedFile[] = [];
  const fields: Record<string, string> = {};
  for await (const part of request.parts({ limits: { files: maxFiles, fileSize: MAX_ATTACHMENT_BYTES } })) {
    if (part.type === 'file') {
      const data = await (part as MultipartFile).toBuffer();
      files.push({ fileName: part.filename, data });
    } else {
      fields[part.fieldname] = String(part.value);
    }
  }
  return { files, fields };
}

export async function attachmentRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  app.post(
    '/api/cases/:id/attachments',
    {
      schema: {
        tags: ['cases'],
        summary: 'Attach photos or a PDF (multipart, field "file"); type checked by content, image metadata removed',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: z.object({ attachments: z.array(AttachmentView) }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { files } = await readMultipart(request, 4);
      if (files.length === 0) throw new AppError('VALIDATION_FAILED', [{ path: 'file', message: 'no file' }]);
      const attachments = await attachFiles(db, { actor, requestId: request.id, caseId: request.params.id, files });
      return reply.status(201).send({ attachments });
    },
  );

  app.get(
    '/api/cases/:id/attachments',
    { schema: { tags: ['cases'], summary: 'Attachments of a case', params: IdParams, response: { 200: z.object({ items: z.array(AttachmentView) }), ...errors } } },
    async (request) => {
      const c = await getVisibleCase(db, requireActor(request), request.params.id);
      const items = await db
        .selectFrom('case_attachment')
        .select(['id', 'file_name as fileName', 'content_type as contentType', 'size_bytes as sizeBytes', 'sha256', 'created_at as createdAt'])
        .where('case_id', '=', c.id)
        .orderBy('id')
        .execute();
      return { items };
    },
  );

  app.get(
    '/api/cases/:id/attachments/:attachmentId',
    { schema: { tags: ['cases'], summary: 'Download one attachment', params: z.strictObject({ id: IdParams.shape.id, attachmentId: IdParams.shape.id }) } },
    async (request, reply) => {
      const c = await getVisibleCase(db, requireActor(request), request.params.id);
      const file = await db
        .selectFrom('case_attachment')
        .select(['file_name', 'content_type', 'data'])
        .where('case_id', '=', c.id)
        .where('id', '=', request.params.attachmentId)
        .executeTakeFirst();
      if (!file) throw new AppError('NOT_FOUND', { attachmentId: request.params.attachmentId });
      return reply
        .type(file.content_type)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.file_name)}`)
        .send(Buffer.from(file.data));
    },
  );

  app.post(
    '/api/cases/fixed-on-spot',
    {
      schema: {
        tags: ['cases'],
        summary: '随手做: record a problem fixed on patrol and close it with photo evidence (multipart: fields "case" JSON and "note", 1–4 files)',
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ case: CaseView }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { files, fields } = await readMultipart(request, 4);
      let raw: unknown;
      try {
        raw = JSON.parse(fields.case ?? '');
      } catch {
        throw new AppError('VALIDATION_FAILED', [{ path: 'case', message: 'a JSON object is required' }]);
      }
      const parsed = SubmitCaseBody.safeParse({ ...(raw as object), channel: 'patrol' });
      if (!parsed.success) throw new AppError('VALIDATION_FAILED', parsed.error.issues.map((i) => ({ path: ['case', ...i.path].join('.'), message: i.message })));
      const note = (fields.note ?? '').trim();
      if (!note || note.length > 2000) throw new AppError('VALIDATION_FAILED', [{ path: 'note', message: 'describe what was done (1–2000 characters)' }]);
      const { channel: _channel, ...input } = parsed.data;
      const row = await fixOnSpot(db, ctx.cipher, { actor, requestId: request.id, ...input, note, files });
      return reply.status(201).send({ case: await presentOne(db, actor, row) });
    },
  );
}
