import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserAvailable, launchBrowser, openPage, PHONE, screenshot, settle, signIn } from './support/browser.js';
import { INSTALL_HINT } from './support/paths.js';

if (!browserAvailable()) console.warn(INSTALL_HINT);

const px = (value: string) => Number.parseFloat(value);

function sizes(page: Page) {
  return page.evaluate(() => {
    const size = (selector: string) => {
      const el = document.querySelector(selector);
      return el ? getComputedStyle(el).fontSize : '';
    };
    return {
      body: getComputedStyle(document.body).fontSize,
      heading: size('main h1'),
      tile: size('.portal-tile-hint'),
      button: size('main .ant-btn, main a.portal-tile'),
      largeClass: document.documentElement.classList.contains('large-text'),
    };
  });
}

describe.skipIf(!browserAvailable())('preferences', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('适老化: the large-text mode makes the base font larger, everywhere, and survives a reload', async () => {
    const { page, context, errors } = await openPage(browser, { viewport: PHONE });
    await signIn(page, 'resident');
    await settle(page);
    const normal = await sizes(page);
    expect(normal.largeClass).toBe(false);

    const toggle = page.getByRole('switch', { name: '大字模式' });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    await page.waitForFunction(() => document.documentElement.classList.contains('large-text'));
    // The class and antd's re-themed styles can land a frame apart (seen once under load: the
    // body still 14 px); wait for the body's size to change, then check every size.
    await page.waitForFunction((before) => Number.parseFloat(getComputedStyle(document.body).fontSize) > before, px(normal.body));
    const large = await sizes(page);
    expect(px(large.body)).toBeGreaterThanOrEqual(18);
    expect(px(large.body)).toBeGreaterThan(px(normal.body));
    expect(px(large.heading)).toBeGreaterThan(px(normal.heading));
    expect(px(large.tile)).toBeGreaterThan(px(normal.tile));

    await page.reload();
    await settle(page);
    expect(await sizes(page)).toEqual(large);
    expect(await page.getByRole('switch', { name: '大字模式' }).getAttribute('aria-checked')).toBe('true');
    await screenshot(page, 'portal-home-large-text');

    // And back: the normal size returns.
    await page.getByRole('switch', { name: '大字模式' }).click();
    await page.waitForFunction(() => !document.documentElement.classList.contains('large-text'));
    expect(px((await sizes(page)).body)).toBe(px(normal.body));
    expect(errors).toEqual([]);
    await context.close();
  });

  test('switching to English changes the visible texts and <html lang>, and is remembered', async () => {
    const { page, context, errors } = await openPage(browser, { viewport: PHONE });
    await page.goto('/sign-in');
    await page.getByRole('button', { name: /^登\s*录$/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    // On the sign-in page…
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByLabel('Username').count()).toBe(1);

    // …and in the portal after signing in.
    await signIn(page, 'resident');
    await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
    await page.getByRole('link', { name: /Report a problem/ }).waitFor();
    expect(await page.title()).toContain('Resident services');
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/我要反映|我的诉求|通知公告/);

    await page.getByRole('link', { name: /My requests/ }).click();
    await page.getByRole('heading', { level: 1, name: 'My requests' }).waitFor();
    await settle(page);
    // Statuses and categories are in English too (category names come from the API in both languages).
    expect(await page.locator('main [data-status]').first().innerText()).toMatch(/^[\x20-\x7e’]+$/);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My requests' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(page, 'portal-cases-english');

    // Back to Chinese.
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '我的诉求' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(errors).toEqual([]);
    await context.close();
  });
});
