import { useEffect, useState } from 'react';
import { ApiError } from '../api/api';
import { customersApi } from '../api/services';

/** What the console knows of a customer id: its name, and the survivor when it was merged away. */
export type CustomerName =
  | { state: 'ok'; name: string | null; survivorId: string }
  | { state: 'missing' }
  | { state: 'error' };

const MAX_PARALLEL = 4;
const cache = new Map<string, Promise<CustomerName>>();
const queue: (() => void)[] = [];
let running = 0;

function schedule<T>(task: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const run = () => {
      running++;
      task()
        .then(resolve, reject)
        .finally(() => {
          running--;
          queue.shift()?.();
        });
    };
    if (running < MAX_PARALLEL) run();
    else queue.push(run);
  });
}

function fetchName(id: string): Promise<CustomerName> {
  let p = cache.get(id);
  if (!p) {
    p = schedule(() => customersApi.get(id))
      .then((v): CustomerName => ({ state: 'ok', name: v.displayName, survivorId: v.id }))
      .catch((e: unknown): CustomerName => {
        if (e instanceof ApiError && (e.status === 404 || e.status === 400)) return { state: 'missing' };
        cache.delete(id); // a later render may try again
        return { state: 'error' };
      });
    cache.set(id, p);
  }
  return p;
}

/** Forgets cached names (after merges change who is who). */
export function forgetCustomerNames(ids?: readonly string[]): void {
  if (ids) ids.forEach((id) => cache.delete(id));
  else cache.clear();
}

/**
 * The display names of customers, fetched (at most four at a time) from their 360° views and cached for the
 * page's lifetime. Ids without an answer yet are absent from the map.
 */
export function useCustomerNames(ids: readonly string[]): Map<string, CustomerName> {
  const [names, setNames] = useState<Map<string, CustomerName>>(new Map());
  const key = [...new Set(ids)].sort().join(',');

  useEffect(() => {
    let alive = true;
    const unique = key ? key.split(',') : [];
    for (const id of unique) {
      void fetchName(id).then((n) => {
        if (alive) setNames((m) => (m.get(id) === n ? m : new Map(m).set(id, n)));
      });
    }
    return () => {
      alive = false;
    };
  }, [key]);

  return names;
}
