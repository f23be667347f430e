import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/api';
import { jobsApi } from '../api/services';
import { isJobActive, type Job } from '../api/types';
import { useApiError } from './useApiError';

/** Fetches a job and refetches it every `intervalMs` while it is queued or running. */
export function useJobPolling(jobId: string | null | undefined, intervalMs = 1000) {
  const showError = useApiError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  const [job, setJob] = useState<Job | null>(null);
  const [notFound, setNotFound] = useState(false);
  const [tick, setTick] = useState(0);
  const jobRef = useRef<Job | null>(null);

  useEffect(() => {
    setJob(null);
    setNotFound(false);
    jobRef.current = null;
  }, [jobId]);

  useEffect(() => {
    if (!jobId) return undefined;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const poll = async () => {
      try {
        const j = await jobsApi.get(jobId, controller.signal);
        if (controller.signal.aborted) return;
        failures = 0;
        jobRef.current = j;
        setJob(j);
        if (isJobActive(j)) timer = setTimeout(() => void poll(), intervalMs);
      } catch (err) {
        if (controller.signal.aborted) return;
        if (err instanceof ApiError && err.status === 404) {
          setNotFound(true);
          return;
        }
        failures += 1;
        if (failures === 1) showErrorRef.current(err);
        // keep trying with a back-off: a restarting server should not end the progress view
        timer = setTimeout(() => void poll(), Math.min(intervalMs * 2 ** failures, 15000));
      }
    };
    void poll();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [jobId, intervalMs, tick]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { job, notFound, refresh, setJob };
}
