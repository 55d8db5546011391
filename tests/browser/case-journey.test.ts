import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type Api } from './support/api.js';
import { browserAvailable, launchBrowser, openPage, PHONE, screenshot, settle, signIn, type OpenPage } from './support/browser.js';
import { INSTALL_HINT } from './support/paths.js';
import { solidPng } from './support/png.js';
import { ancestorOf, categoryId, communityRates, residentCase, type CaseView, type Me } from './support/world.js';

if (!browserAvailable()) console.warn(INSTALL_HINT);

const DEMAND = '小区南门每天晚上都有人露天烧烤，油烟很大，家里窗户都不敢开。';
const SUGGESTED = '露天烧烤与油烟';
const REPLY = '已约谈烧烤摊主并依法取缔，今后每晚巡查南门。';

/** The case the portal shows on its detail page, read back through the API. */
async function caseByNumber(resident: Api, publicId: string): Promise<CaseView> {
  const { items } = await resident.get<{ items: CaseView[] }>('/cases?pageSize=100');
  const found = items.find((c) => c.publicId === publicId);
  if (!found) throw new Error(`case ${publicId} is not among the resident's cases`);
  return found;
}

async function statusShown(page: Page): Promise<string | null> {
  return page.getByTestId('case-status').locator('[data-status]').getAttribute('data-status');
}

