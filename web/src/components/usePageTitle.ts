import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Names the browser tab after the page (WCAG 2.4.2), in the current language. */
export function usePageTitle(title: string | undefined): void {
  const { t } = useTranslation();
  const product = t('app.title');
  useEffect(() => {
    document.title = title ? `${title} · ${product}` : product;
  }, [title, product]);
}
