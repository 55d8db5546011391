import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../app/auth';
import { menuRoutes } from '../app/routes';
import { usePageTitle } from '../components/usePageTitle';

/** The landing page after sign-in: a greeting and the user's screens as shortcuts. */
export default function HomePage() {
  const { t } = useTranslation();
  const { user, can } = useAuth();
  usePageTitle(t('nav.home'));
  const shortcuts = menuRoutes(can);

  return (
    <>
      <h1 className="page-title">{t('home.welcome', { name: user?.displayName ?? '' })}</h1>
      <p>{shortcuts.length > 0 ? t('home.intro') : t('home.noAccess')}</p>
      <ul className="shortcuts">
        {shortcuts.map((route) => (
          <li key={route.path}>
            <Link to={route.path} className="shortcut">
              <span aria-hidden className="shortcut-icon">
                {route.menu?.icon}
              </span>
              {route.menu ? t(`nav.${route.menu.label}`) : route.path}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
