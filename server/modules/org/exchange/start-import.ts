import type { Caller } from '../../../platform/context.js';
import type { ImportKind } from '../../../platform/db/schema.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { readImportSheet } from './read-sheet.js';
import { insertJob } from './repository.js';
import { runImport, type ImportRuntime } from './run-import.js';

/**
 * Accepts an upload: checks that it is a readable workbook with the required columns (INVALID_FILE
 * otherwise), records the job and leaves validation and writing to run in the background.
 */
export async function startImport(rt: ImportRuntime, options: Caller & { kind: ImportKind; fileName: string; file: Buffer }) {
  const scope = scopeFor(options.actor, 'archive.import');
  const sheet = await readImportSheet(options.kind, options.file);
  const job = await insertJob(rt.db, { kind: options.kind, fileName: options.fileName, totalRows: sheet.rows.length, createdBy: options.actor.userId });
  void runImport(rt, { id: job.id, fileName: job.file_name }, sheet, { actor: options.actor, requestId: options.requestId, scope }).catch((err: unknown) =>
    rt.log.error({ err, importJobId: job.id }, 'import crashed'),
  );
  return job;
}
