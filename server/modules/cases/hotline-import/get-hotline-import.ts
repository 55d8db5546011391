import type { Kysely } from 'kysely';
import type { Caller } from '../../../platform/context.js';
import type { DB } from '../../../platform/db/schema.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { findVisibleJob } from '../../org/exchange/get-import-job.js';
import type { ImportJobRow } from '../../org/exchange/repository.js';

/** A hotline import for the user who started it, or for a street administrator; IMPORT_NOT_FOUND otherwise. */
export async function getHotlineImport(db: Kysely<DB>, options: Caller & { id: number }): Promise<ImportJobRow<'hotline_cases'>> {
  scopeFor(options.actor, 'case.manage');
  return findVisibleJob(db, { ...options, kinds: ['hotline_cases'] as const });
}
