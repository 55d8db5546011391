import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type Api } from './support/api.js';
import { describeViolations, runAxe, type AxeReport } from './support/axe.js';
import { browserAvailable, DESKTOP, launchBrowser, openPage, PHONE, screenshot, settle, signIn, type OpenPage } from './support/browser.js';
import { layoutProblems } from './support/layout.js';
import { INSTALL_HINT } from './support/paths.js';
import { solidPng } from './support/png.js';
import { ancestorOf, categoryId, residentCase, uploadPhoto } from './support/world.js';

if (!browserAvailable()) console.warn(INSTALL_HINT);

interface Seeded {
  householdId: number;
  communityId: number;
  repliedCaseId: number;
  meetingTitle: string;
  resolutionTitle: string;
  openVoteTitle: string;
  closedVoteTitle: string;
  /** Whether the demo resident is an owner on the open vote's roll (then the portal offers a ballot). */
  residentVotes: boolean;
}

const MEETING_TITLE = '2月居民议事会';
const RESOLUTION_TITLE = '3号楼旁建设电动自行车充电棚';

/**
 * Owners' votes of the resident's estate: one open (with a paper ballot in it), one closed and
 * counted. The API names estates only through their property companies, so each is tried until
 * one lies in community_staff's community; one whose roll has the demo resident is preferred.
 */
async function seedVotes(admin: Api, staff: Api, resident: Api): Promise<{ open: string; closed: string; residentVotes: boolean }> {
  const companies = await admin.get<{ items: { estates: { id: number }[] }[] }>('/org/organisations?kind=property_company');
  const estateIds = [...new Set(companies.items.flatMap((c) => c.estates.map((e) => e.id)))];
  const draft = async (estateId: number, title: string) => {
    const vote = await staff.post<{ id: number }>('/owners-votes', { estateId, title, description: '表决事项说明：详见公示栏。', matter: 'property_service_hiring' });
    await staff.post(`/owners-votes/${vote.id}/open`);
    return vote.id;
  };
  let chosen: number | null = null;
  let residentVotes = false;
  for (const estateId of estateIds) {
    let voteId: number;
    try {
      voteId = await draft(estateId, '续聘物业服务企业');
    } catch {
      continue; // an estate of another community
    }
    const seen = await resident.get<{ me: { ownerId: number | null } | null }>(`/owners-votes/${voteId}`);
    chosen ??= estateId;
    if (seen.me?.ownerId) {
      chosen = estateId;
      residentVotes = true;
      break;
    }
  }
  if (chosen === null) throw new Error('no estate of the demo community could hold an owners\' vote');
  const closedId = await draft(chosen, '调整停车管理办法');
  const roll = await staff.get<{ items: { id: number }[] }>(`/owners-votes/${closedId}/owners`);
  for (const [i, owner] of roll.items.slice(0, 3).entries()) {
    await staff.post(`/owners-votes/${closedId}/paper-ballots`, { ownerId: owner.id, choice: i === 2 ? 'against' : 'for', paperReference: `ZP-${i + 1}` });
  }
  await staff.post(`/owners-votes/${closedId}/close`);
  return { open: '续聘物业服务企业', closed: '调整停车管理办法', residentVotes };
}

