import { Menu, type MenuProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useAuth } from '../app/auth';
import { menuPathFor, menuRoutes } from '../app/routes';

/** The left menu: every route with a menu entry that the user's permissions allow. */
export function SideMenu() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { pathname } = useLocation();

  const visible = useMemo(() => menuRoutes(can), [can]);
  const items: MenuProps['items'] = visible.map((route) => ({
    key: route.path,
    icon: route.menu?.icon,
    label: <Link to={route.path}>{route.menu ? t(`nav.${route.menu.label}`) : route.path}</Link>,
  }));
  const selected = menuPathFor(pathname, visible);

  return (
    <nav aria-label={t('nav.label')}>
      <Menu mode="inline" items={items} selectedKeys={selected ? [selected] : []} style={{ borderInlineEnd: 0 }} />
    </nav>
  );
}
