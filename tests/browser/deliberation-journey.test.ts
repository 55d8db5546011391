import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type Api } from './support/api.js';
import { baseUrl, browserAvailable, DESKTOP, launchBrowser, openPage, PHONE, screenshot, settle, signIn } from './support/browser.js';
import { INSTALL_HINT } from './support/paths.js';
import { ancestorOf } from './support/world.js';

if (!browserAvailable()) console.warn(INSTALL_HINT);

const TITLE = '小区东门增设无障碍坡道';
const DESCRIPTION = '东门只有台阶，坐轮椅的老人和推婴儿车的家长进出都很困难，建议增设无障碍坡道。';

interface TopicView {
  id: number;
  title: string;
  status: string;
  supportCount: number;
}

/** The community's support threshold (PUT, which the test API client does not offer). */
async function setSupportThreshold(staff: Api, communityId: number, supportThreshold: number): Promise<void> {
  const response = await fetch(`${baseUrl()}/api/deliberation/settings/${communityId}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${staff.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ supportThreshold }),
  });
  if (!response.ok) throw new Error(`support threshold: ${response.status} ${await response.text()}`);
}

async function topicTitled(api: Api, title: string): Promise<TopicView> {
  const { items } = await api.get<{ items: TopicView[] }>('/deliberation/topics?pageSize=200');
  const found = items.find((t) => t.title === title);
  if (!found) throw new Error(`no topic titled ${title}`);
  return found;
}

describe.skipIf(!browserAvailable())('协商议事: from a resident\'s proposal in the portal to an accepted topic in the workbench', () => {
  let browser: Browser;
  let admin: Api;
  let resident: Api;
  let staff: Api;

  beforeAll(async () => {
    browser = await launchBrowser();
    [admin, resident, staff] = await Promise.all([apiAs('street_admin'), apiAs('resident'), apiAs('community_staff')]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a resident proposes a topic; it goes to vetting at the threshold; community staff accept it', async () => {
    const community = await ancestorOf(admin, resident, 'community');
    // One supporter is enough here, so the proposer's own support sends the topic to vetting.
    await setSupportThreshold(staff, community.id, 1);

    const portal = await openPage(browser, { viewport: PHONE });
    await signIn(portal.page, 'resident');
    await portal.page.getByRole('link', { name: /议事/ }).click();
    await portal.page.getByRole('heading', { level: 1, name: '社区议事' }).waitFor();

    // An empty submission shows what is missing next to the fields, in Chinese.
    const submit = portal.page.getByRole('button', { name: /提交议题/ });
    await submit.click();
    await portal.page.getByText('请写下议题，至少 2 个字').waitFor();
    await portal.page.getByText('请说明具体情况').waitFor();

    await portal.page.getByLabel('议题', { exact: true }).fill(TITLE);
    await portal.page.getByLabel('具体说明').fill(DESCRIPTION);
    await submit.click();
    const mine = portal.page.getByTestId('topic').filter({ hasText: TITLE });
    await mine.waitFor();
    expect(await mine.textContent()).toContain('您已附议');
    expect(await mine.textContent()).toContain('审核中');
    await screenshot(portal.page, 'portal-deliberation-proposed');

    const proposed = await topicTitled(resident, TITLE);
    expect(proposed).toMatchObject({ status: 'vetting', supportCount: 1 });
    expect(portal.errors).toEqual([]);
    await portal.context.close();

    // Community staff vet it in the workbench.
    const workbench = await openPage(browser, { viewport: DESKTOP });
    await signIn(workbench.page, 'community_staff');
    await workbench.page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '协商议事' }).click();
    await workbench.page.getByRole('heading', { level: 1, name: '协商议事' }).waitFor();
    await workbench.page.getByRole('button', { name: `审核 ${TITLE}` }).click();
    const dialog = workbench.page.getByRole('dialog');
    await dialog.getByRole('radio', { name: '立项', exact: true }).check();
    await dialog.getByLabel(/备注/).fill('列入本月居民议事会议程');
    await dialog.getByRole('button', { name: /^提\s*交$/ }).click();
    await workbench.page.getByText('议题已立项').waitFor();
    await settle(workbench.page);
    const row = workbench.page.locator('.ant-table-row').filter({ hasText: TITLE });
    await expect.poll(() => row.locator('[data-status]').getAttribute('data-status')).toBe('accepted');
    await screenshot(workbench.page, 'deliberation-topic-accepted');

    expect((await topicTitled(staff, TITLE)).status).toBe('accepted');
    expect(workbench.errors).toEqual([]);
    await workbench.context.close();
    await setSupportThreshold(staff, community.id, 10);
  });

  test('a registered resident scans the meeting\'s check-in code and is checked in, once', async () => {
    const community = await ancestorOf(admin, resident, 'community');
    const meeting = await staff.post<{ id: number }>('/deliberation/meetings', {
      communityId: community.id,
      kind: 'council',
      title: '东门坡道议事会',
      location: '社区党群服务中心一楼',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      capacity: 20,
    });
    await resident.post(`/deliberation/meetings/${meeting.id}/registrations`, {});
    const code = await staff.post<{ url: string }>(`/deliberation/meetings/${meeting.id}/check-in-code`, {});
    expect(code.url).toMatch(/^\/deliberation\/check-in\?token=/);

    const portal = await openPage(browser, { viewport: PHONE });
    await signIn(portal.page, 'resident');
    await portal.page.goto(code.url);
    const result = portal.page.getByTestId('check-in-result');
    await result.getByText(/签到成功/).waitFor();
    await screenshot(portal.page, 'portal-check-in');
    // The same code again: the server says so, in the resident's language.
    await portal.page.reload();
    await result.locator('.ant-alert-error').waitFor();
    expect(await result.textContent()).not.toContain('签到成功');
    expect(portal.errors).toEqual([]);
    await portal.context.close();
  });

  test('a resident on a wide screen finds 议事 in the portal, not the staff workbench in the menu', async () => {
    const desk = await openPage(browser, { viewport: DESKTOP });
    await signIn(desk.page, 'resident');
    const menu = desk.page.getByRole('navigation', { name: '主菜单' });
    await menu.getByRole('link', { name: '修改密码' }).waitFor();
    expect(await menu.getByRole('link', { name: '协商议事' }).count()).toBe(0);
    await desk.page.goto('/portal');
    await desk.page.getByRole('link', { name: /议事/ }).first().waitFor();
    expect(desk.errors).toEqual([]);
    await desk.context.close();
  });
});
