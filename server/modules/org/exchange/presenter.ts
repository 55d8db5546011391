import type { z } from 'zod';
import { errorMessage, type ErrorCode, type Lang } from '../../../platform/errors.js';
import type { ImportJobRow } from './repository.js';
import type { ImportJobView } from './schema.js';

const count = (v: unknown) => (typeof v === 'number' ? v : 0);

export function presentJob(job: ImportJobRow, lang: Lang): z.infer<typeof ImportJobView> {
  const code: ErrorCode | null = job.status === 'rejected' ? 'IMPORT_REJECTED' : job.status === 'failed' ? 'IMPORT_FAILED' : null;
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    fileName: job.file_name,
    totalRows: job.total_rows,
    processedRows: job.processed_rows,
    errors: job.errors,
    summary: { created: count(job.summary.created), updated: count(job.summary.updated), unchanged: count(job.summary.unchanged) },
    error: code ? { code, message: errorMessage(code, lang), ...(code === 'IMPORT_REJECTED' ? { details: { errorCount: job.errors.length } } : {}) } : null,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
  };
}
