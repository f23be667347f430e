import { useCallback, useEffect, useMemo, useState } from 'react';
import { shopsApi } from '../api/services';
import type { Shop } from '../api/types';

let cache: Promise<Shop[]> | null = null;
const listeners = new Set<() => void>();

function load(): Promise<Shop[]> {
  cache ??= shopsApi.list().catch((e: unknown) => {
    cache = null;
    throw e;
  });
  return cache;
}

/** Forgets the shared shop list (after a shop was created or changed); mounted users refetch it. */
export function invalidateShops(): void {
  cache = null;
  listeners.forEach((l) => l());
}

export interface ShopsState {
  shops: Shop[];
  loading: boolean;
  error: unknown;
  /** The shop of an id, for showing names in other modules' tables. */
  byId: Map<string, Shop>;
  reload: () => void;
}

/** All shops, fetched once per page load and shared by every component (lists, pickers, names). */
export function useShops(): ShopsState {
  const [shops, setShops] = useState<Shop[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const onChange = () => setTick((n) => n + 1);
    listeners.add(onChange);
    return () => {
      listeners.delete(onChange);
    };
  }, []);

  useEffect(() => {
    let alive = true;
    load()
      .then((s) => {
        if (!alive) return;
        setShops(s);
        setError(null);
      })
      .catch((e: unknown) => alive && setError(e));
    return () => {
      alive = false;
    };
  }, [tick]);

  const reload = useCallback(() => invalidateShops(), []);
  const byId = useMemo(() => new Map((shops ?? []).map((s) => [s.id, s])), [shops]);
  return { shops: shops ?? [], loading: shops === null && !error, error, byId, reload };
}
