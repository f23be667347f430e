import { describe, expect, it } from 'vitest';
import type { CustomerEvent, CustomerOrder, MergeRecord, Shop } from '../api/types';
import { conflictBadgeText } from '../hooks/useOpenConflictCount';
import { createTranslator } from '../i18n/core';
import { sourceLabel } from '../i18n/labels';
import {
  buildTimeline,
  canUnmerge,
  formatMoney,
  importIdOfSource,
  shopStatsRows,
  itemCount,
  regionText,
  shortId,
  statusFromQuery,
  summarizeProperties,
  toAmount,
} from './customer';
import { COMMON_TIMEZONES, filterShops, withCurrent, zoneOffset } from './shops';

const order = (id: string, orderedAt: string, extra: Partial<CustomerOrder> = {}): CustomerOrder => ({
  id,
  shopId: null,
  externalId: null,
  status: 'paid',
  orderedAt,
  currency: 'CNY',
  itemTotal: 10,
  paidAmount: 10,
  refundedAmount: 0,
  items: [],
  ...extra,
});

const event = (eventId: string, occurredAt: string): CustomerEvent => ({
  eventId,
  type: 'page_view',
  occurredAt,
  shopId: null,
  source: 'sdk',
  properties: {},
});

const merge = (extra: Partial<MergeRecord> = {}): MergeRecord => ({
  id: 1,
  survivorId: 'a',
  mergedId: 'b',
  identityType: 'phone',
  identityMasked: '139****5678',
  reason: 'shared phone',
  source: 'api',
  actor: null,
  mergedAt: '2026-01-01T00:00:00Z',
  unmergedAt: null,
  unmergedBy: null,
  ...extra,
});

describe('customer timeline', () => {
  it('interleaves orders and events newest first', () => {
    const entries = buildTimeline(
      [order('o1', '2026-01-01T10:00:00Z'), order('o2', '2026-01-03T10:00:00Z')],
      [event('e1', '2026-01-02T10:00:00Z'), event('e2', '2026-01-04T10:00:00+08:00')],
    );
    expect(entries.map((e) => e.key)).toEqual(['event-e2', 'order-o2', 'event-e1', 'order-o1']);
  });

  it('puts an order before an event of the same instant, invalid times last, and tolerates missing lists', () => {
    const entries = buildTimeline([order('o1', '2026-01-01T00:00:00Z')], [
      event('bad', 'not a time'),
      event('e1', '2026-01-01T00:00:00Z'),
    ]);
    expect(entries.map((e) => e.key)).toEqual(['order-o1', 'event-e1', 'event-bad']);
    expect(buildTimeline(undefined, null)).toEqual([]);
  });

  it('summarizes event properties and counts the rest', () => {
    expect(summarizeProperties({ page: '/p/1', price: 9.9, vip: true, tags: ['a'], extra: null }, 4)).toEqual({
      parts: ['page: /p/1', 'price: 9.9', 'vip: true', 'tags: ["a"]'],
      more: 1,
    });
    expect(summarizeProperties({ text: 'x'.repeat(100) }, 4, 10).parts[0]).toBe(`text: ${'x'.repeat(9)}…`);
    expect(summarizeProperties(null)).toEqual({ parts: [], more: 0 });
  });

  it('counts the pieces of an order', () => {
    const items = [
      { sku: 'A', productName: 'a', category: null, quantity: 2, unitPrice: 1, amount: 2 },
      { sku: 'B', productName: 'b', category: null, quantity: 3, unitPrice: 1, amount: 3 },
    ];
    expect(itemCount({ items })).toBe(5);
    expect(itemCount({ items: null })).toBe(0);
  });
});

describe('customer helpers', () => {
  it('offers unmerge only for an active merge into this customer', () => {
    expect(canUnmerge(merge(), 'a')).toBe(true);
    expect(canUnmerge(merge(), 'b')).toBe(false);
    expect(canUnmerge(merge({ unmergedAt: '2026-02-01T00:00:00Z' }), 'a')).toBe(false);
  });

  it('formats amounts with their currency, and tolerates strings, nulls and unknown codes', () => {
    expect(formatMoney(1234.5, 'CNY', 'zh-CN')).toBe('¥1,234.50');
    expect(formatMoney('12', 'USD', 'en')).toBe('$12.00');
    expect(formatMoney(null, 'CNY', 'en')).toBe('—');
    expect(formatMoney('abc', 'CNY', 'en')).toBe('—');
    expect(formatMoney(5, 'NOT-A-CODE', 'en')).toBe('5.00 NOT-A-CODE');
    expect(formatMoney(5, null, 'en')).toBe('5.00');
    expect(toAmount('3.5')).toBe(3.5);
    expect(toAmount('')).toBeUndefined();
  });

  it('shortens ids and joins regions', () => {
    expect(shortId('4ba15d1b-a066-4dc0-94fb-5c9f4ec23aed')).toBe('4ba15d1b');
    expect(shortId('abc')).toBe('abc');
    expect(regionText('浙江', '杭州')).toBe('浙江 杭州');
    expect(regionText('北京', '北京')).toBe('北京');
    expect(regionText(null, ' 深圳 ')).toBe('深圳');
    expect(regionText(null, undefined)).toBeUndefined();
  });

  it('reads the conflict status filter from the URL', () => {
    expect(statusFromQuery(null)).toBe('OPEN');
    expect(statusFromQuery('merged')).toBe('MERGED');
    expect(statusFromQuery('ALL')).toBe('ALL');
    expect(statusFromQuery('bogus')).toBe('OPEN');
  });

  it('shows the open-conflict badge only when there are some', () => {
    expect(conflictBadgeText(0, false)).toBeNull();
    expect(conflictBadgeText(7, false)).toBe('7');
    expect(conflictBadgeText(100, true)).toBe('100+');
  });
});