describe.skipIf(!browserAvailable())('接诉即办: from the resident portal to a rated, counted case', () => {
  let browser: Browser;
  let admin: Api;
  let resident: Api;
  let staff: Api;
  let handler: Api;

  beforeAll(async () => {
    browser = await launchBrowser();
    [admin, resident, staff, handler] = await Promise.all([
      apiAs('street_admin'),
      apiAs('resident'),
      apiAs('community_staff'),
      apiAs('dept_handler'),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a resident reports a problem with photos; staff accept and dispatch; the department replies; the resident rates; the community’s rates count it', async () => {
    const community = await ancestorOf(admin, resident, 'community');
    const ratesBefore = await communityRates(admin, community.id);
    const casesBefore = (await resident.get<{ total: number }>('/cases?pageSize=1')).total;

    const tab: OpenPage = await openPage(browser, { viewport: PHONE });
    const { page } = tab;

    // A resident signing in lands on the portal.
    await signIn(page, 'resident');
    expect(new URL(page.url()).pathname).toBe('/portal');
    await page.getByRole('link', { name: /我要反映/ }).click();
    await page.getByRole('heading', { level: 1, name: '我要反映' }).waitFor();

    // Typing brings category suggestions as chips; a tap chooses one.
    await page.getByLabel('遇到了什么问题？').fill(DEMAND);
    const chip = page.getByTestId('suggestions').getByRole('button', { name: SUGGESTED });
    await chip.click();
    expect(await chip.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.ant-select:has(#categoryId) .ant-select-content').textContent()).toContain(SUGGESTED);

    // Two photos, previewed before sending.
    await page.getByTestId('photo-input-gallery').setInputFiles([
      { name: 'south-gate-1.png', mimeType: 'image/png', buffer: solidPng(64, 48, [200, 80, 40]) },
      { name: 'south-gate-2.png', mimeType: 'image/png', buffer: solidPng(48, 64, [40, 80, 200]) },
    ]);
    await expect.poll(() => page.locator('.portal-photos img').count()).toBe(2);

    // The first answer is lost on the way back (the server did create the case), and the first
    // photo upload fails: the form keeps everything, and sending again makes no second case.
    const submissions: Request[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/cases') submissions.push(r);
    });
    let loseAnswer = true;
    await page.route('**/api/cases', async (route) => {
      if (route.request().method() !== 'POST' || !loseAnswer) return route.fallback();
      loseAnswer = false;
      await route.fetch();
      await route.abort('connectionreset');
    });
    let failUpload = true;
    await page.route('**/api/cases/*/attachments', async (route) => {
      if (!failUpload) return route.fallback();
      failUpload = false;
      await route.abort('connectionreset');
    });

    const send = page.getByRole('button', { name: /^提\s*交$/ });
    await send.click();
    await page.getByText('无法连接服务器').waitFor();
    expect(await page.getByLabel('遇到了什么问题？').inputValue()).toBe(DEMAND);
    expect(await chip.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.portal-photos img').count()).toBe(2);

    // A double tap now: still one case.
    await send.dblclick();
    const number = (await page.getByTestId('case-number').textContent())!.trim();
    expect(number).toMatch(/^GZ\d+$/);
    expect(await page.getByRole('heading', { name: '提交成功' }).evaluate((h) => h === document.activeElement)).toBe(true);
    const keys = new Set(submissions.map((r) => r.headers()['idempotency-key']));
    expect(submissions.length).toBeGreaterThanOrEqual(2);
    expect(keys.size).toBe(1);
    expect([...keys][0]).toBeTruthy();
    expect((await resident.get<{ total: number }>('/cases?pageSize=1')).total).toBe(casesBefore + 1);
    const created = await caseByNumber(resident, number);
    expect(created.status).toBe('submitted');
    expect(created.communityId).toBe(community.id);

    // One photo failed: it is sent again on request.
    await page.getByRole('button', { name: /重新上传/ }).click();
    await page.getByTestId('uploads-done').waitFor();
    expect(await page.getByTestId('uploads-done').textContent()).toContain('2');
    const attachments = await resident.get<{ items: { contentType: string }[] }>(`/cases/${created.id}/attachments`);
    expect(attachments.items.map((a) => a.contentType)).toEqual(['image/png', 'image/png']);
    await screenshot(page, 'portal-submit-done');

    await page.getByRole('link', { name: '查看办理进度' }).click();
    await page.getByTestId('case-status').waitFor();
    expect(await statusShown(page)).toBe('submitted');
    await expect.poll(() => page.locator('.portal-case-photos img').count()).toBe(2);

    // The community accepts and dispatches it to the unit its category names (城管执法队).
    await staff.post(`/cases/${created.id}/accept`, { note: '已受理，马上安排。' });
    const dispatched = (await staff.post<{ case: CaseView }>(`/cases/${created.id}/dispatch`)).case;
    expect(dispatched.status).toBe('dispatched');
    const handlerMe = await handler.get<Me>('/auth/me');
    expect(handlerMe.user.displayName.startsWith(dispatched.handler.name ?? '?')).toBe(true);

    // The department takes it and replies.
    await handler.post(`/cases/${created.id}/take`);
    await handler.post(`/cases/${created.id}/reply`, { reply: REPLY });

    // The resident sees what happened, who replied, and rates it.
    await page.reload();
    await page.getByTestId('case-status').waitFor();
    expect(await statusShown(page)).toBe('replied');
    const timeline = page.getByTestId('timeline');
    expect(await timeline.textContent()).toContain(REPLY);
    expect(await timeline.locator('li[data-action="reply"]').textContent()).toContain(handlerMe.user.displayName);
    await screenshot(page, 'portal-case-replied');

    await page.getByRole('radio', { name: '解决了' }).check();
    await page.getByRole('radio', { name: '满意', exact: true }).check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => statusShown(page)).toBe('closed');
    await settle(page);

    const closed = await caseByNumber(resident, number);
    expect(closed).toMatchObject({ status: 'closed', ratedResolved: true, satisfaction: 'satisfied' });

    // Counted for the community: one more received (answered in time), one more rating, resolved and satisfied.
    const ratesAfter = await communityRates(admin, community.id, closed.closedAt!);
    expect(ratesAfter.counts.received - ratesBefore.counts.received).toBe(1);
    expect(ratesAfter.responseRate.denominator - ratesBefore.responseRate.denominator).toBe(1);
    expect(ratesAfter.responseRate.numerator - ratesBefore.responseRate.numerator).toBe(1);
    expect(ratesAfter.counts.rated - ratesBefore.counts.rated).toBe(1);
    expect(ratesAfter.resolutionRate.denominator - ratesBefore.resolutionRate.denominator).toBe(1);
    expect(ratesAfter.resolutionRate.numerator - ratesBefore.resolutionRate.numerator).toBe(1);
    expect(ratesAfter.satisfactionRate.denominator - ratesBefore.satisfactionRate.denominator).toBe(1);
    expect(ratesAfter.satisfactionRate.numerator - ratesBefore.satisfactionRate.numerator).toBe(1);

    // The home page counts the resident's unread notices (accepted, replied, …) as the API does.
    await page.goto('/portal');
    const unread = (await resident.get<{ unread: number }>('/notifications?pageSize=1')).unread;
    expect(unread).toBeGreaterThan(0);
    await page.getByTestId('unread-count').waitFor();
    expect(await page.getByTestId('unread-count').textContent()).toContain(String(unread));
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });

  test('a resident asks for a closed case to be dealt with again, with a reason', async () => {
    const urban = await categoryId(resident, 'urban.street_vending');
    const raised = await residentCase(resident, urban, '超市门口占道摆摊，行人只能走机动车道。');
    await staff.post(`/cases/${raised.id}/accept`);
    await staff.post(`/cases/${raised.id}/dispatch`);
    await handler.post(`/cases/${raised.id}/take`);
    await handler.post(`/cases/${raised.id}/reply`, { reply: '已劝离。' });
    await resident.post(`/cases/${raised.id}/rate`, { resolved: true, satisfaction: 'basically_satisfied' });

    const tab = await openPage(browser, { viewport: PHONE });
    await signIn(tab.page, 'resident');
    await tab.page.goto(`/portal/cases/${raised.id}`);
    await tab.page.getByTestId('case-status').waitFor();
    expect(await statusShown(tab.page)).toBe('closed');
    await tab.page.getByRole('button', { name: '要求重新办理' }).click();
    await tab.page.getByLabel('请说明原因').fill('第二天又摆出来了。');
    await tab.page.getByRole('button', { name: /提交，重新办理/ }).click();
    await expect.poll(() => statusShown(tab.page)).toBe('reopened');
    const { case: reopened } = await resident.get<{ case: CaseView }>(`/cases/${raised.id}`);
    expect(reopened.status).toBe('reopened');
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });

  test('a resident withdraws a case that is no longer needed', async () => {
    const noise = await categoryId(resident, 'noise.renovation');
    const raised = await residentCase(resident, noise, '楼上装修电钻声，中午也不停。');
    const tab = await openPage(browser, { viewport: PHONE });
    await signIn(tab.page, 'resident');
    await tab.page.getByRole('link', { name: /我的诉求/ }).click();
    await tab.page.getByTestId('case-card').filter({ hasText: raised.publicId }).click();
    await tab.page.getByTestId('case-status').waitFor();
    expect(await statusShown(tab.page)).toBe('submitted');
    await tab.page.getByRole('button', { name: '撤回这条诉求' }).click();
    await tab.page.getByLabel('撤回原因（选填）').fill('已经和邻居谈好了。');
    await tab.page.getByRole('button', { name: /确定撤回/ }).click();
    await expect.poll(() => statusShown(tab.page)).toBe('withdrawn');
    const { case: withdrawn } = await resident.get<{ case: CaseView }>(`/cases/${raised.id}`);
    expect(withdrawn.status).toBe('withdrawn');
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });
});
