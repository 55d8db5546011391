import { Button } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from './Notice';

interface Props {
  children: ReactNode;
  /** When this changes (e.g. the route), a caught error is cleared. */
  resetKey?: unknown;
}

interface State {
  error: Error | null;
}

/** Catches render errors (and failed code-split chunk loads) so one page cannot blank the app. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Unhandled error in the UI', error, info.componentStack);
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return <ErrorFallback onRetry={() => this.setState({ error: null })} />;
  }
}

function ErrorFallback({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Notice
      kind="error"
      title={t('errors.boundaryTitle')}
      text={t('errors.boundaryText')}
      actions={
        <>
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
          <Button onClick={() => window.location.reload()}>{t('errors.reload')}</Button>
        </>
      }
    />
  );
}
