import { Layout } from 'antd';
import { Suspense, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router-dom';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { PageLoading } from '../components/PageLoading';
import { SideMenu } from './SideMenu';
import { TopBar } from './TopBar';

const MAIN_ID = 'main-content';

/** The frame of every signed-in page: top bar (header), left menu (nav) and the page (main). */
export default function AppLayout() {
  const { t } = useTranslation();
  const location = useLocation();

  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document.getElementById(MAIN_ID)?.focus();
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href={`#${MAIN_ID}`} className="skip-link" onClick={skipToMain}>
        {t('nav.skipToContent')}
      </a>
      <TopBar />
      <Layout>
        <Layout.Sider theme="light" width={220} breakpoint="md" collapsedWidth={0}>
          <SideMenu />
        </Layout.Sider>
        <Layout.Content id={MAIN_ID} tabIndex={-1} className="app-main">
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
