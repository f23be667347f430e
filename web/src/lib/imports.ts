/**
 * Pure helpers of the imports page: file checks, sizes, and the column mapping editor's pre-fill.
 *
 * The server maps columns automatically from each profile's aliases but does not (yet) say which columns it
 * picked, so the console mirrors its rules here: {@link PROFILE_ALIASES} copies the server's profile catalogue
 * and {@link headerKey} its loose comparison. The editor starts from that mapping, tops it up with the field
 * keys and a few {@link COMMON_ALIASES}, and sends the server only what differs from the server's own mapping
 * ({@link mappingOverrides}) – so what the merchant sees is what gets imported.
 */
import type { FieldError } from '../api/api';
import type { ImportCandidate } from '../api/types';

/** The canonical fields of an imported order line, in the server's order. */
export const IMPORT_FIELDS = [
  'order_id',
  'customer_id',
  'ordered_at',
  'paid_at',
  'status',
  'total_amount',
  'paid_amount',
  'discount',
  'shipping',
  'currency',
  'sku',
  'product_id',
  'product_name',
  'category',
  'quantity',
  'unit_price',
  'refund_amount',
  'buyer_remark',
  'name',
  'phone',
  'email',
  'province',
  'city',
  'address',
  'shop',
  'country',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The profiles the console names (the server may add more; they fall back to the server's name). */
export const IMPORT_PROFILES = ['taobao', 'jd', 'douyin', 'youzan', 'shopify', 'online_retail', 'generic'] as const;

/** Files the server reads: delimited text (UTF-8 or GBK), Excel, and gzip of either. */
export const ACCEPTED_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx', '.gz'] as const;

type AliasTable = Partial<Record<ImportField, readonly string[]>>;

const GENERIC_FIELDS: readonly ImportField[] = [
  'order_id', 'customer_id', 'ordered_at', 'status', 'total_amount', 'currency', 'sku', 'product_name', 'category',
  'quantity', 'unit_price', 'name', 'phone', 'email', 'province', 'city', 'shop', 'paid_at', 'paid_amount', 'discount',
  'shipping', 'product_id', 'refund_amount', 'buyer_remark', 'address', 'country',
];

/** Each profile's header names per field, preferred first – a copy of the server's `ProfileCatalog`. */
export const PROFILE_ALIASES: Record<string, AliasTable> = {
  taobao: {
    order_id: ['订单编号', '主订单编号'],
    customer_id: ['买家会员名', '买家昵称', '买家会员名称'],
    ordered_at: ['订单创建时间', '买家下单时间', '创建时间'],
    paid_at: ['订单付款时间', '买家付款时间', '付款时间'],
    status: ['订单状态'],
    total_amount: ['总金额', '买家应付货款'],
    paid_amount: ['买家实际支付金额', '买家实付金额', '实付金额'],
    discount: ['店铺优惠', '优惠金额'],
    shipping: ['买家应付邮费', '邮费'],
    sku: ['商家编码', '外部系统编号', '商家sku编码'],
    product_id: ['宝贝ID', '商品ID'],
    product_name: ['宝贝标题', '标题', '商品标题'],
    category: ['宝贝类目', '类目'],
    quantity: ['购买数量', '宝贝总数量', '数量'],
    unit_price: ['价格', '单价'],
    refund_amount: ['退款金额'],
    buyer_remark: ['买家留言'],
    name: ['收货人姓名', '收货人'],
    phone: ['联系手机', '收货人手机号', '联系电话'],
    address: ['收货地址', '收货人地址'],
    shop: ['店铺名称'],
  },
  jd: {
    order_id: ['订单号'],
    customer_id: ['下单帐号', '下单账号', '用户账号', '用户帐号', '客户账号'],
    ordered_at: ['下单时间'],
    paid_at: ['付款确认时间', '付款时间', '支付时间'],
    status: ['订单状态'],
    total_amount: ['订单金额', '订单总金额'],
    paid_amount: ['应付金额', '实付金额'],
    discount: ['优惠金额', '商家优惠'],
    shipping: ['运费金额', '运费'],
    sku: ['商家SKU', 'SKU', '商品编码'],
    product_id: ['商品ID', '商品编号'],
    product_name: ['商品名称'],
    quantity: ['订购数量', '商品数量', '数量'],
    unit_price: ['京东价', '单价'],
    refund_amount: ['退款金额'],
    buyer_remark: ['客户留言', '买家留言', '订单备注'],
    name: ['客户姓名', '收货人'],
    phone: ['联系电话', '客户电话', '收货人手机'],
    address: ['客户地址', '收货地址'],
    shop: ['店铺名称'],
  },
  douyin: {
    order_id: ['主订单编号', '主订单号'],
    ordered_at: ['订单提交时间', '下单时间'],
    customer_id: ['用户ID', '用户昵称', '买家昵称'],
    paid_at: ['支付完成时间', '支付时间'],
    status: ['订单状态'],
    total_amount: ['订单应付金额', '订单金额'],
    paid_amount: ['实付金额', '支付金额'],
    discount: ['优惠总金额', '商家实际承担优惠金额', '优惠金额'],
    shipping: ['运费'],
    sku: ['商家编码', '商品编码'],
    product_id: ['商品ID'],
    product_name: ['选购商品', '商品名称'],
    quantity: ['商品数量'],
    unit_price: ['商品单价', '单价'],
    refund_amount: ['退款金额'],
    buyer_remark: ['买家留言'],
    name: ['收件人', '收件人姓名'],
    phone: ['收件人手机号', '收件人电话'],
    province: ['省'],
    city: ['市'],
    address: ['详细地址'],
    shop: ['店铺名称', '店铺'],
  },
  youzan: {
    order_id: ['订单号'],
    ordered_at: ['下单时间', '订单创建时间'],
    customer_id: ['买家昵称', '会员手机号', '粉丝昵称'],
    paid_at: ['付款时间', '买家付款时间'],
    status: ['订单状态'],
    total_amount: ['应收订单金额', '订单金额', '商品金额合计'],
    paid_amount: ['订单实付金额', '实付金额'],
    discount: ['店铺优惠合计', '优惠金额'],
    shipping: ['运费'],
    sku: ['规格编码', '商品编码'],
    product_name: ['商品名称', '全部商品名称'],
    quantity: ['商品数量', '数量'],
    unit_price: ['商品单价', '单价'],
    refund_amount: ['退款金额', '已退款金额'],
    buyer_remark: ['买家备注', '买家留言'],
    name: ['收货人/提货人', '收货人', '收货人姓名', '买家姓名'],
    phone: ['收货人手机号/提货人手机号', '收货人手机号', '收货人电话'],
    province: ['收货人省份'],
    city: ['收货人城市'],
    address: ['详细收货地址/提货地址', '详细收货地址', '收货地址'],
    shop: ['归属店铺', '店铺名称'],
  },
  shopify: {
    order_id: ['Name', 'Id'],
    ordered_at: ['Created at'],
    customer_id: ['Email'],
    paid_at: ['Paid at'],
    status: ['Financial Status'],
    total_amount: ['Total'],
    discount: ['Discount Amount'],
    shipping: ['Shipping'],
    currency: ['Currency'],
    sku: ['Lineitem sku'],
    product_name: ['Lineitem name'],
    quantity: ['Lineitem quantity'],
    unit_price: ['Lineitem price'],
    refund_amount: ['Refunded Amount'],
    buyer_remark: ['Notes', 'Note'],
    name: ['Billing Name', 'Shipping Name'],
    phone: ['Phone', 'Billing Phone', 'Shipping Phone'],
    email: ['Email'],
    province: ['Shipping Province Name', 'Shipping Province', 'Billing Province Name', 'Billing Province'],
    city: ['Shipping City', 'Billing City'],
    address: ['Shipping Address1', 'Shipping Street', 'Billing Address1', 'Billing Street'],
    country: ['Shipping Country', 'Billing Country'],
  },
  online_retail: {
    order_id: ['InvoiceNo', 'Invoice'],
    sku: ['StockCode'],
    product_name: ['Description'],
    quantity: ['Quantity'],
    ordered_at: ['InvoiceDate'],
    unit_price: ['UnitPrice', 'Price'],
    customer_id: ['CustomerID', 'Customer ID'],
    country: ['Country'],
  },
  generic: Object.fromEntries(GENERIC_FIELDS.map((f) => [f, [f]])),
};

/**
 * Names merchants commonly give a field in files of their own, tried (after the field key itself) for fields
 * the profile did not map. The console maps them; the server would not, so they are sent as adjustments.
 */
export const COMMON_ALIASES: AliasTable = {
  order_id: ['order id', 'order no', 'order number', 'orderid', '订单号', '订单编号'],
  customer_id: ['customer', 'buyer', 'buyer id', 'member id', 'user id', '买家', '买家ID', '会员ID', '客户ID'],
  ordered_at: ['order date', 'order time', 'created at', 'created', 'date', '下单时间', '订单时间', '创建时间'],
  paid_at: ['payment time', 'paid time', '付款时间', '支付时间'],
  status: ['order status', '状态', '订单状态'],
  total_amount: ['total', 'order total', 'amount', '订单金额', '总金额'],
  paid_amount: ['paid', 'amount paid', '实付金额', '支付金额'],
  currency: ['币种', '货币'],
  sku: ['sku code', 'item code', '商品编码', '商家编码'],
  product_name: ['product', 'item', 'item name', 'title', 'description', '商品名称', '商品'],
  category: ['类目', '品类', '分类'],
  quantity: ['qty', 'count', '数量'],
  unit_price: ['price', '单价', '价格'],
  name: ['customer name', 'buyer name', 'receiver', '姓名', '收货人'],
  phone: ['mobile', 'telephone', 'tel', '手机', '手机号', '电话'],
  email: ['e-mail', 'mail', '邮箱'],
  province: ['state', '省', '省份'],
  city: ['市', '城市'],
  address: ['地址', '收货地址'],
  country: ['国家'],
};

/**
 * A header name as the server compares it: NFKC-normalised (full-width `（）` become ASCII), lower-cased,
 * without white space, byte-order marks, `_`, `-` and `*`. `Lineitem SKU` and `lineitem_sku` are equal.
 */
export function headerKey(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\uFEFF_*-]/gu, '');
}

