import { lazy, Suspense } from 'react';
import { Outlet, Route, Routes } from 'react-router-dom';
import { PageLoading } from '../components/PageLoading';
import { Permitted, RequireAuth } from './guards';
import { appRoutes, type AppRoute } from './routes';

const SignInPage = lazy(() => import('../pages/SignInPage'));
const AppLayout = lazy(() => import('../layout/AppLayout'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage'));

const routeOf = ({ path, page: Page, permission }: AppRoute) => (
  <Route
    key={path}
    path={path}
    element={
      <Permitted permission={permission}>
        <Page />
      </Permitted>
    }
  />
);

export function AppRoutes() {
  return (
    <Suspense fallback={<PageLoading fullScreen />}>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route
          element={
            <RequireAuth>
              <Outlet />
            </RequireAuth>
          }
        >
          {appRoutes.filter((r) => r.bare).map(routeOf)}
          <Route element={<AppLayout />}>
            {appRoutes.filter((r) => !r.bare).map(routeOf)}
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </Suspense>
  );
}
