import { describe, expect, it } from 'vitest';
import {
  IMPORT_FIELDS,
  PROFILE_ALIASES,
  autoMapping,
  bestCandidate,
  durationSeconds,
  fieldsByColumn,
  formatBytes,
  groupStartErrors,
  headerKey,
  isAcceptedFileName,
  mappingOverrides,
  missingRequired,
  orderFields,
  prefillMapping,
  sampleValue,
  scorePercent,
  startErrorField,
  uploadPercent,
} from './imports';

const RETAIL_HEADER = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];
const RETAIL_FIELDS = ['country', 'customer_id', 'order_id', 'ordered_at', 'product_name', 'quantity', 'sku', 'unit_price'];
const TEMPLATE_HEADER = [
  'order_id', 'customer_id', 'ordered_at', 'status', 'total_amount', 'currency', 'sku', 'product_name', 'category',
  'quantity', 'unit_price', 'name', 'phone', 'email', 'province', 'city', 'shop', 'paid_at', 'discount', 'shipping',
  'refund_amount',
];

describe('headerKey', () => {
  it('compares header names like the server: case, spaces, _ - * and full-width forms ignored', () => {
    expect(headerKey('Lineitem SKU')).toBe('lineitemsku');
    expect(headerKey(' lineitem_sku ')).toBe('lineitemsku');
    expect(headerKey('\uFEFForder_id')).toBe('orderid');
    expect(headerKey('*订单编号')).toBe('订单编号');
    expect(headerKey('收货人（姓名）')).toBe('收货人(姓名)');
    expect(headerKey('Customer-ID')).toBe('customerid');
    expect(headerKey(null)).toBe('');
  });
});

describe('automatic column mapping', () => {
  it('maps the UCI Online Retail header completely', () => {
    expect(autoMapping('online_retail', RETAIL_FIELDS, RETAIL_HEADER)).toEqual({
      country: 'Country',
      customer_id: 'CustomerID',
      order_id: 'InvoiceNo',
      ordered_at: 'InvoiceDate',
      product_name: 'Description',
      quantity: 'Quantity',
      sku: 'StockCode',
      unit_price: 'UnitPrice',
    });
  });

  it('takes the highest-priority alias, matched loosely, and the first of equal columns', () => {
    const m = autoMapping('taobao', ['order_id', 'customer_id', 'ordered_at', 'phone'], [
      '买家昵称', ' 订单编号 ', '主订单编号', '联系电话', '联系手机', '订单创建时间', '订单编号',
    ]);
    expect(m).toEqual({ order_id: ' 订单编号 ', customer_id: '买家昵称', ordered_at: '订单创建时间', phone: '联系手机' });
  });

  it('lets one column serve several fields (Shopify: Email is the buyer and the email)', () => {
    const m = autoMapping('shopify', ['customer_id', 'email', 'order_id'], ['Name', 'Email', 'Created at']);
    expect(m).toEqual({ customer_id: 'Email', email: 'Email', order_id: 'Name' });
  });

  it('knows the template columns as the generic profile and maps them to themselves', () => {
    const m = autoMapping('generic', TEMPLATE_HEADER, TEMPLATE_HEADER);
    for (const f of TEMPLATE_HEADER) expect(m[f], f).toBe(f);
  });

  it('maps nothing for an unknown profile or missing columns', () => {
    expect(autoMapping('nope', ['order_id'], ['order_id'])).toEqual({ order_id: null });
    expect(autoMapping('jd', ['order_id', 'sku'], ['订单号'])).toEqual({ order_id: '订单号', sku: null });
  });

  it('only names known fields in its alias tables', () => {
    for (const [profile, table] of Object.entries(PROFILE_ALIASES)) {
      for (const field of Object.keys(table)) expect(IMPORT_FIELDS, `${profile}.${field}`).toContain(field);
    }
  });
});

describe('pre-filled mapping and what is sent', () => {
  it('tops up the automatic mapping with field keys and common aliases, without reusing columns', () => {
    const header = ['订单编号', '买家会员名', '订单创建时间', 'SKU', 'Qty', 'email'];
    const fields = ['order_id', 'customer_id', 'ordered_at', 'sku', 'quantity', 'phone'];
    const auto = autoMapping('taobao', fields, header);
    expect(auto.sku).toBeNull();
    const prefill = prefillMapping('taobao', fields, header);
    expect(prefill).toEqual({
      order_id: '订单编号',
      customer_id: '买家会员名',
      ordered_at: '订单创建时间',
      sku: 'SKU',
      quantity: 'Qty',
      phone: null,
    });
    // the console's extra matches differ from the server's own mapping, so they are sent
    expect(mappingOverrides(prefill, auto)).toEqual({ sku: 'SKU', quantity: 'Qty' });
  });

  it('sends nothing when the mapping is the automatic one', () => {
    const auto = autoMapping('online_retail', RETAIL_FIELDS, RETAIL_HEADER);
    expect(prefillMapping('online_retail', RETAIL_FIELDS, RETAIL_HEADER)).toEqual(auto);
    expect(mappingOverrides({ ...auto }, auto)).toEqual({});
  });

  it('sends a changed column by name and an unmapped field as an empty string', () => {
    const auto = autoMapping('online_retail', RETAIL_FIELDS, RETAIL_HEADER);
    const current = { ...auto, customer_id: null, product_name: 'StockCode' };
    expect(mappingOverrides(current, auto)).toEqual({ customer_id: '', product_name: 'StockCode' });
  });

  it('lists required fields left without a column', () => {
    expect(missingRequired({ order_id: 'a', sku: null, quantity: '' }, ['order_id', 'sku', 'quantity'])).toEqual(['sku', 'quantity']);
  });

  it('groups the fields mapped to each column for the preview titles', () => {
    const byColumn = fieldsByColumn({ customer_id: 'Email', email: 'Email', order_id: 'Name', phone: null }, [
      'order_id',
      'customer_id',
      'email',
      'phone',
    ]);
    expect([...byColumn.entries()]).toEqual([
      ['Name', ['order_id']],
      ['Email', ['customer_id', 'email']],
    ]);
  });
});

