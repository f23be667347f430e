import { useEffect, useState } from 'react';
import { conflictsApi } from '../api/services';

const COUNT_LIMIT = 100;
const EVENT = 'liuliang:conflicts-changed';
const REFRESH_MS = 60_000;

/** Tells the nav badge (and anything else listening) that conflicts were resolved or created. */
export function notifyConflictsChanged(): void {
  window.dispatchEvent(new Event(EVENT));
}

/** The badge text for a count of one page: the number, `100+` when there is a next page, null for none. */
export function conflictBadgeText(count: number, hasMore: boolean, limit: number = COUNT_LIMIT): string | null {
  if (hasMore) return `${limit}+`;
  return count > 0 ? String(count) : null;
}

/**
 * The number of OPEN identity conflicts as badge text ("100+" past one page), refreshed every minute and when
 * {@link notifyConflictsChanged} is called; null when there are none or the user may not see them.
 */
export function useOpenConflictCount(enabled: boolean): string | null {
  const [text, setText] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!enabled) return undefined;
    const bump = () => setTick((n) => n + 1);
    window.addEventListener(EVENT, bump);
    const timer = window.setInterval(bump, REFRESH_MS);
    return () => {
      window.removeEventListener(EVENT, bump);
      window.clearInterval(timer);
    };
  }, [enabled]);

  useEffect(() => {
    if (!enabled) {
      setText(null);
      return undefined;
    }
    const controller = new AbortController();
    conflictsApi
      .list({ status: 'OPEN' }, { limit: COUNT_LIMIT, cursor: null }, controller.signal)
      .then((page) => setText(conflictBadgeText(page.items.length, !!page.nextCursor)))
      .catch(() => undefined); // a badge is not worth an error message
    return () => controller.abort();
  }, [enabled, tick]);

  return text;
}
