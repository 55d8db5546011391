import type { Caller } from '../../../platform/context.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { insertJob } from '../../org/exchange/repository.js';
import type { ImportRuntime } from '../../org/exchange/run-import.js';
import { runHotlineImport } from './import-work-orders.js';
import { readHotlineFile } from './read-file.js';

/**
 * Accepts an uploaded work-order file: checks that it is a readable .xlsx or CSV with the
 * required columns (INVALID_FILE otherwise), records the job and leaves checking every row and
 * taking the work orders in to run in the background.
 */
export async function startHotlineImport(rt: ImportRuntime, options: Caller & { fileName: string; file: Buffer }) {
  const scope = scopeFor(options.actor, 'case.manage');
  const sheet = await readHotlineFile(options.file, options.fileName);
  const job = await insertJob(rt.db, { kind: 'hotline_cases', fileName: options.fileName, totalRows: sheet.rows.length, createdBy: options.actor.userId });
  void runHotlineImport(rt, { id: job.id, fileName: job.file_name }, sheet, { actor: options.actor, requestId: options.requestId, scope }).catch((err: unknown) =>
    rt.log.error({ err, importJobId: job.id }, 'hotline import crashed'),
  );
  return job;
}
