import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { endedPeriods } from '../../server/modules/analysis/reports/report-periods.js';
import { pdfText, squeeze } from '../helpers/pdf-text.js';
import { apiAs } from './support/api.js';
import { describeViolations, runAxe } from './support/axe.js';
import { browserAvailable, launchBrowser, openPage, screenshot, settle, signIn } from './support/browser.js';
import { INSTALL_HINT } from './support/paths.js';
import type { Me } from './support/world.js';

if (!browserAvailable()) console.warn(INSTALL_HINT);

interface Report {
  id: number;
  kind: string;
  period: string;
  status: string;
  source: string;
  files: { format: string; bytes: number }[];
}

describe.skipIf(!browserAvailable())('reports: the street admin generates a weekly report and downloads it as PDF and Excel', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('generate now, watch it finish, download both files; the schedule has made the weeks and months of its look-back', async () => {
    const admin = await apiAs('street_admin');
    const me = await admin.get<Me>('/auth/me');
    const street = me.user.roles.find((r) => r.orgNodeKind === 'street')!;
    const unit = `street:${street.orgNodeId}`;

    const { page, context, errors } = await openPage(browser);
    await signIn(page, 'street_admin');
    await page.goto('/analysis');
    await page.getByText('周报月报', { exact: true }).click();
    const generate = page.getByTestId('report-generate-weekly');
    await generate.waitFor();
    const week = (await generate.innerText()).match(/\d{4}-W\d{2}/)![0];

    const [posted] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/analysis/reports') && r.request().method() === 'POST'), generate.click()]);
    expect(posted.status()).toBe(202);
    const queued = (await posted.json()) as Report;
    expect(queued).toMatchObject({ kind: 'weekly', period: week, status: 'queued' });
    await page.getByText(`已开始生成 ${week} 周报`).waitFor();
    // While it is queued or generating the row shows a progress bar; the panel passes axe either way
    // (with the pointer off the button, whose hover colour is antd's, not the panel's).
    await page.mouse.move(0, 0);
    const whileBusy = await runAxe(page, 'analysis-reports (generating)');
    expect(whileBusy.serious, describeViolations(whileBusy)).toEqual([]);

    // The list polls until the background worker is done, then offers the files.
    const pdfButton = page.getByTestId(`report-file-${queued.id}-pdf`);
    await pdfButton.waitFor({ timeout: 60_000 });
    const row = page.getByTestId('report-list').locator('tr', { has: pdfButton });
    expect(await row.innerText()).toContain('已完成');
    await settle(page);
    await screenshot(page, 'analysis-reports');
    const done = await runAxe(page, 'analysis-reports (done)');
    expect(done.serious, describeViolations(done)).toEqual([]);

    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), pdfButton.click()]);
    expect(pdfDownload.suggestedFilename()).toBe(`周报-${street.orgNodeName}-${week}.pdf`);
    const pdf = fs.readFileSync((await pdfDownload.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('民情分析周报');
    expect(text).toContain(squeeze(`${street.orgNodeName}·${week}`));
    const view = await admin.get<{ overdue: { total: number }; fallingBehind: { street: { responseRate: { numerator: number; denominator: number } } } }>(
      `/analysis/weekly?week=${week}&unit=${unit}`,
    );
    const r = view.fallingBehind.street.responseRate;
    if (r.denominator > 0) expect(text).toContain(`(${r.numerator}/${r.denominator})`);
    expect(text).toContain(`超时诉求：${view.overdue.total}件`);

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`report-file-${queued.id}-xlsx`).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync((await xlsxDownload.path())!) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['超时诉求', '类问题', '落后单位']);

    // On start the schedule queued the demo street's reports of the weeks and months of its
    // look-back (REPORT_BACKFILL_WEEKS 8, REPORT_BACKFILL_MONTHS 3): the street has a year of cases.
    const listed = await admin.get<{ items: Report[] }>(`/analysis/reports?unit=${unit}`);
    const scheduled = listed.items.filter((i) => i.source === 'schedule');
    const now = new Date();
    expect(scheduled.filter((i) => i.kind === 'weekly').map((i) => i.period).sort()).toEqual(endedPeriods('weekly', now, 8).sort());
    expect(scheduled.filter((i) => i.kind === 'monthly').map((i) => i.period).sort()).toEqual(endedPeriods('monthly', now, 3).sort());
    expect(errors).toEqual([]);
    await context.close();
  });
});