/** A case waiting for the resident's rating, with a photo, and a published topic for the notices. */
async function seed(): Promise<Seeded> {
  const [admin, resident, staff, property] = await Promise.all([
    apiAs('street_admin'),
    apiAs('resident'),
    apiAs('community_staff'),
    apiAs('property_handler'),
  ]);
  const community = await ancestorOf(admin, resident, 'community');
  const light = await categoryId(resident, 'property.corridor_light');
  const raised = await residentCase(resident, light, '2单元三楼楼道灯不亮，老人晚上下楼很危险。');
  await uploadPhoto(resident, raised.id, 'stairwell.png', solidPng(80, 60, [60, 140, 90]));
  await staff.post(`/cases/${raised.id}/accept`);
  await staff.post(`/cases/${raised.id}/dispatch`);
  await property.post(`/cases/${raised.id}/take`);
  await property.post(`/cases/${raised.id}/reply`, { reply: '已更换声控灯，请您晚上试一试。' });

  const topic = await staff.post<{ id: number }>('/deliberation/topics', {
    communityId: community.id,
    title: '增设电动自行车集中充电棚',
    description: '小区没有集中充电的地方，飞线充电屡禁不止，建议在3号楼旁增设充电棚。',
  });
  await staff.post(`/deliberation/topics/${topic.id}/vet`, { decision: 'accept', note: '列入下月议事会' });
  await staff.post('/deliberation/topics', {
    communityId: community.id,
    title: '楼道堆物集中清理',
    description: '多个楼道堆放杂物，建议组织一次集中清理并建立长效机制。',
  });

  // A meeting with the accepted topic on its agenda, and a resolution with a task to carry out.
  const meeting = await staff.post<{ id: number }>('/deliberation/meetings', {
    communityId: community.id,
    kind: 'council',
    title: MEETING_TITLE,
    location: '社区党群服务中心二楼',
    startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    capacity: 40,
  });
  await staff.post(`/deliberation/meetings/${meeting.id}/agenda`, { topicId: topic.id });
  await staff.post(`/deliberation/meetings/${meeting.id}/comments`, { body: '建议充电棚装烟感和喷淋。' }).catch(() => undefined);
  const resolution = await staff.post<{ id: number }>(`/deliberation/meetings/${meeting.id}/resolutions`, {
    topicId: topic.id,
    title: RESOLUTION_TITLE,
    content: '由物业牵头选址施工，居委会监督，年底前完工。',
    ownerName: '居委会',
    dueDate: '2030-12-31',
  });
  await staff.post(`/deliberation/resolutions/${resolution.id}/tasks`, { title: '选址并征求3号楼居民意见', assigneeName: '物业项目经理' });

  const votes = await seedVotes(admin, staff, resident);
  const households = await staff.get<{ items: { id: number }[] }>('/households?pageSize=1');
  return {
    householdId: households.items[0]!.id,
    communityId: community.id,
    repliedCaseId: raised.id,
    meetingTitle: MEETING_TITLE,
    resolutionTitle: RESOLUTION_TITLE,
    openVoteTitle: votes.open,
    closedVoteTitle: votes.closed,
    residentVotes: votes.residentVotes,
  };
}

interface Screen {
  name: string;
  who: 'anonymous' | 'staff' | 'resident';
  open(page: Page, seeded: Seeded): Promise<void>;
}

const h1 = (page: Page) => page.locator('main h1').first().waitFor();

