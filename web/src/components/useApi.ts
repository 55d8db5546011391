import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { ApiError, isAbort } from '../api/client';
import { useMessage } from './messages';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
  /** Replace the loaded data locally, e.g. after a successful write. */
  setData(update: (current: T | undefined) => T | undefined): void;
}

/** Shows an API failure the standard way: an antd message with the server's own text. */
export function useShowError(): (error: unknown) => void {
  const message = useMessage();
  return useCallback(
    (error: unknown) => {
      if (isAbort(error)) return;
      void message.error(error instanceof Error ? error.message : String(error));
    },
    [message],
  );
}

/**
 * Loads data for a screen. Reloads when deps change, cancels the stale request, and reports
 * failures with the server's message.
 */
export function useApi<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  options: { keepPrevious?: boolean } = {},
): ApiState<T> {
  const showError = useShowError();
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const lastAttempt = useRef(attempt);

  useEffect(() => {
    const controller = new AbortController();
    // New deps mean other data (another household, say): the previous data is not shown meanwhile,
    // unless the caller asks to keep it (a table turning pages keeps its rows under a spinner).
    if (lastAttempt.current === attempt && !options.keepPrevious) setDataState(undefined);
    lastAttempt.current = attempt;
    setLoading(true);
    setError(null);
    load(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setDataState(result);
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted || isAbort(e)) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', String(e)));
        setLoading(false);
        showError(e);
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps describe `load`
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const setData = useCallback((update: (current: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, loading, reload, setData };
}