describe('shop helpers', () => {
  const shop = (name: string, extra: Partial<Shop> = {}): Shop => ({
    id: name,
    platform: 'taobao',
    name,
    timezone: 'Asia/Shanghai',
    currency: 'CNY',
    platformShopId: null,
    archived: false,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...extra,
  });
  const shops = [
    shop('留量旗舰店', { platformShopId: 'TB-1001' }),
    shop('JD Store', { platform: 'jd' }),
    shop('Old shop', { archived: true }),
  ];

  it('filters by name or platform id, platform and status', () => {
    expect(filterShops(shops, { q: '旗舰' }).map((s) => s.name)).toEqual(['留量旗舰店']);
    expect(filterShops(shops, { q: 'tb-10' }).map((s) => s.name)).toEqual(['留量旗舰店']);
    expect(filterShops(shops, { platform: 'jd' }).map((s) => s.name)).toEqual(['JD Store']);
    expect(filterShops(shops, { status: 'archived' }).map((s) => s.name)).toEqual(['Old shop']);
    expect(filterShops(shops, { status: 'active' })).toHaveLength(2);
    expect(filterShops(shops, { status: 'all', q: '  ' })).toHaveLength(3);
  });

  it('keeps a value from the server among the options', () => {
    expect(withCurrent(['CNY', 'USD'], 'CNY')).toEqual(['CNY', 'USD']);
    expect(withCurrent(['CNY', 'USD'], 'CHF')).toEqual(['CHF', 'CNY', 'USD']);
    expect(withCurrent(['CNY'], null)).toEqual(['CNY']);
  });

  it('tells UTC offsets of time zones', () => {
    const jan = new Date('2026-01-15T00:00:00Z');
    const jul = new Date('2026-07-15T00:00:00Z');
    expect(zoneOffset('Asia/Shanghai', jan)).toBe('+08:00');
    expect(zoneOffset('UTC', jan)).toBe('+00:00');
    expect(zoneOffset('America/Los_Angeles', jan)).toBe('-08:00');
    expect(zoneOffset('America/Los_Angeles', jul)).toBe('-07:00');
    expect(zoneOffset('Asia/Kolkata', jan)).toBe('+05:30');
    expect(zoneOffset('Mars/Base', jan)).toBeUndefined();
    expect(COMMON_TIMEZONES[0]).toBe('Asia/Shanghai');
    for (const zone of COMMON_TIMEZONES) expect(zoneOffset(zone, jan), zone).toBeDefined();
  });
});

describe('per-shop stats', () => {
  const shopA = 'aaaaaaaa-0000-0000-0000-000000000001';
  const shopB = 'bbbbbbbb-0000-0000-0000-000000000002';

  it('gives each row a unique key and the currency of its amount where it can be told', () => {
    const rows = shopStatsRows(
      {
        currency: 'GBP',
        shops: [
          { shopId: shopA, orderCount: 1, totalSpent: 189.8 },
          { shopId: shopA, orderCount: 2, totalSpent: 279 },
          { shopId: shopB, orderCount: 3, totalSpent: 30 },
        ],
      },
      [order('o1', '2026-06-18T12:00:00Z', { shopId: shopB, currency: 'CNY' })],
    );
    expect(new Set(rows.map((r) => r.key)).size).toBe(3);
    // shop A is listed per currency without saying which: no currency rather than a wrong one
    expect(rows.map((r) => r.currency)).toEqual([null, null, 'CNY']);
  });

  it("uses a row's own currency, else the summary's for a shop without recent orders", () => {
    const rows = shopStatsRows(
      { currency: 'CNY', shops: [{ shopId: shopA, orderCount: 1, totalSpent: 1, currency: 'USD' }, { shopId: shopB, orderCount: 1, totalSpent: 2 }] },
      [],
    );
    expect(rows.map((r) => r.currency)).toEqual(['USD', 'CNY']);
    expect(shopStatsRows({ currency: null, shops: null }, null)).toEqual([]);
  });
});

describe('sources', () => {
  it('names import sources and finds their import', () => {
    const id = '87ee2144-1a7b-4f87-967f-4d5641b3498e';
    expect(importIdOfSource(`import:${id}`)).toBe(id);
    expect(importIdOfSource('import:nope')).toBeUndefined();
    expect(importIdOfSource('api')).toBeUndefined();
    expect(importIdOfSource(null)).toBeUndefined();
    const zh = createTranslator('zh-CN');
    expect(sourceLabel(createTranslator('en'), `import:${id}`)).toBe('Import');
    expect(sourceLabel(zh, 'api')).toBe(zh.t('source.api'));
    expect(sourceLabel(zh, 'webhook:shopify')).toBe('webhook:shopify');
    expect(sourceLabel(zh, 'sdk')).toBe('sdk');
  });
});
