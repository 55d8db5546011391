import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { Executor } from '../../../platform/db/transaction.js';
import type { ReportData } from './report-tables.js';
import { readReportData } from './read-report-data.js';
import { finishReport, setReportProgress, type ClaimedReport } from './repository.js';
import { writeReportPdf } from './write-pdf.js';
import { writeReportXlsx } from './write-xlsx.js';

/** The claim was taken over by another worker (this one stalled): write nothing more. */
export class ClaimLost extends Error {}

async function xlsxBytes(data: ReportData, lang: 'zh' | 'en'): Promise<Buffer> {
  const out = new PassThrough();
  const [bytes] = await Promise.all([buffer(out), writeReportXlsx(out, data, lang)]);
  return bytes;
}

/** Makes the files of a claimed report, saying how far it is as it goes; the row is done at the end. */
export async function generateReport(db: Executor, claim: ClaimedReport, now: () => Date): Promise<void> {
  const step = async (progress: number) => {
    if (!(await setReportProgress(db, claim, progress, now()))) throw new ClaimLost();
  };
  await step(5);
  const data = await readReportData(db, claim);
  await step(40);
  const xlsx = claim.formats.includes('xlsx') ? await xlsxBytes(data, claim.lang) : null;
  await step(60);
  const pdf = claim.formats.includes('pdf') ? await writeReportPdf(data, claim.lang, now()) : null;
  await step(95);
  if (!(await finishReport(db, claim, { pdf, xlsx }, now()))) throw new ClaimLost();
}