const WORKBENCH: Screen[] = [
  {
    name: 'sign-in',
    who: 'anonymous',
    open: async (page) => {
      await page.goto('/sign-in');
      await page.getByRole('button', { name: /^登\s*录$/ }).waitFor();
    },
  },
  { name: 'workbench-home', who: 'staff', open: async (page) => (await page.goto('/'), h1(page)) },
  {
    name: 'households-list',
    who: 'staff',
    open: async (page) => {
      await page.goto('/households');
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    },
  },
  {
    name: 'household-detail',
    who: 'staff',
    open: async (page, seeded) => {
      await page.goto(`/households/${seeded.householdId}`);
      await page.getByRole('heading', { name: '家庭成员' }).waitFor();
    },
  },
  {
    name: 'org-tree',
    who: 'staff',
    open: async (page, seeded) => {
      await page.goto(`/org?nodeId=${seeded.communityId}`);
      await page.getByRole('tree').waitFor();
    },
  },
  {
    name: 'coverage',
    who: 'staff',
    open: async (page) => {
      await page.goto('/coverage');
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    },
  },
  {
    name: 'queue',
    who: 'staff',
    open: async (page) => {
      await page.goto('/cases?scope=all');
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    },
  },
  {
    name: 'case-detail',
    who: 'staff',
    open: async (page, seeded) => {
      await page.goto(`/cases/${seeded.repliedCaseId}`);
      await page.getByRole('heading', { name: '办理经过' }).waitFor();
    },
  },
  { name: 'new-case', who: 'staff', open: async (page) => (await page.goto('/cases/new'), h1(page)) },
  { name: 'whistle-board', who: 'staff', open: async (page) => (await page.goto('/whistles'), h1(page)) },
  {
    name: 'rates',
    who: 'staff',
    open: async (page) => {
      await page.goto('/rates');
      await h1(page);
      await page.locator('.ant-table').first().waitFor();
    },
  },
  {
    name: 'analysis',
    who: 'staff',
    open: async (page) => {
      await page.goto('/analysis');
      await h1(page);
      // The day's volume summary shows once the daily analysis has loaded; then its chart.
      await page.getByText(/前 4 周同日均值/).first().waitFor();
      await page.locator('main .wb-chart, main .ant-table').first().waitFor();
    },
  },
  {
    name: 'analysis-monthly',
    who: 'staff',
    open: async (page) => {
      await page.goto('/analysis');
      await h1(page);
      await page.getByText('月点评', { exact: true }).click();
      const download = page.getByTestId('report-download');
      await download.waitFor();
      // The report link answers with a workbook for the signed-in user (the session cookie).
      const href = await download.getAttribute('href');
      const res = await page.request.get(href!);
      if (res.status() !== 200 || !String(res.headers()['content-type']).includes('spreadsheetml')) {
        throw new Error(`report download ${href}: ${res.status()} ${res.headers()['content-type']}`);
      }
      await page.locator('main .wb-chart, main .ant-table').first().waitFor();
    },
  },
  {
    name: 'analysis-reports',
    who: 'staff',
    open: async (page) => {
      await page.goto('/analysis');
      await h1(page);
      await page.getByText('周报月报', { exact: true }).click();
      await page.getByTestId('report-generate-weekly').waitFor();
      // The list has loaded: a report, or none yet (community staff have no scheduled reports).
      await page.getByTestId('report-list').getByText(/周报$|月报$|暂无报告/).first().waitFor();
    },
  },
  {
    name: 'grid-map',
    who: 'staff',
    open: async (page) => {
      await page.goto('/map');
      await page.locator('.leaflet-container').first().waitFor();
    },
  },
  { name: 'notifications', who: 'staff', open: async (page) => (await page.goto('/notifications'), h1(page)) },
  {
    name: 'deliberation-topics',
    who: 'staff',
    open: async (page) => {
      await page.goto('/deliberation');
      await page.getByRole('button', { name: /^审核 楼道堆物集中清理$/ }).first().waitFor();
    },
  },
  {
    name: 'deliberation-meeting',
    who: 'staff',
    open: async (page, seeded) => {
      await page.goto('/deliberation?tab=meetings');
      await page.getByRole('button', { name: `查看 ${seeded.meetingTitle}` }).first().click();
      await page.getByRole('button', { name: '生成签到码' }).click();
      await page.getByTestId('check-in-code').waitFor();
    },
  },
  {
    name: 'deliberation-resolution',
    who: 'staff',
    open: async (page, seeded) => {
      await page.goto('/deliberation?tab=resolutions');
      await page.getByRole('button', { name: `查看 ${seeded.resolutionTitle}` }).first().click();
      await page.getByTestId('resolution-task').first().waitFor();
    },
  },
  {
    name: 'owners-vote-open',
    who: 'staff',
    open: async (page, seeded) => {
      await page.goto('/deliberation?tab=votes');
      await page.getByRole('button', { name: `查看 ${seeded.openVoteTitle}` }).first().click();
      await page.getByTestId('paper-ballot-form').waitFor();
    },
  },
  {
    name: 'owners-vote-result',
    who: 'staff',
    open: async (page, seeded) => {
      await page.goto('/deliberation?tab=votes');
      await page.getByRole('button', { name: `查看 ${seeded.closedVoteTitle}` }).first().click();
      await page.getByTestId('vote-result').waitFor();
    },
  },
];

const PORTAL: Screen[] = [
  {
    name: 'portal-home',
    who: 'resident',
    open: async (page) => {
      await page.goto('/portal');
      await page.getByTestId('unread-count').waitFor();
    },
  },
  {
    name: 'portal-submit',
    who: 'resident',
    open: async (page) => {
      await page.goto('/portal/submit');
      await page.getByLabel(/遇到了什么问题|What is the problem/).fill('楼道里堆满了纸箱和旧家具，消防通道都堵住了。');
      await page.getByTestId('suggestions').getByRole('button').first().waitFor();
    },
  },
  {
    name: 'portal-cases',
    who: 'resident',
    open: async (page) => {
      await page.goto('/portal/cases');
      await page.getByTestId('case-card').first().waitFor();
    },
  },
  {
    name: 'portal-case-detail',
    who: 'resident',
    open: async (page, seeded) => {
      await page.goto(`/portal/cases/${seeded.repliedCaseId}`);
      await page.getByTestId('timeline').waitFor();
      await page.locator('.portal-case-photos img').first().waitFor();
    },
  },
  {
    name: 'portal-notices',
    who: 'resident',
    open: async (page) => {
      await page.goto('/portal/notices');
      await page.getByText('增设电动自行车集中充电棚').waitFor();
    },
  },
  {
    name: 'portal-deliberation',
    who: 'resident',
    open: async (page, seeded) => {
      await page.goto('/portal/deliberation');
      await page.getByTestId('topics').getByText('增设电动自行车集中充电棚').first().waitFor();
      if (seeded.residentVotes) await page.getByTestId('owners-vote').first().waitFor();
    },
  },
];