/** A field → header-name mapping; null means "not in this file". */
export type ColumnMapping = Record<string, string | null>;

/** The first column whose key matches each key, for the loose look-ups (first column wins, like the server). */
function columnsByKey(header: readonly string[]): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const h of header) {
    const k = headerKey(h);
    if (k && !byKey.has(k)) byKey.set(k, h);
  }
  return byKey;
}

/**
 * The mapping the server makes by itself for `profile`: each field to the first column matching its
 * highest-priority alias. A column may serve several fields (Shopify's Email is the buyer and the email).
 */
export function autoMapping(profile: string, fields: readonly string[], header: readonly string[]): ColumnMapping {
  const aliases: AliasTable = PROFILE_ALIASES[profile] ?? {};
  const byKey = columnsByKey(header);
  const mapping: ColumnMapping = {};
  for (const field of fields) {
    mapping[field] = null;
    for (const alias of aliases[field as ImportField] ?? []) {
      const column = byKey.get(headerKey(alias));
      if (column !== undefined) {
        mapping[field] = column;
        break;
      }
    }
  }
  return mapping;
}

/**
 * What the editor starts with: the server's automatic mapping, plus – for fields it leaves unmapped – a column
 * named like the field key or one of its {@link COMMON_ALIASES}, if no other field uses that column yet.
 */
