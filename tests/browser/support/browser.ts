import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { DEMO_PASSWORD } from './api.js';
import { SCREENSHOTS } from './paths.js';

export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 860 } as const;

/** True when Chromium is there; test files use it with describe.skipIf. */
export const browserAvailable = (): boolean => inject('chromiumPath') !== '';

export function baseUrl(): string {
  return inject('baseUrl');
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject('chromiumPath'),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  /** Preferences as a returning user left them (localStorage), before any page script runs. */
  language?: 'zh-CN' | 'en';
  largeText?: boolean;
}

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page: a journey fails if there are any. */
  errors: string[];
}

/** A fresh browser profile (no cookies, no storage) with one page. */
export async function openPage(browser: Browser, options: PageOptions = {}): Promise<OpenPage> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: options.viewport ?? DESKTOP,
    locale: options.language ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(15_000);
  const language = options.language ?? 'zh-CN';
  const largeText = options.largeText ? '1' : '0';
  await context.addInitScript(
    ([lang, large]) => {
      try {
        // Only on a tab's first page load: a reload must see what the user changed since.
        if (sessionStorage.getItem('test.seeded')) return;
        sessionStorage.setItem('test.seeded', '1');
        localStorage.setItem('gongzhi.language', lang);
        localStorage.setItem('gongzhi.largeText', large);
      } catch {
        // about:blank has no storage
      }
    },
    [language, largeText] as const,
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

const SIGN_IN_BUTTON = /^(登\s*录|Sign in)$/;

/** Signs in through the sign-in page, as a person would, and waits for the landing page. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel(/^(用户名|Username)$/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: SIGN_IN_BUTTON }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await page.locator('main h1').first().waitFor();
}

/** A full-page screenshot under test-artifacts/screenshots/ (not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Waits until no request is in flight and antd's loading spinners are gone. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .page-loading'));
}