describe.skipIf(!browserAvailable())('accessibility (axe-core), layout at 360 px, and screenshots', () => {
  let browser: Browser;
  let seeded: Seeded;
  const tabs = new Map<string, OpenPage>();
  const reports: AxeReport[] = [];

  /** One signed-in tab per person and setting, reused page after page. */
  async function tabFor(who: Screen['who'], largeText = false): Promise<Page> {
    const key = `${who}-${largeText}`;
    let tab = tabs.get(key);
    if (!tab) {
      tab = await openPage(browser, { viewport: who === 'resident' ? PHONE : DESKTOP, largeText });
      if (who === 'staff') await signIn(tab.page, 'community_staff');
      if (who === 'resident') await signIn(tab.page, 'resident');
      tabs.set(key, tab);
    }
    return tab.page;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    seeded = await seed();
  });
  afterAll(async () => {
    if (reports.length > 0) {
      console.log(
        'axe-core results (serious+critical / moderate+minor):\n' +
          reports.map((r) => `  ${r.page.padEnd(28)} ${r.serious.length} / ${r.other.length}${r.other.length ? `  (${r.other.map((v) => v.id).join(', ')})` : ''}`).join('\n'),
      );
    }
    for (const tab of tabs.values()) expect(tab.errors, 'uncaught errors in the pages').toEqual([]);
    await browser?.close();
  });

  test.each([...WORKBENCH, ...PORTAL].map((s) => [s.name, s] as const))('%s has no axe violations, serious or minor', async (name, screen) => {
    const page = await tabFor(screen.who);
    await screen.open(page, seeded);
    await settle(page);
    await screenshot(page, name);
    const report = await runAxe(page, name);
    reports.push(report);
    expect(report.serious, `axe found serious or critical violations on ${name}:\n${describeViolations(report)}`).toEqual([]);
    // Every page is clean of moderate and minor findings too; keep it so.
    expect(report.other, `axe found moderate or minor violations on ${name}:\n${describeViolations(report, 'other')}`).toEqual([]);
  });

  test('the sign-in page at 360 px has no serious axe violations either', async () => {
    const tab = await openPage(browser, { viewport: PHONE });
    await WORKBENCH[0]!.open(tab.page, seeded);
    await settle(tab.page);
    await screenshot(tab.page, 'sign-in-phone');
    const report = await runAxe(tab.page, 'sign-in (360 px)');
    reports.push(report);
    expect(report.serious, describeViolations(report)).toEqual([]);
    expect(report.other, describeViolations(report, 'other')).toEqual([]);
    await tab.context.close();
  });

  for (const largeText of [false, true]) {
    const size = largeText ? 'large text' : 'normal text';
    test.each(PORTAL.map((s) => [s.name, s] as const))(`%s at 360 px, ${size}: nothing overlaps, nothing scrolls sideways, targets ≥ 44 px`, async (name, screen) => {
      const page = await tabFor('resident', largeText);
      await screen.open(page, seeded);
      await settle(page);
      expect(await page.evaluate(() => document.documentElement.classList.contains('large-text'))).toBe(largeText);
      if (largeText) await screenshot(page, `${name}-large`);
      const problems = await layoutProblems(page);
      expect(problems, `${name} (${size}):\n  ${problems.join('\n  ')}`).toEqual([]);
      if (largeText) {
        const report = await runAxe(page, `${name} (large text)`);
        reports.push(report);
        expect(report.serious, describeViolations(report)).toEqual([]);
        expect(report.other, describeViolations(report, 'other')).toEqual([]);
      }
    });
  }
});
