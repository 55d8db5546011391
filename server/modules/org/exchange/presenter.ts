import type { z } from 'zod';
import { errorMessage, type ErrorCode, type Lang } from '../../../platform/errors.js';
import type { ImportJobRow } from './repository.js';
import type { ImportJobView } from './schema.js';

const count = (v: unknown) => (typeof v === 'number' ? v : 0);

/** The platform error of a rejected or failed job, in the request's language; null otherwise. */
export function jobError(job: Pick<ImportJobRow, 'status' | 'errors'>, lang: Lang): z.infer<typeof ImportJobView>['error'] {
  const code: ErrorCode | null = job.status === 'rejected' ? 'IMPORT_REJECTED' : job.status === 'failed' ? 'IMPORT_FAILED' : null;
  return code ? { code, message: errorMessage(code, lang), ...(code === 'IMPORT_REJECTED' ? { details: { errorCount: job.errors.length } } : {}) } : null;
}

export function presentJob(job: ImportJobRow, lang: Lang): z.infer<typeof ImportJobView> {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    fileName: job.file_name,
    totalRows: job.total_rows,
    processedRows: job.processed_rows,
    errors: job.errors,
    summary: { created: count(job.summary.created), updated: count(job.summary.updated), unchanged: count(job.summary.unchanged) },
    error: jobError(job, lang),
    createdAt: job.created_at,
    finishedAt: job.finished_at,
  };
}
