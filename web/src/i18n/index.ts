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

/**
 * Merges a feature's strings (one object per language) into the translation resources. The staff
 * workbench's strings come in this way with the signed-in layout, so the sign-in page does not
 * carry them; their keys are typed in i18next.d.ts.
 */
export function addTranslations(resources: Record<Language, object>): void {
  for (const [language, strings] of Object.entries(resources)) {
    i18n.addResourceBundle(language, 'translation', strings, true, false);
  }
}

export async function setLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  await i18n.changeLanguage(language);
  applyToDocument(language);
}

export default i18n;
