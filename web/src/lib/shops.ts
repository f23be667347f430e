import type { Shop } from '../api/types';

/** The server's rules and defaults for shops (see ShopService). */
export const SHOP_NAME_MAX = 100;
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';
export const DEFAULT_CURRENCY = 'CNY';

/** Tag colours of the platforms (antd presets, or a hex colour); unknown platforms get the default tag. */
export const PLATFORM_COLORS: Record<string, string> = {
  taobao: 'orange',
  tmall: 'red',
  jd: 'volcano',
  douyin: '#1f1f1f',
  kuaishou: 'gold',
  youzan: 'magenta',
  wechat_mini: 'green',
  shopify: 'lime',
  offline: 'blue',
  other: 'default',
};

/** Time zones offered first; any valid IANA zone is accepted by the server. */
export const COMMON_TIMEZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Kuala_Lumpur',
  'Asia/Bangkok',
  'Asia/Jakarta',
  'Asia/Ho_Chi_Minh',
  'Asia/Manila',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Moscow',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Toronto',
  'America/Vancouver',
  'America/Mexico_City',
  'America/Sao_Paulo',
  'UTC',
] as const;

export const COMMON_CURRENCIES = [
  'CNY',
  'HKD',
  'MOP',
  'TWD',
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'KRW',
  'SGD',
  'MYR',
  'THB',
  'AUD',
  'CAD',
  'NZD',
  'CHF',
] as const;

/** The options of a list, with `current` (e.g. a shop's value from the server) added when it is missing. */
export function withCurrent(options: readonly string[], current?: string | null): string[] {
  const list = [...options];
  if (current && !list.includes(current)) list.unshift(current);
  return list;
}

/** The UTC offset of a time zone at an instant, e.g. `+08:00` or `-07:00`; undefined when unknown. */
export function zoneOffset(zone: string, at: Date = new Date()): string | undefined {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at);
    const name = parts.find((p) => p.type === 'timeZoneName')?.value;
    if (!name) return undefined;
    if (name === 'GMT' || name === 'UTC') return '+00:00';
    const m = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(name);
    if (!m) return undefined;
    return `${m[1]}${m[2].padStart(2, '0')}:${m[3] ?? '00'}`;
  } catch {
    return undefined;
  }
}

/** A currency's name in a language (`人民币`, `US Dollar`), or undefined when the browser cannot tell. */
export function currencyName(code: string, lang: string): string | undefined {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'currency' }).of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return undefined;
  }
}

export type ShopStatusFilter = 'all' | 'active' | 'archived';

export interface ShopFilter {
  q?: string;
  platform?: string;
  status?: ShopStatusFilter;
}

/** Filters the (small, fully loaded) shop list: name or platform shop id contains `q`, platform, status. */
export function filterShops(shops: readonly Shop[], f: ShopFilter): Shop[] {
  const q = f.q?.trim().toLowerCase();
  return shops.filter(
    (s) =>
      (!q || s.name.toLowerCase().includes(q) || (s.platformShopId ?? '').toLowerCase().includes(q)) &&
      (!f.platform || s.platform === f.platform) &&
      (!f.status || f.status === 'all' || (f.status === 'archived') === s.archived),
  );
}
