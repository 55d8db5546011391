import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, localMonth } from './support/api.js';
import { describeViolations, runAxe } from './support/axe.js';
import { browserAvailable, launchBrowser, openPage, screenshot, settle, signIn, type OpenPage } from './support/browser.js';
import { layoutProblems } from './support/layout.js';
import { INSTALL_HINT } from './support/paths.js';

if (!browserAvailable()) console.warn(INSTALL_HINT);

interface Grid {
  id: number;
  name: string;
  boundary: unknown;
  received: number;
  overdue: number;
  openOverdue: number;
}
interface Dashboard {
  unit: { id: number; name: string };
  grids: { items: Grid[] };
  trend: { items: { day: string; received: number; resolved: number; overdue: number }[] };
}

const WALL = { width: 1920, height: 1080 } as const;
const LAPTOP = { width: 1280, height: 720 } as const;

/** Each drawn grid's fill colour, by grid id (the polygons carry the class screen-grid-<id>). */
async function fills(page: Page): Promise<Map<number, string>> {
  const pairs = await page.locator('path.screen-grid').evaluateAll((paths) =>
    paths.map((p) => [Number(/screen-grid-(\d+)/.exec(p.getAttribute('class') ?? '')?.[1]), p.getAttribute('fill') ?? ''] as const),
  );
  return new Map(pairs);
}

/** Grids with equal values share a colour, and more of the measure never means the colour of less. */
function expectColouredBy(colours: Map<number, string>, grids: Grid[], measure: 'received' | 'overdue') {
  const drawn = grids.filter((g) => colours.has(g.id));
  expect(drawn.length).toBeGreaterThan(1);
  const byValue = new Map<number, Set<string>>();
  for (const g of drawn) byValue.set(g[measure], (byValue.get(g[measure]) ?? new Set()).add(colours.get(g.id)!));
  const values = [...byValue.keys()].sort((a, b) => a - b);
  // One colour per value; the least and the most differ whenever the values do.
  for (const set of byValue.values()) expect(set.size).toBe(1);
  if (values.length > 1) expect([...byValue.get(values[0]!)!][0]).not.toBe([...byValue.get(values.at(-1)!)!][0]);
  return new Set(drawn.map((g) => colours.get(g.id))).size;
}

/** The rows of the table shown in a panel: its cells' text. */
async function tableRows(panel: Locator): Promise<string[][]> {
  await panel.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
  return panel.locator('.ant-table-tbody tr.ant-table-row').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())));
}

describe.skipIf(!browserAvailable())('the big-screen dashboard (驾驶舱大屏)', () => {
  let browser: Browser;
  let open: OpenPage;
  let api: Dashboard;
  let wide: Dashboard;

  beforeAll(async () => {
    browser = await launchBrowser();
    open = await openPage(browser, { viewport: WALL });
  });
  afterAll(async () => {
    await open?.context.close();
    await browser?.close();
  });

  test('street_admin opens it from the analysis page and sees the grids coloured by cases received', async () => {
    const { page } = open;
    await signIn(page, 'street_admin');
    await page.goto('/analysis');
    await page.getByRole('link', { name: '打开驾驶舱大屏' }).click();
    await page.waitForURL(/\/analysis\/screen/);
    await page.getByRole('heading', { level: 1, name: /民情驾驶舱/ }).waitFor();
    await page.locator('path.screen-grid').first().waitFor();
    await settle(page);
    // No top bar and no menu: the screen is the whole window.
    expect(await page.locator('nav, .ant-layout-sider').count()).toBe(0);

    const unit = Number(new URL(page.url()).searchParams.get('unit'));
    const admin = await apiAs('street_admin');
    api = await admin.get<Dashboard>(`/analysis/dashboard?unit=${unit}&period=${localMonth()}`);
    expect(api.grids.items.filter((g) => g.boundary).length).toBeGreaterThan(1);
    expect(await page.locator('path.screen-grid').count()).toBe(api.grids.items.filter((g) => g.boundary).length);
    const distinct = expectColouredBy(await fills(page), api.grids.items, 'received');
    // The demo month is busy enough for the grids to differ.
    expect(distinct).toBeGreaterThan(1);
    const legend = page.getByRole('list', { name: /图例：接收量/ });
    expect(await legend.getByRole('listitem').count()).toBeGreaterThan(1);
    await screenshot(page, 'dashboard-screen-1920');
    expect(open.errors).toEqual([]);
  });

  test('switches the map to overdue colouring', async () => {
    const { page } = open;
    const map = page.getByRole('region', { name: '网格分布' });
    await map.getByText('超期数', { exact: true }).click();
    await page.getByRole('list', { name: /图例：超期数/ }).waitFor();
    expectColouredBy(await fills(page), api.grids.items, 'overdue');
    expect(await page.getByRole('region', { name: /网格地图，按超期数着色/ }).count()).toBe(1);
  });

  test("opens the map's and the trend's table views, with the API's numbers", async () => {
    const { page } = open;
    const map = page.getByRole('region', { name: '网格分布' });
    await map.getByRole('radiogroup', { name: /网格分布：显示方式/ }).getByText('表格').click();
    const rows = await tableRows(map);
    expect(rows.map((r) => [r[0], r[2], r[3], r[4]])).toEqual(api.grids.items.map((g) => [g.name, String(g.received), String(g.overdue), String(g.openOverdue)]));

    const trend = page.getByRole('region', { name: '每日趋势' });
    await trend.getByText('表格').click();
    const days = await tableRows(trend);
    expect(days.map((r) => r.slice(1).map(Number))).toEqual(api.trend.items.map((d) => [d.received, d.resolved, d.overdue]));
  });

  test('has no serious or critical accessibility violations, in chart and in table views', async () => {
    const { page } = open;
    const tables = await runAxe(page, 'dashboard screen (tables)');
    expect(tables.serious, describeViolations(tables)).toEqual([]);
    const map = page.getByRole('region', { name: '网格分布' });
    await map.getByText('图表').click();
    await page.locator('path.screen-grid').first().waitFor();
    const charts = await runAxe(page, 'dashboard screen (charts)');
    expect(charts.serious, describeViolations(charts)).toEqual([]);
  });

  test('switches to a week, and to English, and does not break at 1280 × 720', async () => {
    const { page } = open;
    await page.getByText('周', { exact: true }).click();
    await page.waitForURL(/period=\d{4}-W\d{2}/);
    await settle(page);
    await page.setViewportSize(LAPTOP);
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /dashboard/ }).waitFor();
    await page.locator('path.screen-grid').first().waitFor();
    await settle(page);
    await screenshot(page, 'dashboard-screen-1280-en');
    const problems = (await layoutProblems(page)).filter((p) => p.startsWith('the page scrolls sideways') || p.startsWith('text outside'));
    expect(problems).toEqual([]);
    wide = await (await apiAs('street_admin')).get<Dashboard>(`/analysis/dashboard?unit=${api.unit.id}&period=${new URL(page.url()).searchParams.get('period')}`);
    expect(await page.locator('path.screen-grid').count()).toBe(wide.grids.items.filter((g) => g.boundary).length);
    expect(open.errors).toEqual([]);
  });
});
