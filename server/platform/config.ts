import path from 'node:path';
import { z } from 'zod';

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  /** Name parameterised statements so PostgreSQL parses them once per connection; off behind a pooler that cannot keep them (PgBouncer in transaction mode before 1.21). */
  DATABASE_PREPARE: boolean.default(true),
  ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: boolean.default(true),
  SEED_HOUSEHOLDS: z.coerce.number().int().min(0).max(10_000_000).default(8000),
  /** Base-map tiles for the grid map ({z}/{x}/{y} template); empty: grids on a plain background, no internet needed. */
  MAP_TILE_URL: z
    .string()
    .default('')
    .refine((v) => v === '' || (/^https?:\/\//.test(v) && ['{z}', '{x}', '{y}'].every((p) => v.includes(p))), 'must be an http(s) URL template with {z}, {x} and {y}, or empty'),
  /** How often early warnings are judged for today in the background (0: only when the daily view is read). */
  WARNINGS_INTERVAL_MS: z.coerce.number().int().min(0).default(600_000),
  /** How often the roll-up changes transitions append are folded into the roll-up tables; 0: never in this process. */
  ROLLUP_FOLD_INTERVAL_MS: z.coerce.number().int().min(0).default(2000),
  /** Roll-up changes waiting to be folded past which /healthz warns that no process seems to be folding them. */
  ROLLUP_BACKLOG_WARN_ROWS: z.coerce.number().int().min(1).default(200_000),
  /** How often this process looks for reports (周报/月报) to generate (0: it generates none). */
  REPORTS_INTERVAL_MS: z.coerce.number().int().min(0).default(2000),
  /** How often the weekly and monthly reports of every street are queued once their period ends (0: no scheduled reports). */
  REPORT_SCHEDULE_INTERVAL_MS: z.coerce.number().int().min(0).default(600_000),
  /** Weeks and months ended that the schedule looks back over, so periods missed while no process ran are still made (1: only the last ended). */
  REPORT_BACKFILL_WEEKS: z.coerce.number().int().min(1).max(52).default(8),
  REPORT_BACKFILL_MONTHS: z.coerce.number().int().min(1).max(24).default(3),
  /** Days a finished report (its row and files) is kept; 0: kept for ever. */
  REPORT_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(365),
  SEED_HISTORY_CASES: z.coerce.number().int().min(0).max(5_000_000).default(50_000),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  COOKIE_SECURE: boolean.default(false),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (never when exposed directly). */
  TRUST_PROXY: boolean.default(false),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  UPLOAD_LIMIT_BYTES: z.coerce.number().int().min(1024).default(20 * 1_048_576),
  // Time-driven work (督办) and notification delivery; both loops run in every app process.
  SCHEDULER_ENABLED: boolean.default(true),
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  SCHEDULER_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(100),
  SCHEDULER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  ESCALATE_AFTER_SHARE: z.coerce.number().positive().max(10).default(0.25),
  OUTBOX_ENABLED: boolean.default(true),
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(100).default(2000),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
}).superRefine((c, ctx) => {
  // A report pruned while its period is still in the schedule's look-back would be queued again, and pruned again.
  const lookBackDays = Math.max(7 * c.REPORT_BACKFILL_WEEKS, 31 * c.REPORT_BACKFILL_MONTHS);
  if (c.REPORT_RETENTION_DAYS > 0 && c.REPORT_RETENTION_DAYS <= lookBackDays) {
    ctx.addIssue({ code: 'custom', path: ['REPORT_RETENTION_DAYS'], message: `must be 0 or more than the schedule's look-back of ${lookBackDays} days (REPORT_BACKFILL_WEEKS, REPORT_BACKFILL_MONTHS)` });
  }
});

export type RawConfig = z.infer<typeof ConfigSchema>;
export type Config = RawConfig & { dataDir: string; production: boolean };

/** Parses the environment once; a bad setting stops the process with one clear line. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration — ${lines.join('; ')}`);
  }
  return {
    ...parsed.data,
    dataDir: path.resolve(parsed.data.DATA_DIR),
    production: parsed.data.NODE_ENV === 'production',
  };
}