describe('field order', () => {
  it('puts required fields first, each group in the server order, unknown fields last', () => {
    expect(orderFields(['unit_price', 'sku', 'country', 'zeta', 'customer_id', 'order_id'], ['sku', 'order_id'])).toEqual([
      'order_id',
      'sku',
      'customer_id',
      'unit_price',
      'country',
      'zeta',
    ]);
  });
});

describe('start errors', () => {
  const fields = ['order_id', 'sku'];

  it('maps profile and mapping.<field> errors to the review form', () => {
    expect(startErrorField('profile', fields)).toEqual(['profile']);
    expect(startErrorField('mapping.order_id', fields)).toEqual(['mapping', 'order_id']);
    expect(startErrorField('mapping.address', fields)).toBeUndefined();
    expect(startErrorField('mapping', fields)).toBeUndefined();
  });

  it('groups messages per field and keeps the rest apart', () => {
    const grouped = groupStartErrors(
      [
        { field: 'mapping.sku', message: "The column 'nope' is not in the file's header." },
        { field: 'mapping.order_id', message: 'The required field order_id has no column.' },
        { field: 'mapping.order_id', message: 'The required field order_id has no column.' },
        { field: 'mapping.Bogus', message: 'There is no field Bogus.' },
      ],
      fields,
    );
    expect(grouped.fields).toEqual([
      { name: ['mapping', 'sku'], errors: ["The column 'nope' is not in the file's header."] },
      { name: ['mapping', 'order_id'], errors: ['The required field order_id has no column.'] },
    ]);
    expect(grouped.unmapped).toEqual([{ field: 'mapping.Bogus', message: 'There is no field Bogus.' }]);
  });
});

describe('files and numbers', () => {
  it('accepts the extensions the server reads', () => {
    for (const name of ['orders.csv', 'ORDERS.TSV', 'a.txt', 'export.xlsx', 'online_retail.csv.gz', 'x.xlsx.gz']) {
      expect(isAcceptedFileName(name), name).toBe(true);
    }
    for (const name of ['orders.xls', 'orders.zip', 'photo.png', '.csv', 'csv']) {
      expect(isAcceptedFileName(name), name).toBe(false);
    }
  });

  it('formats byte counts in binary multiples', () => {
    expect(formatBytes(0, 'en')).toBe('0 B');
    expect(formatBytes(812, 'en')).toBe('812 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(7_451_462, 'en')).toBe('7.1 MB');
    expect(formatBytes(3 * 1024 ** 3, 'en')).toBe('3.0 GB');
    expect(formatBytes(-1, 'en')).toBe('—');
  });

  it('computes upload progress and scores in whole percent', () => {
    expect(uploadPercent(0, 0)).toBe(0);
    expect(uploadPercent(50, 200)).toBe(25);
    expect(uploadPercent(199, 200)).toBe(99);
    expect(uploadPercent(300, 200)).toBe(100);
    expect(scorePercent(0.6666)).toBe(67);
    expect(scorePercent(1.2)).toBe(100);
    expect(scorePercent(Number.NaN)).toBe(0);
  });

  it('picks the first candidate only when it fits at all', () => {
    const c = (profile: string, score: number) => ({ profile, name: profile, score, missingRequired: [] });
    expect(bestCandidate([c('online_retail', 1), c('generic', 0.2)])?.profile).toBe('online_retail');
    expect(bestCandidate([c('generic', 0)])).toBeUndefined();
    expect(bestCandidate(null)).toBeUndefined();
  });

  it('measures durations and sample values', () => {
    expect(durationSeconds('2026-01-01T00:00:00Z', '2026-01-01T00:01:05Z')).toBe(65);
    expect(durationSeconds('2026-01-01T00:00:00Z', null)).toBeUndefined();
    expect(sampleValue([['', 'x'], ['a', 'y']], 0)).toBe('a');
    expect(sampleValue([['WHITE HANGING HEART T-LIGHT HOLDER']], 0, 10)).toBe('WHITE HAN…');
    expect(sampleValue([['a']], 3)).toBeUndefined();
  });
});