export function prefillMapping(profile: string, fields: readonly string[], header: readonly string[]): ColumnMapping {
  const mapping = autoMapping(profile, fields, header);
  const used = new Set(Object.values(mapping).filter((c): c is string => c !== null));
  const byKey = columnsByKey(header);
  for (const field of fields) {
    if (mapping[field] !== null) continue;
    for (const alias of [field, ...(COMMON_ALIASES[field as ImportField] ?? [])]) {
      const column = byKey.get(headerKey(alias));
      if (column !== undefined && !used.has(column)) {
        mapping[field] = column;
        used.add(column);
        break;
      }
    }
  }
  return mapping;
}

/**
 * The `mapping` to send when starting: only the fields whose column differs from the server's automatic
 * mapping, each to its header name, or to `''` to unmap it. Empty when nothing differs.
 */
export function mappingOverrides(current: ColumnMapping, auto: ColumnMapping): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, column] of Object.entries(current)) {
    const base = auto[field] ?? null;
    const value = column ?? null;
    if (value !== base) out[field] = value ?? '';
  }
  return out;
}

/** A profile's fields for the editor: required ones first, each group in the server's field order. */
export function orderFields(fields: readonly string[], required: readonly string[]): string[] {
  const rank = (f: string) => {
    const i = (IMPORT_FIELDS as readonly string[]).indexOf(f);
    return i < 0 ? IMPORT_FIELDS.length : i;
  };
  const req = new Set(required);
  return [...new Set([...required, ...fields])].sort(
    (a, b) => Number(req.has(b)) - Number(req.has(a)) || rank(a) - rank(b) || a.localeCompare(b),
  );
}

