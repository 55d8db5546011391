import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { DEFAULT_LANGUAGE, type Language, isLanguage, readStoredLanguage, storeLanguage } from './language';
import { zhCN } from './zh-CN';

export { LANGUAGES, type Language } from './language';

function applyToDocument(language: Language): void {
  document.documentElement.lang = language;
  document.title = i18n.t('app.title');
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: readStoredLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: ['zh-CN', 'en'],
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
});
applyToDocument(currentLanguage());

/** The UI language, which is also the Accept-Language of every API request. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

export async function setLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  await i18n.changeLanguage(language);
  applyToDocument(language);
}

export default i18n;
