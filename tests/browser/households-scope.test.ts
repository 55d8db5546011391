import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs } from './support/api.js';
import { browserAvailable, launchBrowser, openPage, screenshot, settle, signIn } from './support/browser.js';
import { INSTALL_HINT } from './support/paths.js';
import type { Me } from './support/world.js';

if (!browserAvailable()) console.warn(INSTALL_HINT);

const FULL_PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const FULL_ID = /(?<![\dX])\d{17}[\dX](?![\dX])/;

describe.skipIf(!browserAvailable())('scope: a grid worker sees their grid only, with masked personal data', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the household list of grid_worker holds exactly the households of their grid, and phones are masked', async () => {
    const admin = await apiAs('street_admin');
    const worker = await apiAs('grid_worker');
    const me = await worker.get<Me>('/auth/me');
    const grid = me.user.roles.find((r) => r.orgNodeKind === 'grid');
    expect(grid).toBeDefined();
    const inGrid = (await admin.get<{ total: number }>(`/households?pageSize=1&nodeId=${grid!.orgNodeId}`)).total;
    const inStreet = (await admin.get<{ total: number }>('/households?pageSize=1')).total;
    expect(inGrid).toBeGreaterThan(0);
    expect(inGrid).toBeLessThan(inStreet);

    const { page, context, errors } = await openPage(browser);
    await signIn(page, 'grid_worker');
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('navigation').getByRole('link', { name: '住户档案' }).click();
    await page.getByRole('heading', { level: 1, name: '住户档案' }).waitFor();
    await settle(page);

    const totalText = await page.locator('.ant-pagination-total-text').innerText();
    expect(totalText).toBe(`共 ${inGrid} 条`);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    expect(await rows.count()).toBe(Math.min(inGrid, 20));

    // Every row is in the worker's grid (the list API says so for the rows shown).
    const listed = await worker.get<{ items: { gridId: number }[] }>('/households?pageSize=200');
    expect(listed.items.every((h) => h.gridId === grid!.orgNodeId)).toBe(true);

    // The first household's members: phones and ID numbers masked, never in full.
    await rows.first().getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: '家庭成员' }).waitFor();
    await settle(page);
    const members = page.locator('section', { has: page.getByRole('heading', { name: '家庭成员' }) });
    const shown = await members.innerText();
    expect(shown).toMatch(/1\d{2}\*{4}\d{4}/);
    expect(shown).not.toMatch(FULL_PHONE);
    expect(await page.locator('main').innerText()).not.toMatch(FULL_ID);
    await screenshot(page, 'household-detail-grid-worker');
    expect(errors).toEqual([]);
    await context.close();
  });
});
