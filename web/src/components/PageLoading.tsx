import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** A spinner while a page's code or data loads; fullScreen before the layout exists. */
export function PageLoading({ fullScreen = false }: { fullScreen?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={fullScreen ? 'page-loading page-loading--full' : 'page-loading'} role="status">
      <Spin description={t('common.loading')} />
    </div>
  );
}
