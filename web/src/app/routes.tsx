import ApartmentOutlined from '@ant-design/icons/ApartmentOutlined';
import BarChartOutlined from '@ant-design/icons/BarChartOutlined';
import CheckCircleOutlined from '@ant-design/icons/CheckCircleOutlined';
import DashboardOutlined from '@ant-design/icons/DashboardOutlined';
import EnvironmentOutlined from '@ant-design/icons/EnvironmentOutlined';
import FormOutlined from '@ant-design/icons/FormOutlined';
import HomeOutlined from '@ant-design/icons/HomeOutlined';
import KeyOutlined from '@ant-design/icons/KeyOutlined';
import SoundOutlined from '@ant-design/icons/SoundOutlined';
import TeamOutlined from '@ant-design/icons/TeamOutlined';
import UnorderedListOutlined from '@ant-design/icons/UnorderedListOutlined';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { workbenchZhCN } from '../i18n/workbench.zh-CN';
import type { zhCN } from '../i18n/zh-CN';

export type NavLabel = Exclude<keyof typeof zhCN.nav | keyof typeof workbenchZhCN.nav, 'label' | 'skipToContent'>;

/**
 * One screen of the signed-in app. The router and the left menu are both built from this table,
 * and an entry shows only to users holding its permission; new screens are added here.
 */
export interface AppRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  permission?: string;
  /** A menu entry; `alsoNeeds` hides it from those who may open the screen but work elsewhere. */
  menu?: { label: NavLabel; icon: ReactNode; alsoNeeds?: string };
  /** Drawn without the app's top bar and menu (a big screen on a wall). */
  bare?: boolean;
}

export const appRoutes: AppRoute[] = [
  // Residents land on their portal; everyone else on the workbench home.
  { path: '/', page: lazy(() => import('../pages/portal/LandingPage')) },
  // The staff workbench (接诉即办): every member of staff has a queue; the server decides what is in it.
  {
    path: '/cases',
    page: lazy(() => import('../pages/cases/QueuePage')),
    permission: 'org.read',
    menu: { label: 'myQueue', icon: <UnorderedListOutlined /> },
  },
  {
    path: '/cases/new',
    page: lazy(() => import('../pages/cases/NewCasePage')),
    permission: 'case.manage',
    menu: { label: 'newCase', icon: <FormOutlined /> },
  },
  { path: '/cases/:id', page: lazy(() => import('../pages/cases/CaseDetailPage')), permission: 'org.read' },
  {
    path: '/whistles',
    page: lazy(() => import('../pages/whistles/WhistleBoardPage')),
    permission: 'whistle.read',
    menu: { label: 'whistles', icon: <SoundOutlined /> },
  },
  {
    path: '/deliberation',
    page: lazy(() => import('../pages/deliberation/DeliberationPage')),
    permission: 'deliberation.read',
    // Residents read deliberation too, in their portal (/portal/deliberation): staff only in the menu.
    menu: { label: 'deliberation', icon: <TeamOutlined />, alsoNeeds: 'org.read' },
  },
  {
    path: '/rates',
    page: lazy(() => import('../pages/rates/RatesPage')),
    permission: 'rates.read',
    menu: { label: 'rates', icon: <BarChartOutlined /> },
  },
  {
    path: '/analysis',
    page: lazy(() => import('../pages/analysis/AnalysisPage')),
    permission: 'rates.read',
    menu: { label: 'analysis', icon: <DashboardOutlined /> },
  },
  { path: '/analysis/screen', page: lazy(() => import('../pages/analysis/screen/ScreenPage')), permission: 'rates.read', bare: true },
  {
    path: '/map',
    page: lazy(() => import('../pages/map/GridMapPage')),
    permission: 'case.read',
    menu: { label: 'gridMap', icon: <EnvironmentOutlined /> },
  },
  { path: '/notifications', page: lazy(() => import('../pages/cases/NotificationsPage')) },
  {
    path: '/org',
    page: lazy(() => import('../pages/org/OrgTreePage')),
    permission: 'org.read',
    menu: { label: 'orgTree', icon: <ApartmentOutlined /> },
  },
  {
    path: '/households',
    page: lazy(() => import('../pages/households/HouseholdListPage')),
    permission: 'household.read',
    menu: { label: 'households', icon: <HomeOutlined /> },
  },
  {
    path: '/households/:id',
    page: lazy(() => import('../pages/households/HouseholdDetailPage')),
    permission: 'household.read',
  },
  {
    path: '/coverage',
    page: lazy(() => import('../pages/coverage/CoveragePage')),
    permission: 'household.read',
    menu: { label: 'coverage', icon: <CheckCircleOutlined /> },
  },
  // The resident portal (居民端): mobile-first pages reached from its own home, not from the menu.
  { path: '/portal', page: lazy(() => import('../pages/portal/PortalHomePage')), permission: 'case.submit' },
  { path: '/portal/submit', page: lazy(() => import('../pages/portal/SubmitCasePage')), permission: 'case.submit' },
  { path: '/portal/cases', page: lazy(() => import('../pages/portal/MyCasesPage')), permission: 'case.submit' },
  { path: '/portal/cases/:id', page: lazy(() => import('../pages/portal/CaseDetailPage')), permission: 'case.submit' },
  { path: '/portal/notices', page: lazy(() => import('../pages/portal/NoticesPage')), permission: 'case.submit' },
  { path: '/portal/deliberation', page: lazy(() => import('../pages/portal/DeliberationPage')), permission: 'deliberation.read' },
  // Where a meeting's check-in QR code leads (the server's checkInUrl).
  { path: '/deliberation/check-in', page: lazy(() => import('../pages/portal/CheckInPage')), permission: 'deliberation.read' },
  {
    path: '/account/password',
    page: lazy(() => import('../pages/ChangePasswordPage')),
    menu: { label: 'changePassword', icon: <KeyOutlined /> },
  },
];

/** The menu entry a path belongs to: the longest menu path that prefixes it. */
export function menuPathFor(pathname: string, routes: readonly AppRoute[]): string | undefined {
  return routes
    .filter((r) => r.menu && r.path !== '/' && (pathname === r.path || pathname.startsWith(`${r.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
}

/** The routes with a menu entry that a user holding these permissions sees, in table order. */
export function menuRoutes(can: (permission: string | undefined) => boolean): AppRoute[] {
  return appRoutes.filter((route) => route.menu && can(route.permission) && can(route.menu.alsoNeeds));
}
