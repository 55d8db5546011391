import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useMemo } from 'react';
import { BrowserRouter } from 'react-router-dom';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { MessageProvider } from '../components/messages';
import { AppRoutes } from './AppRoutes';
import { AuthProvider } from './auth';
import { PreferencesProvider, usePreferences } from './preferences';
import { buildTheme } from './theme';

function ThemedApp() {
  const { language, largeText } = usePreferences();
  const theme = useMemo(() => buildTheme(largeText), [largeText]);
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={theme}>
      <MessageProvider>
        <ErrorBoundary>
          <BrowserRouter>
            <AuthProvider>
              <AppRoutes />
            </AuthProvider>
          </BrowserRouter>
        </ErrorBoundary>
      </MessageProvider>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <PreferencesProvider>
      <ThemedApp />
    </PreferencesProvider>
  );
}
