import ApartmentOutlined from '@ant-design/icons/ApartmentOutlined';
import CheckCircleOutlined from '@ant-design/icons/CheckCircleOutlined';
import HomeOutlined from '@ant-design/icons/HomeOutlined';
import KeyOutlined from '@ant-design/icons/KeyOutlined';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { zhCN } from '../i18n/zh-CN';

export type NavLabel = Exclude<keyof typeof zhCN.nav, 'label' | 'skipToContent'>;

/**
 * One screen of the signed-in app. The router and the left menu are both built from this table,
 * and an entry shows only to users holding its permission; new screens are added here.
 */
export interface AppRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  permission?: string;
  menu?: { label: NavLabel; icon: ReactNode };
}

export const appRoutes: AppRoute[] = [
  { path: '/', page: lazy(() => import('../pages/HomePage')) },
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
