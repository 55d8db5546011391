import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { PageLoading } from '../components/PageLoading';
import { Permitted, RequireAuth } from './guards';
import { appRoutes } from './routes';

const SignInPage = lazy(() => import('../pages/SignInPage'));
const AppLayout = lazy(() => import('../layout/AppLayout'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage'));

export function AppRoutes() {
  return (
    <Suspense fallback={<PageLoading fullScreen />}>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          {appRoutes.map(({ path, page: Page, permission }) => (
            <Route
              key={path}
              path={path}
              element={
                <Permitted permission={permission}>
                  <Page />
                </Permitted>
              }
            />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
