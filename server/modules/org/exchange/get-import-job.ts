import type { Kysely } from 'kysely';
import type { Caller } from '../../../platform/context.js';
import type { DB, ImportJobKind, ImportKind } from '../../../platform/db/schema.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { liveJobs } from './progress.js';
import { findJob, type ImportJobRow } from './repository.js';

const FINISHED = new Set(['rejected', 'done', 'failed']);
const ARCHIVE_KINDS: readonly ImportKind[] = ['households', 'residents'];

/**
 * An import job for the user who started it, or for a street administrator; anyone else gets
 * IMPORT_NOT_FOUND. While the job runs in this process its live progress is returned.
 */
export async function getImportJob(db: Kysely<DB>, options: Caller & { id: number }): Promise<ImportJobRow> {
  scopeFor(options.actor, 'archive.import');
  return findVisibleJob(db, { ...options, kinds: ARCHIVE_KINDS });
}

/**
 * The job with its live progress, when it is of one of `kinds` and the caller may see it (its
 * creator or a street administrator); the caller's permission is checked by the use case.
 */
export async function findVisibleJob<K extends ImportJobKind>(db: Kysely<DB>, options: Caller & { id: number; kinds: readonly K[] }): Promise<ImportJobRow<K>> {
  const found = await findJob(db, options.id);
  const job = found && options.kinds.includes(found.kind as K) ? { ...found, kind: found.kind as K } : undefined;
  const visible = job && (job.created_by === options.actor.userId || options.actor.roles.some((r) => r.role === 'street_admin'));
  if (!job || !visible) throw new AppError('IMPORT_NOT_FOUND', { id: options.id });
  const live = liveJobs(db).get(job.id);
  if (!live || FINISHED.has(job.status)) return job;
  return { ...job, status: live.status, processed_rows: live.processedRows };
}
