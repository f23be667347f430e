import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/api';
import { importsApi } from '../api/services';
import { isImportActive, type ImportView } from '../api/types';
import { useApiError } from './useApiError';

/**
 * Fetches an import and refetches it every `intervalMs` while it is queued or running (with a back-off after
 * failures, so a restarting server does not end the progress view). `setView` takes the answer of a call that
 * changed it; `refresh` fetches again (and resumes polling when it has become active).
 */
export function useImportPolling(importId: string | undefined, intervalMs = 1000) {
  const showError = useApiError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  const [view, setView] = useState<ImportView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notFound, setNotFound] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    setView(null);
    setError(null);
    setNotFound(false);
  }, [importId]);

  useEffect(() => {
    if (!importId) return undefined;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const poll = async () => {
      try {
        const v = await importsApi.get(importId, controller.signal);
        if (controller.signal.aborted) return;
        failures = 0;
        setView(v);
        setError(null);
        if (isImportActive(v)) timer = setTimeout(() => void poll(), intervalMs);
      } catch (err) {
        if (controller.signal.aborted) return;
        if (err instanceof ApiError && (err.status === 404 || err.status === 400)) {
          setNotFound(true);
          return;
        }
        failures += 1;
        setError(err);
        if (failures === 1) showErrorRef.current(err);
        timer = setTimeout(() => void poll(), Math.min(intervalMs * 2 ** failures, 15000));
      }
    };
    void poll();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [importId, intervalMs, tick]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { view, error, notFound, refresh, setView };
}
