import type { Kysely } from 'kysely';
import type { Caller } from '../../../platform/context.js';
import type { DB } from '../../../platform/db/schema.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { liveJobs } from './progress.js';
import { findJob, type ImportJobRow } from './repository.js';

const FINISHED = new Set(['rejected', 'done', 'failed']);

/**
 * An import job for the user who started it, or for a street administrator; anyone else gets
 * IMPORT_NOT_FOUND. While the job runs in this process its live progress is returned.
 */
export async function getImportJob(db: Kysely<DB>, options: Caller & { id: number }): Promise<ImportJobRow> {
  scopeFor(options.actor, 'archive.import');
  const job = await findJob(db, options.id);
  const visible = job && (job.created_by === options.actor.userId || options.actor.roles.some((r) => r.role === 'street_admin'));
  if (!job || !visible) throw new AppError('IMPORT_NOT_FOUND', { id: options.id });
  const live = liveJobs(db).get(job.id);
  if (!live || FINISHED.has(job.status)) return job;
  return { ...job, status: live.status, processed_rows: live.processedRows };
}
