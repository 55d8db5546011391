import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type Language, setLanguage as applyLanguage } from '../i18n';
import { isLanguage } from '../i18n/language';

const LARGE_TEXT_KEY = 'gongzhi.largeText';

interface Preferences {
  language: Language;
  setLanguage(language: Language): void;
  largeText: boolean;
  setLargeText(on: boolean): void;
}

const PreferencesContext = createContext<Preferences | null>(null);

function readLargeText(): boolean {
  try {
    return localStorage.getItem(LARGE_TEXT_KEY) === '1';
  } catch {
    return false;
  }
}

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'zh-CN';
  const [largeText, setLargeTextState] = useState(readLargeText);

  useEffect(() => {
    document.documentElement.classList.toggle('large-text', largeText);
  }, [largeText]);

  const setLargeText = useCallback((on: boolean) => {
    setLargeTextState(on);
    try {
      localStorage.setItem(LARGE_TEXT_KEY, on ? '1' : '0');
    } catch {
      // Storage unavailable: the choice lasts for this page only.
    }
  }, []);

  const setLanguage = useCallback((next: Language) => void applyLanguage(next), []);

  const value = useMemo(
    () => ({ language, setLanguage, largeText, setLargeText }),
    [language, setLanguage, largeText, setLargeText],
  );
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const preferences = useContext(PreferencesContext);
  if (!preferences) throw new Error('usePreferences needs a PreferencesProvider');
  return preferences;
}
