import type { Executor } from '../../../platform/db/transaction.js';
import { readReportData } from './read-report-data.js';
import type { ReportRenderer } from './report-renderer.js';
import { finishReport, setReportProgress, type ClaimedReport } from './repository.js';

/** The claim was taken over by another worker (this one stalled): write nothing more. */
export class ClaimLost extends Error {}

/**
 * Makes the files of a claimed report, saying how far it is as it goes; the row is done at the
 * end. The figures are read here, the files rendered by `renderer` (a worker thread).
 */
export async function generateReport(db: Executor, claim: ClaimedReport, options: { now: () => Date; renderer: ReportRenderer }): Promise<void> {
  const { now, renderer } = options;
  const step = async (progress: number) => {
    if (!(await setReportProgress(db, claim, progress, now()))) throw new ClaimLost();
  };
  await step(5);
  const data = await readReportData(db, claim);
  await step(40);
  const render = (format: 'pdf' | 'xlsx') => (claim.formats.includes(format) ? renderer.render({ format, data, lang: claim.lang, generatedAt: now() }) : null);
  const xlsx = await render('xlsx');
  await step(60);
  const pdf = await render('pdf');
  await step(95);
  if (!(await finishReport(db, claim, { pdf, xlsx }, now()))) throw new ClaimLost();
}
