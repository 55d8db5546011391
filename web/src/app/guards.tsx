import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { LinkButton } from '../components/LinkButton';
import { Notice } from '../components/Notice';
import { PageLoading } from '../components/PageLoading';
import { useAuth } from './auth';

/** Shows its children to a signed-in user; sends everyone else to sign-in, remembering where to return. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, user, error, retry } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();

  if (status === 'loading') return <PageLoading fullScreen />;
  if (status === 'error') {
    return (
      <main className="page-loading--full">
        <Notice
          kind="warning"
          title={error?.message ?? t('errors.server')}
          actions={
            <Button type="primary" onClick={retry}>
              {t('common.retry')}
            </Button>
          }
        />
      </main>
    );
  }
  if (!user) return <Navigate to="/sign-in" replace state={{ from: location }} />;
  return children;
}

/** Shows its children only when the user holds the permission (the server checks again). */
export function Permitted({ permission, children }: { permission: string | undefined; children: ReactNode }) {
  const { can } = useAuth();
  const { t } = useTranslation();
  if (can(permission)) return children;
  return (
    <Notice
      kind="forbidden"
      title={t('errors.forbiddenTitle')}
      text={t('errors.forbiddenText')}
      actions={
        <LinkButton to="/" type="primary">
          {t('errors.goHome')}
        </LinkButton>
      }
    />
  );
}
