import { Segmented, Space, Switch } from 'antd';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '../app/preferences';
import type { Language } from '../i18n';

const LANGUAGE_OPTIONS: { value: Language; label: ReactNode }[] = [
  { value: 'zh-CN', label: <span lang="zh-CN">中文</span> },
  { value: 'en', label: <span lang="en">English</span> },
];

/** 中文 / English; the choice is remembered and sent to the API as Accept-Language. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, setLanguage } = usePreferences();
  return (
    <Segmented<Language>
      aria-label={t('topBar.language')}
      value={language}
      options={LANGUAGE_OPTIONS}
      onChange={setLanguage}
    />
  );
}

/** 适老化: a larger base font size for the whole UI, remembered on this device. */
export function LargeTextSwitch() {
  const { t } = useTranslation();
  const { largeText, setLargeText } = usePreferences();
  const id = useId();
  return (
    <Space size={8} title={t('topBar.largeTextHint')}>
      <Switch id={id} checked={largeText} onChange={setLargeText} />
      <label htmlFor={id}>{t('topBar.largeText')}</label>
    </Space>
  );
}
