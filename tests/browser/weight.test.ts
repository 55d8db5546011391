import zlib from 'node:zlib';
import type { Browser, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserAvailable, launchBrowser, openPage, settle } from './support/browser.js';
import { INSTALL_HINT } from './support/paths.js';

if (!browserAvailable()) console.warn(INSTALL_HINT);

const BUDGET_BYTES = 300 * 1024;

/** Bytes on the wire when gzipped: as sent when the server compresses, else gzipped here. */
async function gzippedSize(response: Response): Promise<number> {
  const body = await response.body();
  if (response.headers()['content-encoding']) return (await response.request().sizes()).responseBodySize;
  return zlib.gzipSync(body, { level: 9 }).length;
}

describe.skipIf(!browserAvailable())('weight', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the sign-in page loads less than 300 KB of gzipped JavaScript', async () => {
    const { page, context } = await openPage(browser);
    const scripts: Response[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (response.request().resourceType() === 'script' || url.pathname.endsWith('.js')) scripts.push(response);
    });
    await page.goto('/sign-in');
    await page.getByRole('button', { name: /^登\s*录$/ }).waitFor();
    await settle(page);

    const sizes = await Promise.all(
      scripts.map(async (r) => ({ path: new URL(r.url()).pathname, raw: (await r.body()).length, gzip: await gzippedSize(r) })),
    );
    sizes.sort((a, b) => b.gzip - a.gzip);
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    const raw = sizes.reduce((sum, s) => sum + s.raw, 0);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(
      `Sign-in page JavaScript: ${sizes.length} files, ${kb(total)} gzipped (${kb(raw)} raw); budget ${kb(BUDGET_BYTES)}\n` +
        sizes.map((s) => `  ${kb(s.gzip).padStart(9)}  ${s.path}`).join('\n'),
    );
    expect(sizes.length).toBeGreaterThan(0);
    expect(total).toBeLessThan(BUDGET_BYTES);
    await context.close();
  });
});
