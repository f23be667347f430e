import {
  CONFLICT_STATUSES,
  type Amount,
  type ConflictStatus,
  type CustomerEvent,
  type CustomerOrder,
  type CustomerOrderSummary,
  type MergeRecord,
  type ShopOrderStats,
} from '../api/types';

/** The first 8 characters of a UUID, enough to tell customers apart on screen. */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

/** Province and city as one text (`浙江 杭州`; a municipality only once: `北京`), or undefined. */
export function regionText(province: string | null | undefined, city: string | null | undefined): string | undefined {
  const p = province?.trim();
  const c = city?.trim();
  if (p && c) return p === c ? p : `${p} ${c}`;
  return p || c || undefined;
}

/** An amount from the API as a number; undefined for null, empty or non-numeric values. */
export function toAmount(v: Amount | null | undefined): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** An amount with its currency in the language's format (`¥1,234.50`, `US$12.00`), or an em dash. */
export function formatMoney(v: Amount | null | undefined, currency: string | null | undefined, locale?: string): string {
  const n = toAmount(v);
  if (n === undefined) return '—';
  if (currency) {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(n);
    } catch {
      // an unknown currency code: show it next to the number
      return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n)} ${currency}`;
    }
  }
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
}

/** Whether a merge may be undone from the survivor's page: it is still in effect and this customer survived it. */
export function canUnmerge(record: MergeRecord, customerId: string): boolean {
  return record.survivorId === customerId && !record.unmergedAt;
}

export type TimelineEntry =
  | { kind: 'order'; key: string; at: string; order: CustomerOrder }
  | { kind: 'event'; key: string; at: string; event: CustomerEvent };

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/**
 * Orders and events in one list, newest first. Ties keep orders before events (an order usually causes its
 * events), and entries without a valid time go last.
 */
export function buildTimeline(
  orders: readonly CustomerOrder[] | null | undefined,
  events: readonly CustomerEvent[] | null | undefined,
): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...(orders ?? []).map((o): TimelineEntry => ({ kind: 'order', key: `order-${o.id}`, at: o.orderedAt, order: o })),
    ...(events ?? []).map((e): TimelineEntry => ({ kind: 'event', key: `event-${e.eventId}`, at: e.occurredAt, event: e })),
  ];
  return entries
    .map((entry, index) => ({ entry, index, t: time(entry.at) }))
    .sort((a, b) => b.t - a.t || a.index - b.index)
    .map((x) => x.entry);
}

function propertyValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The first `max` properties of an event as `key: value` texts, and how many were left out. */
export function summarizeProperties(
  properties: Record<string, unknown> | null | undefined,
  max = 4,
  maxValueLength = 60,
): { parts: string[]; more: number } {
  const entries = properties && typeof properties === 'object' && !Array.isArray(properties) ? Object.entries(properties) : [];
  const parts = entries.slice(0, max).map(([k, v]) => {
    const value = propertyValue(v);
    return `${k}: ${value.length > maxValueLength ? `${value.slice(0, maxValueLength - 1)}…` : value}`;
  });
  return { parts, more: Math.max(0, entries.length - max) };
}

/** The number of pieces of an order (sum of item quantities). */
export function itemCount(order: Pick<CustomerOrder, 'items'>): number {
  return (order.items ?? []).reduce((sum, i) => sum + (Number.isFinite(i.quantity) ? i.quantity : 0), 0);
}

/** The status filter of the conflicts page: one status, or all of them. */
export type StatusChoice = ConflictStatus | 'ALL';

/** `?status=` of the conflicts page's URL: OPEN unless it names another status or ALL (any case). */
export function statusFromQuery(v: string | null | undefined): StatusChoice {
  const s = v?.trim().toUpperCase() ?? '';
  if (s === 'ALL') return 'ALL';
  return (CONFLICT_STATUSES as readonly string[]).includes(s) ? (s as ConflictStatus) : 'OPEN';
}

export interface ShopStatsRow extends ShopOrderStats {
  key: string;
  /** The currency of `totalSpent`; null when it cannot be told (then the amount is shown without one). */
  currency: string | null;
}

/**
 * The per-shop rows of a summary with the currency of each amount. The server groups by shop and currency but
 * does not say the currency: a row's own `currency` wins; otherwise a shop listed once whose recent orders use one
 * currency gets that one (none seen: the summary's); a shop listed several times gets none.
 */
export function shopStatsRows(
  summary: Pick<CustomerOrderSummary, 'currency' | 'shops'>,
  orders: readonly Pick<CustomerOrder, 'shopId' | 'currency'>[] | null | undefined,
): ShopStatsRow[] {
  const shops = summary.shops ?? [];
  const rowsPerShop = new Map<string, number>();
  shops.forEach((s) => rowsPerShop.set(s.shopId, (rowsPerShop.get(s.shopId) ?? 0) + 1));
  const seen = new Map<string, Set<string>>();
  for (const o of orders ?? []) {
    if (!o.shopId || !o.currency) continue;
    const set = seen.get(o.shopId) ?? new Set<string>();
    set.add(o.currency);
    seen.set(o.shopId, set);
  }
  return shops.map((s, i) => {
    let currency: string | null = s.currency ?? null;
    if (!currency && rowsPerShop.get(s.shopId) === 1) {
      const currencies = seen.get(s.shopId);
      if (!currencies || currencies.size === 0) currency = summary.currency ?? null;
      else if (currencies.size === 1) currency = [...currencies][0];
    }
    return { ...s, key: `${s.shopId}:${s.currency ?? i}`, currency };
  });
}

/** The import an entity came from, for sources like `import:<import id>`; undefined for other sources. */
export function importIdOfSource(source: string | null | undefined): string | undefined {
  const m = /^import:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(source?.trim() ?? '');
  return m ? m[1] : undefined;
}
