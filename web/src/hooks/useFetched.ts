import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/api';
import { useApiError } from './useApiError';

/**
 * Fetches once per change of `key` (and on `reload`), aborting the previous fetch. `data` is null while loading; a
 * failure leaves `fallback` and is shown as a message, except a 404 when `quiet404` (the page says so itself).
 */
export function useFetched<T>(load: (signal: AbortSignal) => Promise<T>, key: string, fallback: T, quiet404 = false) {
  const showError = useApiError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  const loadRef = useRef(load);
  loadRef.current = load;
  const fallbackRef = useRef(fallback);
  fallbackRef.current = fallback;
  const [data, setData] = useState<T | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    loadRef
      .current(controller.signal)
      .then((d) => !controller.signal.aborted && setData(d))
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setData(fallbackRef.current);
        if (!(quiet404 && err instanceof ApiError && err.status === 404)) showErrorRef.current(err);
      });
    return () => controller.abort();
  }, [key, tick, quiet404]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, reload };
}
