import { z } from 'zod';
import { LocalMonth } from '../../cases/rates/period.js';
import { IsoWeek } from '../periods.js';
import { Unit, UnitParam } from '../schema.js';

export const ReportKind = z.enum(['weekly', 'monthly']);
export const ReportFormat = z.enum(['pdf', 'xlsx']);
export const ReportStatus = z.enum(['queued', 'running', 'done', 'failed']);
const Lang = z.enum(['zh', 'en']);

/** A weekly report covers an ISO week YYYY-Www, a monthly one a month YYYY-MM. */
export const PERIOD_OF = { weekly: IsoWeek, monthly: LocalMonth } as const;

/** Adds an issue at `period` when it is not a period of the kind (or of either kind, without one). */
function checkPeriod(q: { kind?: z.infer<typeof ReportKind>; period?: string }, ctx: z.RefinementCtx) {
  if (q.period === undefined) return;
  const kinds = q.kind ? [q.kind] : ReportKind.options;
  if (!kinds.some((k) => PERIOD_OF[k].safeParse(q.period).success)) {
    ctx.addIssue({ code: 'custom', path: ['period'], message: q.kind === 'monthly' ? 'expected a month YYYY-MM' : q.kind === 'weekly' ? 'expected an ISO week YYYY-Www' : 'expected an ISO week YYYY-Www or a month YYYY-MM' });
  }
}

export const RequestReportBody = z
  .strictObject({
    kind: ReportKind,
    period: z.string().max(10),
    unit: UnitParam,
    /** Both files unless one is asked for. */
    format: z.enum(['pdf', 'xlsx', 'both']).default('both'),
    /** The report's language; the request's (Accept-Language) when left out. */
    lang: Lang.optional(),
  })
  .superRefine(checkPeriod);

export const ReportListQuery = z
  .strictObject({
    unit: UnitParam,
    kind: ReportKind.optional(),
    period: z.string().max(10).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine(checkPeriod);

export const ReportFileQuery = z.strictObject({ format: ReportFormat });

export const Report = z.object({
  id: z.number(),
  unit: Unit,
  kind: ReportKind,
  period: z.string(),
  formats: z.array(ReportFormat),
  lang: Lang,
  status: ReportStatus,
  /** 0–100; 100 once done. */
  progress: z.number(),
  source: z.enum(['request', 'schedule']),
  requestedBy: z.object({ id: z.number().nullable(), name: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  files: z.array(z.object({ format: ReportFormat, bytes: z.number(), url: z.string() })),
});
export const ReportList = z.object({ items: z.array(Report) });
export const ReportFile = z.any().describe('The report as a PDF or an .xlsx workbook');
