import { useTranslation } from 'react-i18next';
import { LinkButton } from '../components/LinkButton';
import { Notice } from '../components/Notice';
import { usePageTitle } from '../components/usePageTitle';

export default function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('errors.notFoundTitle'));
  return (
    <Notice
      kind="not-found"
      title={t('errors.notFoundTitle')}
      text={t('errors.notFoundText')}
      actions={
        <LinkButton to="/" type="primary">
          {t('errors.goHome')}
        </LinkButton>
      }
    />
  );
}
