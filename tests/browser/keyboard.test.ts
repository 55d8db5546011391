import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs } from './support/api.js';
import { browserAvailable, launchBrowser, openPage, PHONE } from './support/browser.js';
import { INSTALL_HINT } from './support/paths.js';

if (!browserAvailable()) console.warn(INSTALL_HINT);

/** What has the keyboard focus: its role-ish tag, accessible text and a few attributes. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      type: el?.getAttribute('type') ?? '',
      text: (el?.innerText || el?.getAttribute('aria-label') || '').trim(),
      id: el?.id ?? '',
      pressed: el?.getAttribute('aria-pressed') ?? null,
      visibleOutline: el ? getComputedStyle(el).outlineStyle !== 'none' : false,
    };
  });
}

/** Presses Tab until the focus is on what `wanted` describes; fails after `max` presses. */
async function tabTo(page: Page, what: string, wanted: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (wanted(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${what}; focus is on ${JSON.stringify(await focused(page))}`);
}

describe.skipIf(!browserAvailable())('keyboard only', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a resident signs in and submits a case with Tab, Enter and Space alone', async () => {
    const resident = await apiAs('resident');
    const before = (await resident.get<{ total: number }>('/cases?pageSize=1')).total;
    const { page, context, errors } = await openPage(browser, { viewport: PHONE });

    // Sign in: the username field has the focus when the page opens.
    await page.goto('/sign-in');
    await page.getByLabel('用户名').waitFor();
    expect((await focused(page)).tag).toBe('input');
    await page.keyboard.type('resident');
    await page.keyboard.press('Tab');
    await page.keyboard.type('gongzhi-demo');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/portal');
    await page.getByRole('link', { name: /我要反映/ }).waitFor();

    // Home → 我要反映.
    await tabTo(page, 'the 我要反映 button', (f) => f.tag === 'a' && f.text.startsWith('我要反映'));
    expect((await focused(page)).visibleOutline).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: '我要反映' }).waitFor();

    // Describe the problem; pick the suggested category with Space.
    await tabTo(page, 'the description', (f) => f.tag === 'textarea');
    await page.keyboard.type('楼道里的灯坏了好几天，晚上上下楼看不见台阶。');
    await page.getByTestId('suggestions').getByRole('button').first().waitFor();
    await tabTo(page, 'a suggested category', (f) => f.tag === 'button' && f.pressed === 'false');
    const chosen = (await focused(page)).text;
    await page.keyboard.press('Space');
    // The form re-renders the chip as chosen once its watched value changes; the focus stays on it.
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-pressed') === 'true', undefined, { timeout: 5_000 });
    expect((await focused(page)).text).toBe(chosen);

    // The place stays "my home" (the default); Tab on to the submit button and press Enter.
    await tabTo(page, 'the submit button', (f) => f.tag === 'button' && f.text.replace(/\s/g, '') === '提交');
    await page.keyboard.press('Enter');
    await page.getByTestId('case-number').waitFor();

    // The confirmation takes the focus, so a screen reader announces it.
    expect((await focused(page)).text).toBe('提交成功');
    const number = (await page.getByTestId('case-number').textContent())!.trim();
    const { items, total } = await resident.get<{ total: number; items: { publicId: string; category: { nameZh: string } }[] }>(
      '/cases?pageSize=200',
    );
    expect(total).toBe(before + 1);
    expect(items.find((c) => c.publicId === number)?.category.nameZh).toBe(chosen);

    // And on to the case itself, still by keyboard.
    await tabTo(page, 'the 查看办理进度 link', (f) => f.tag === 'a' && f.text === '查看办理进度');
    await page.keyboard.press('Enter');
    await page.getByTestId('case-status').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
