import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { ReportFormat } from '../../../platform/db/schema-analysis.js';
import type { Lang, ReportData } from './report-tables.js';
import { writeReportPdf } from './write-pdf.js';
import { writeReportXlsx } from './write-xlsx.js';

/** What one file of a report is made from: plain data, so it can be sent to a worker thread. */
export interface RenderJob {
  format: ReportFormat;
  data: ReportData;
  lang: Lang;
  generatedAt: Date;
}

async function xlsxBytes(data: ReportData, lang: Lang): Promise<Buffer> {
  const out = new PassThrough();
  const [bytes] = await Promise.all([buffer(out), writeReportXlsx(out, data, lang)]);
  return bytes;
}

/**
 * One file of a report, made on the calling thread. CPU-bound (a PDF takes a few hundred ms,
 * the first of a thread more, for the fonts): the report worker calls it through a worker
 * thread (report-renderer.ts), so the HTTP server keeps answering meanwhile.
 */
export function renderReportFile(job: RenderJob): Promise<Buffer> {
  return job.format === 'pdf' ? writeReportPdf(job.data, job.lang, job.generatedAt) : xlsxBytes(job.data, job.lang);
}
