import { useCallback, useEffect, useRef, useState } from 'react';
import type { PageRequest } from '../api/services';
import type { CursorPage } from '../api/types';
import { useApiError } from './useApiError';

export const PAGE_SIZES = [10, 20, 50, 100] as const;

export type FetchPage<T, F> = (filters: F, page: PageRequest, signal: AbortSignal) => Promise<CursorPage<T>>;

export interface CursorTable<T, F> {
  items: T[];
  loading: boolean;
  /** The error of the last fetch (shown as a message too); null after a successful one. */
  error: unknown;
  /** The number of matches, for lists whose server counts them; else null. */
  total: number | null;
  filters: F;
  /** Replaces the filters and goes back to the first page. */
  setFilters: (update: F | ((prev: F) => F)) => void;
  pageSize: number;
  setPageSize: (size: number) => void;
  /** 1-based number of the current page. */
  page: number;
  hasPrev: boolean;
  hasNext: boolean;
  next: () => void;
  prev: () => void;
  /** Refetches the current page; `silent` keeps the table from showing its loading state. */
  reload: (opts?: { silent?: boolean }) => void;
  /** Replaces one loaded item (e.g. with the server's answer to an update). */
  replaceItem: (match: (item: T) => boolean, replacement: T) => void;
}

/**
 * Server-side cursor pagination: a stack of the cursors of the pages visited, so "previous" goes
 * back exactly, and "next" follows the server's `nextCursor`.
 */
export function useCursorTable<T, F>(
  fetchPage: FetchPage<T, F>,
  initialFilters: F,
  initialPageSize: number = 20,
): CursorTable<T, F> {
  // refs, so that a new callback identity (e.g. after a language switch) does not refetch
  const showError = useApiError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const [filters, setFiltersState] = useState<F>(initialFilters);
  const [pageSize, setPageSizeState] = useState(initialPageSize);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const silentRef = useRef(false);

  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    const controller = new AbortController();
    const silent = silentRef.current;
    silentRef.current = false;
    if (!silent) setLoading(true);
    fetchRef
      .current(filters, { limit: pageSize, cursor }, controller.signal)
      .then((page) => {
        if (controller.signal.aborted) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setTotal(typeof page.total === 'number' ? page.total : null);
        setError(null);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err);
        showErrorRef.current(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [filters, pageSize, cursor, tick]);

  const setFilters = useCallback((update: F | ((prev: F) => F)) => {
    setFiltersState(update);
    setCursors([null]);
  }, []);

  const setPageSize = useCallback((size: number) => {
    setPageSizeState(size);
    setCursors([null]);
  }, []);

  const next = useCallback(() => {
    if (nextCursor) setCursors((c) => [...c, nextCursor]);
  }, [nextCursor]);

  const prev = useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []);

  const reload = useCallback((opts?: { silent?: boolean }) => {
    silentRef.current = !!opts?.silent;
    setTick((n) => n + 1);
  }, []);

  const replaceItem = useCallback((match: (item: T) => boolean, replacement: T) => {
    setItems((list) => list.map((it) => (match(it) ? replacement : it)));
  }, []);

  return {
    items,
    loading,
    error,
    total,
    filters,
    setFilters,
    pageSize,
    setPageSize,
    page: cursors.length,
    hasPrev: cursors.length > 1,
    hasNext: !!nextCursor,
    next,
    prev,
    reload,
    replaceItem,
  };
}
