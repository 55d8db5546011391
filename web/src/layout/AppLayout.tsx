import MenuOutlined from '@ant-design/icons/MenuOutlined';
import { Button, Layout } from 'antd';
import { Suspense, useEffect, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router-dom';
import { usePreferences } from '../app/preferences';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { PageLoading } from '../components/PageLoading';
import { SideMenu } from './SideMenu';
import { TopBar } from './TopBar';

const MAIN_ID = 'main-content';
const MENU_ID = 'side-menu';

/** The frame of every signed-in page: top bar (header), left menu (nav) and the page (main). */
export default function AppLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { largeText } = usePreferences();
  // On narrow screens the menu folds away behind a button in the top bar.
  const [narrow, setNarrow] = useState(false);
  const [menuOpen, setMenuOpen] = useState(true);

  useEffect(() => {
    if (narrow) setMenuOpen(false);
  }, [narrow, pathname]);

  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document.getElementById(MAIN_ID)?.focus();
  };

  const menuHidden = narrow && !menuOpen;
  const menuButton = narrow ? (
    <Button
      icon={<MenuOutlined aria-hidden />}
      aria-label={t('nav.label')}
      aria-expanded={menuOpen}
      aria-controls={MENU_ID}
      onClick={() => setMenuOpen((open) => !open)}
    />
  ) : null;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href={`#${MAIN_ID}`} className="skip-link" onClick={skipToMain}>
        {t('nav.skipToContent')}
      </a>
      <TopBar menuButton={menuButton} />
      <Layout>
        <Layout.Sider
          id={MENU_ID}
          theme="light"
          width={largeText ? 272 : 220}
          breakpoint="md"
          onBreakpoint={setNarrow}
          collapsedWidth={0}
          collapsed={menuHidden}
          trigger={null}
        >
          {/* A folded menu leaves the tab order too, not only the screen. */}
          {!menuHidden && <SideMenu />}
        </Layout.Sider>
        <Layout.Content id={MAIN_ID} tabIndex={-1} className="app-main">
          <ErrorBoundary resetKey={pathname}>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
