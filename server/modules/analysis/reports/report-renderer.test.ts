import { afterAll, describe, expect, it } from 'vitest';
import { renderReportFile, type RenderJob } from './render-report.js';
import { createReportRenderer } from './report-renderer.js';
import type { ReportData } from './report-tables.js';

/** A month with nothing ranked: enough for both writers. */
const emptyMonth = {
  kind: 'monthly',
  data: {
    unit: { kind: 'street', id: 1, name: '测试街道' },
    month: '2025-06',
    from: '2025-06-01',
    to: '2025-06-30',
    ranking: { items: [], rule: { zh: '规则', en: 'rule' } },
    priorityCandidates: { items: [], rule: { zh: '规则', en: 'rule' } },
  },
} as unknown as ReportData;
const job = (format: 'pdf' | 'xlsx', data = emptyMonth): RenderJob => ({ format, data, lang: 'zh', generatedAt: new Date('2025-07-01T08:00:00Z') });

describe('the report renderer (a worker thread)', () => {
  const renderer = createReportRenderer({ idleMs: 50 });
  afterAll(() => renderer.close());

  it('renders PDF and Excel files in its thread as the main thread would', async () => {
    const [pdf, xlsx] = await Promise.all([renderer.render(job('pdf')), renderer.render(job('xlsx'))]);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    // The same bytes as on the main thread (the workbook carries its creation time, so only the PDF compares).
    expect(pdf.equals(await renderReportFile(job('pdf')))).toBe(true);
  });

  it('fails only the job whose data is bad, and keeps working', async () => {
    const bad = job('xlsx', { kind: 'monthly', data: {} } as unknown as ReportData);
    await expect(renderer.render(bad)).rejects.toThrow(/report rendering failed/);
    expect((await renderer.render(job('xlsx'))).subarray(0, 2).toString()).toBe('PK');
  });

  it('starts a new thread after being idle or closed', async () => {
    await new Promise((r) => setTimeout(r, 120)); // past idleMs: the thread has stopped
    expect((await renderer.render(job('pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
    await renderer.close();
    expect((await renderer.render(job('xlsx'))).subarray(0, 2).toString()).toBe('PK');
  });

  it('fails a job that outlasts its time limit, with the one queued behind it, and renders the next in a new thread', async () => {
    // 1 ms: not even a warm thread answers that fast, so the job is still in the thread when its time is up.
    const late = renderer.render(job('pdf'), { timeoutMs: 1 });
    const behind = renderer.render(job('xlsx'));
    await expect(late).rejects.toThrow(/timed out after 1 ms/);
    await expect(behind).rejects.toThrow(/stopped/);
    expect((await renderer.render(job('xlsx'))).subarray(0, 2).toString()).toBe('PK');
  });

  it('fails the jobs in flight when closed', async () => {
    const inFlight = renderer.render(job('pdf'));
    await renderer.close();
    await expect(inFlight).rejects.toThrow(/stopped/);
  });
});
