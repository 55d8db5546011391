import crypto from 'node:crypto';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { assertMayAct, isHandler, isReporter } from '../case-access.js';
import { getVisibleCase, insertEvent } from '../repository.js';
import { MalformedImageError, sniffType, stripMetadata } from './strip-metadata.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_CASE = 20;

export interface UploadedFile {
  fileName: string;
  data: Buffer;
}

/** Checks type by content and size, strips metadata, and stores each file (all or none). */
export function prepareFiles(files: UploadedFile[]) {
  return files.map((f, index) => {
    const type = sniffType(f.data);
    if (!type) throw new AppError('ATTACHMENT_REJECTED', { index, fileName: f.fileName, reason: 'only JPEG, PNG, WebP images and PDF files' });
    if (f.data.length === 0 || f.data.length > MAX_ATTACHMENT_BYTES) {
      throw new AppError('ATTACHMENT_REJECTED', { index, fileName: f.fileName, reason: `at most ${MAX_ATTACHMENT_BYTES} bytes` });
    }
    let clean: Buffer;
    try {
      clean = stripMetadata(type, f.data);
    } catch (err) {
      if (err instanceof MalformedImageError) throw new AppError('ATTACHMENT_REJECTED', { index, fileName: f.fileName, reason: err.message });
      throw err;
    }
    const fileName = f.fileName.replace(/[\\/\0-\x1f]/g, '_').slice(-120) || 'file';
    return { fileName, contentType: type, data: clean, sha256: crypto.createHash('sha256').update(clean).digest('hex') };
  });
}

/** Adds photos or documents to a case the caller reported, manages or handles. */
export async function attachFiles(db: Executor, options: Caller & { caseId: number; files: UploadedFile[] }) {
  const prepared = prepareFiles(options.files);
  return inTransaction(db, async (tx) => {
    const c = await getVisibleCase(tx, options.actor, options.caseId, true);
    if (!isReporter(options.actor, c) && !isHandler(options.actor, c)) assertMayAct(options.actor, c, 'note');
    if (['merged', 'withdrawn'].includes(c.status)) throw new AppError('CASE_INVALID_TRANSITION', { action: 'attach', status: c.status });
    const existing = await tx.selectFrom('case_attachment').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', c.id).executeTakeFirstOrThrow();
    if (Number(existing.n) + prepared.length > MAX_ATTACHMENTS_PER_CASE) {
      throw new AppError('ATTACHMENT_REJECTED', { reason: `at most ${MAX_ATTACHMENTS_PER_CASE} files per case` });
    }
    const eventId = await insertEvent(tx, {
      caseId: c.id,
      actorId: options.actor.userId,
      actorName: options.actor.displayName,
      action: 'attach',
      from: c.status,
      to: c.status,
      data: { files: prepared.map((p) => p.fileName) },
    });
    const rows = await tx
      .insertInto('case_attachment')
      .values(
        prepared.map((p) => ({
          case_id: c.id,
          event_id: eventId,
          file_name: p.fileName,
          content_type: p.contentType,
          size_bytes: p.data.length,
          sha256: p.sha256,
          data: p.data,
          uploaded_by: options.actor.userId,
        })),
      )
      .returning(['id', 'file_name as fileName', 'content_type as contentType', 'size_bytes as sizeBytes', 'sha256', 'created_at as createdAt'])
      .execute();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'case.attach',
      targetType: 'case',
      targetId: c.id,
      summary: { after: { attachments: rows.map((r) => ({ id: r.id, sha256: r.sha256, sizeBytes: r.sizeBytes })) } },
      requestId: options.requestId,
      streetId: c.street_id,
    });
    return rows;
  });
}
