import LogoutOutlined from '@ant-design/icons/LogoutOutlined';
import UserOutlined from '@ant-design/icons/UserOutlined';
import { Button, Layout, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../app/auth';
import { LanguageSwitch, LargeTextSwitch } from '../components/PreferenceControls';
import { InboxBell } from '../pages/cases/InboxBell';
// The workbench's strings (menu labels too) load with the signed-in layout, not with the sign-in page.
import '../pages/cases/workbenchStrings';

/** The header: product name, who is signed in and with which roles, preferences, sign-out. */
export function TopBar({ menuButton }: { menuButton?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { user, signOut, can } = useAuth();
  const navigate = useNavigate();

  const roles = (user?.roles ?? [])
    .map((grant) =>
      t('topBar.roleAt', {
        role: t(`enums.role.${grant.role}`, { defaultValue: grant.role }),
        node: grant.orgNodeName,
      }),
    )
    .join(i18n.language === 'en' ? ', ' : '、');

  const handleSignOut = async () => {
    await signOut();
    navigate('/sign-in', { replace: true });
  };

  return (
    <Layout.Header className="app-header">
      {menuButton}
      <Link to="/" className="app-brand">
        <span lang="zh-CN">共治</span>
        <small lang="en">Gongzhi</small>
      </Link>
      {user && (
        <Space size={4} wrap>
          <UserOutlined aria-hidden />
          <strong>{user.displayName}</strong>
          {roles && (
            <span className="text-secondary">
              <span className="visually-hidden">{t('topBar.roles')}: </span>
              {roles}
            </span>
          )}
        </Space>
      )}
      {can('org.read') && <InboxBell />}
      <LanguageSwitch />
      <LargeTextSwitch />
      <Button icon={<LogoutOutlined aria-hidden />} onClick={() => void handleSignOut()}>
        {t('topBar.signOut')}
      </Button>
    </Layout.Header>
  );
}
