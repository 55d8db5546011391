import type { z } from 'zod';
import type { Lang } from '../../../platform/errors.js';
import { jobError } from '../../org/exchange/presenter.js';
import type { ImportJobRow } from '../../org/exchange/repository.js';
import type { HotlineImportJobView } from './schema.js';

const count = (v: unknown) => (typeof v === 'number' ? v : 0);

export function presentHotlineJob(job: ImportJobRow<'hotline_cases'>, lang: Lang): z.infer<typeof HotlineImportJobView> {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    fileName: job.file_name,
    totalRows: job.total_rows,
    processedRows: job.processed_rows,
    errors: job.errors,
    summary: { created: count(job.summary.created), alreadyImported: count(job.summary.alreadyImported), suggestedCategory: count(job.summary.suggestedCategory) },
    error: jobError(job, lang),
    createdAt: job.created_at,
    finishedAt: job.finished_at,
  };
}
