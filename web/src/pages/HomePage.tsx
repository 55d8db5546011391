import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../app/auth';
import { appRoutes } from '../app/routes';
import { usePageTitle } from '../components/usePageTitle';

/** The landing page after sign-in: a greeting and the user's screens as shortcuts. */
export default function HomePage() {
  const { t } = useTranslation();
  const { user, can } = useAuth();
  usePageTitle(t('nav.home'));
  const shortcuts = appRoutes.filter((route) => route.menu && can(route.permission));

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: '1.5em' }}>
        {t('home.welcome', { name: user?.displayName ?? '' })}
      </Typography.Title>
      <Typography.Paragraph>{shortcuts.length > 0 ? t('home.intro') : t('home.noAccess')}</Typography.Paragraph>
      <Row gutter={[16, 16]} role="list">
        {shortcuts.map((route) => (
          <Col key={route.path} xs={24} sm={12} lg={6} role="listitem">
            <Link to={route.path}>
              <Card hoverable>
                <Card.Meta
                  avatar={<span aria-hidden>{route.menu?.icon}</span>}
                  title={route.menu ? t(`nav.${route.menu.label}`) : route.path}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