/** Required fields the mapping leaves without a column. */
export function missingRequired(mapping: ColumnMapping, required: readonly string[]): string[] {
  return required.filter((f) => !mapping[f]);
}

/** The fields mapped to each column (for the preview's column titles). */
export function fieldsByColumn(mapping: ColumnMapping, fieldOrder: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const field of fieldOrder) {
    const column = mapping[field];
    if (!column) continue;
    out.set(column, [...(out.get(column) ?? []), field]);
  }
  return out;
}

/** Whether the server reads a file of this name (by extension; `.csv.gz` and `.xlsx.gz` end in `.gz`). */
export function isAcceptedFileName(name: string): boolean {
  const lower = name.trim().toLowerCase();
  return ACCEPTED_EXTENSIONS.some((ext) => lower.endsWith(ext) && lower.length > ext.length);
}

/** A byte count for people: `812 B`, `7.1 MB`, `1.2 GB` (binary multiples, one decimal from KB up). */
export function formatBytes(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** Upload progress in whole percent (0 while the size is unknown, at most 100). */
export function uploadPercent(loaded: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.min(100, Math.max(0, Math.floor((loaded / total) * 100)));
}

/** A detection score (0–1) as whole percent. */
export function scorePercent(score: number): number {
  return Number.isFinite(score) ? Math.round(Math.min(1, Math.max(0, score)) * 100) : 0;
}

/** The candidate the server would pick: the first, when it fits at all. */
export function bestCandidate(candidates: readonly ImportCandidate[] | null | undefined): ImportCandidate | undefined {
  const first = candidates?.[0];
  return first && first.score > 0 ? first : undefined;
}

/** Seconds between two instants, or undefined when either is missing. */
export function durationSeconds(from: string | null | undefined, to: string | null | undefined): number | undefined {
  if (!from || !to) return undefined;
  const d = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(d) && d >= 0 ? d : undefined;
}

/**
 * The review form's field for a server field error of the start call: `profile`, or `mapping.order_id` →
 * `['mapping', 'order_id']` for a field on screen; undefined for anything else (shown as a message).
 */
export type StartErrorName = ['profile'] | ['mapping', string];

export function startErrorField(field: string, fields: readonly string[]): StartErrorName | undefined {
  if (field === 'profile') return ['profile'];
  if (field.startsWith('mapping.')) {
    const key = field.slice('mapping.'.length);
    return fields.includes(key) ? ['mapping', key] : undefined;
  }
  return undefined;
}

/**
 * The field errors of a start call grouped by review-form field ({@link startErrorField}), messages
 * de-duplicated; errors of anything else in `unmapped`.
 */
export function groupStartErrors(
  errors: readonly FieldError[] | null | undefined,
  fields: readonly string[],
): { fields: { name: StartErrorName; errors: string[] }[]; unmapped: FieldError[] } {
  const byName = new Map<string, { name: StartErrorName; errors: string[] }>();
  const unmapped: FieldError[] = [];
  for (const e of errors ?? []) {
    const name = startErrorField(e.field, fields);
    if (!name) {
      unmapped.push(e);
      continue;
    }
    const key = name.join('.');
    const entry = byName.get(key) ?? { name, errors: [] };
    if (e.message && !entry.errors.includes(e.message)) entry.errors.push(e.message);
    byName.set(key, entry);
  }
  return { fields: [...byName.values()], unmapped };
}

/** The first non-blank value of a column in the sample rows, shortened, as a hint next to its name. */
export function sampleValue(rows: readonly (readonly string[])[], column: number, max = 24): string | undefined {
  for (const row of rows) {
    const v = row[column]?.trim();
    if (v) return v.length > max ? `${v.slice(0, max - 1)}…` : v;
  }
  return undefined;
}

/** The counters of an import's report, in the order the report shows them. */
export const REPORT_COUNTERS = [
  'linesRead',
  'linesAccepted',
  'linesRejected',
  'customersCreated',
  'customersMerged',
  'ordersCreated',
  'ordersUpdated',
  'ordersUnchanged',
  'refundsCreated',
] as const;
export type ReportCounter = (typeof REPORT_COUNTERS)[number];
