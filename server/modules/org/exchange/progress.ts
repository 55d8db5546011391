import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { DB, ImportStatus } from '../../../platform/db/schema.js';
import { saveJobProgress } from './repository.js';

/** How far a running job got, kept in memory so polling sees it while the big transaction is open. */
export interface LiveJob {
  id: number;
  status: ImportStatus;
  processedRows: number;
  totalRows: number;
}

// Keyed by database handle, so two apps in one process (tests) never mix up their job ids.
const running = new WeakMap<object, Map<number, LiveJob>>();

export function liveJobs(db: Kysely<DB>): Map<number, LiveJob> {
  let jobs = running.get(db);
  if (!jobs) {
    jobs = new Map();
    running.set(db, jobs);
  }
  return jobs;
}

export interface ProgressSink {
  /** Counts `rows` more rows done and lets other requests run. */
  advance(rows: number): Promise<void>;
}

export const NO_PROGRESS: ProgressSink = { advance: async () => undefined };

const SAVE_EVERY_MS = 500;

/**
 * Live progress of one job: in memory on every step, in import_job.processed_rows now and then.
 * The table is written only outside the import transaction, or beside it when the engine has
 * more than one connection (PostgreSQL); PGlite's single connection is busy with the transaction.
 */
export class JobProgress implements ProgressSink {
  private lastSaved = Date.now();
  private inTransaction = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly live: LiveJob,
    private readonly canWriteBesideTransaction: boolean,
  ) {
    liveJobs(db).set(live.id, live);
  }

  /** Enters a phase; `inTransaction` says whether the work that follows holds the import transaction. */
  async phase(status: ImportStatus, inTransaction: boolean): Promise<void> {
    this.live.status = status;
    this.live.processedRows = 0;
    await saveJobProgress(this.db, this.live.id, status, 0);
    this.lastSaved = Date.now();
    this.inTransaction = inTransaction;
  }

  async advance(rows: number): Promise<void> {
    this.live.processedRows = Math.min(this.live.totalRows, this.live.processedRows + rows);
    if ((!this.inTransaction || this.canWriteBesideTransaction) && Date.now() - this.lastSaved >= SAVE_EVERY_MS) {
      this.lastSaved = Date.now();
      await saveJobProgress(this.db, this.live.id, this.live.status, this.live.processedRows);
    }
    await yieldToEventLoop();
  }

  end(): void {
    liveJobs(this.db).delete(this.live.id);
  }
}
