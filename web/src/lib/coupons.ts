import dayjs, { type Dayjs } from 'dayjs';
import type {
  CouponKind,
  CouponTemplate,
  IssueLineResult,
  TemplateInput,
  TemplateStatus,
  ValidityType,
} from '../api/coupons';
import { ISSUE_MAX } from '../api/coupons';
import type { Amount } from '../api/types';
import type { Translator } from '../i18n/core';
import { toAmount } from './customer';

/** The server's rules for templates, mirrored so the form says what is wrong before submitting. */
export const COUPON_NAME_MAX = 100;
export const COUPON_DESCRIPTION_MAX = 2000;
export const VALID_DAYS_MAX = 3650;
export const NOTICE_DAYS_MAX = 365;
export const CATEGORIES_MAX = 100;
export const PERCENT_MIN = 1;
export const PERCENT_MAX = 99;
export const DEFAULT_VALID_DAYS = 30;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(v: string): boolean {
  return UUID_PATTERN.test(v);
}

/** An amount for terms: with the currency, without `.00` on whole amounts (`¥200`, `¥12.50`). */
export function termMoney(v: Amount | null | undefined, currency: string | null | undefined, locale?: string): string {
  const n = toAmount(v) ?? 0;
  const whole = Number.isInteger(n);
  const digits = { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 };
  if (currency) {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency, ...digits }).format(n);
    } catch {
      return `${new Intl.NumberFormat(locale, digits).format(n)} ${currency}`;
    }
  }
  return new Intl.NumberFormat(locale, digits).format(n);
}

function trimNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/**
 * The 折 of a percentage off as merchants say it: 15% off is 85 折, 10% off 9 折, 50% off 5 折, 12.5% off 8.75 折
 * (the price paid in tenths, or in hundredths when a tenth does not say it exactly).
 */
export function zhe(percentOff: Amount): string {
  const pay = Math.round((100 - (toAmount(percentOff) ?? 0)) * 100) / 100;
  if (pay % 10 === 0) return trimNumber(pay / 10);
  if (Number.isInteger(pay)) return String(pay);
  return trimNumber(pay / 10);
}

/** The terms of a template or of a template being written. */
export interface TermsSource {
  kind: CouponKind;
  amountOff?: Amount | null;
  threshold?: Amount | null;
  percentOff?: Amount | null;
  maxDiscount?: Amount | null;
  giftName?: string | null;
  currency?: string | null;
}

/** What a coupon gives, in words: `满 ¥200 减 ¥30`, `85 折, 最高减 ¥50`, `包邮`, `赠品: 面膜`. */
export function describeTerms(tr: Translator, t: TermsSource): string {
  const { lang } = tr;
  const money = (v: Amount | null | undefined) => termMoney(v, t.currency, lang);
  const threshold = toAmount(t.threshold) ?? 0;
  const min = threshold > 0 ? { threshold: money(threshold) } : null;
  switch (t.kind) {
    case 'amount_off':
      return min
        ? tr.t('coupon.terms.amountOff', { amount: money(t.amountOff), ...min })
        : tr.t('coupon.terms.amountOffNoMin', { amount: money(t.amountOff) });
    case 'percent_off': {
      // Chinese says what is paid (85 折), English what is taken off (15%)
      const rate = lang === 'zh-CN' ? zhe(t.percentOff ?? 0) : `${trimNumber(toAmount(t.percentOff) ?? 0)}%`;
      const base = min ? tr.t('coupon.terms.percentOffMin', { rate, ...min }) : tr.t('coupon.terms.percentOff', { rate });
      const cap = toAmount(t.maxDiscount);
      return cap ? base + tr.t('coupon.terms.cap', { max: money(cap) }) : base;
    }
    case 'free_shipping':
      return min ? tr.t('coupon.terms.freeShippingMin', min) : tr.t('coupon.terms.freeShipping');
    case 'gift':
      return min
        ? tr.t('coupon.terms.giftMin', { gift: t.giftName ?? '', ...min })
        : tr.t('coupon.terms.gift', { gift: t.giftName ?? '' });
    default:
      return String(t.kind);
  }
}

/** An instant to the minute in the browser's time zone. */
export function formatMinute(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : iso;
}

/** When coupons of a template are valid: `领取后 30 天内有效`, or fixed dates. */
export function describeValidity(
  tr: Translator,
  t: Pick<CouponTemplate, 'validityType' | 'validFrom' | 'validUntil' | 'validDays'>,
): string {
  if (t.validityType === 'relative') return tr.t('coupon.validity.relative', { days: t.validDays ?? 0 });
  if (t.validFrom) return tr.t('coupon.validity.fixed', { from: formatMinute(t.validFrom), until: formatMinute(t.validUntil) });
  return tr.t('coupon.validity.fixedUntil', { until: formatMinute(t.validUntil) });
}

/** Issued against the stock: `12 / 100`, or `12 / unlimited`. */
export function describeStock(tr: Translator, t: Pick<CouponTemplate, 'issued' | 'totalStock'>, locale?: string): string {
  const issued = new Intl.NumberFormat(locale).format(t.issued);
  return t.totalStock == null
    ? tr.t('coupon.stock.unlimited', { issued })
    : tr.t('coupon.stock.limited', { issued, total: new Intl.NumberFormat(locale).format(t.totalStock) });
}

/** Redeemed over issued, or null before any was issued. */
export function redemptionRate(redeemed: number, issued: number): number | null {
  return issued > 0 ? redeemed / issued : null;
}

/** A 0..1 rate as a percentage (`50%`, `33.3%`), or an em dash. */
export function formatPercent(rate: number | null | undefined, locale?: string): string {
  if (rate == null || !Number.isFinite(rate)) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

export interface PastedIds {
  /** Distinct well-formed ids, in the order pasted. */
  ids: string[];
  /** The line (1-based) each id was first found on. */
  lineOf: Map<string, number>;
  /** Entries that are not customer ids. */
  invalid: { line: number; value: string }[];
  /** Ids pasted more than once (counted once). */
  duplicates: number;
}

/** Customer ids pasted one per line or separated by commas, semicolons, spaces or tabs (quotes ignored). */
export function parseCustomerIds(text: string): PastedIds {
  const ids: string[] = [];
  const lineOf = new Map<string, number>();
  const invalid: { line: number; value: string }[] = [];
  let duplicates = 0;
  text.split(/\r?\n/).forEach((row, i) => {
    for (const raw of row.split(/[,;，；\s]+/)) {
      const value = raw.trim().replace(/^["']|["']$/g, '');
      if (!value) continue;
      if (!isUuid(value)) {
        invalid.push({ line: i + 1, value });
        continue;
      }
      const id = value.toLowerCase();
      if (lineOf.has(id)) {
        duplicates += 1;
        continue;
      }
      lineOf.set(id, i + 1);
      ids.push(id);
    }
  });
  return { ids, lineOf, invalid, duplicates };
}

/** Whether the pasted ids can be sent as they are. */
export function pastedProblem(p: PastedIds): 'empty' | 'invalid' | 'tooMany' | null {
  if (p.invalid.length > 0) return 'invalid';
  if (p.ids.length === 0) return 'empty';
  if (p.ids.length > ISSUE_MAX) return 'tooMany';
  return null;
}

/** Issue results in pasted order with the line each came from. */
export function resultRows(results: readonly IssueLineResult[], lineOf: Map<string, number>): (IssueLineResult & { line: number | null })[] {
  return results
    .map((r) => ({ ...r, line: lineOf.get(r.customerId.toLowerCase()) ?? null }))
    .sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
}

/** A fresh id for an idempotent request (crypto.randomUUID is missing outside secure contexts). */
export function newRequestId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The values of the template form (dates as dayjs, amounts as numbers). */
export interface TemplateFormValues {
  name?: string;
  description?: string | null;
  kind?: CouponKind;
  threshold?: number | null;
  amountOff?: number | null;
  percentOff?: number | null;
  maxDiscount?: number | null;
  giftName?: string | null;
  currency?: string;
  validityType?: ValidityType;
  validFrom?: Dayjs | null;
  validUntil?: Dayjs | null;
  validDays?: number | null;
  totalStock?: number | null;
  perCustomerLimit?: number | null;
  shopIds?: string[];
  categories?: string[];
  restoreOnCancel?: boolean;
  minTier?: string | null;
  expiringNoticeDays?: number | null;
  status?: TemplateStatus;
}

export const TEMPLATE_FIELDS = [
  'name',
  'description',
  'kind',
  'threshold',
  'amountOff',
  'percentOff',
  'maxDiscount',
  'giftName',
  'currency',
  'validityType',
  'validFrom',
  'validUntil',
  'validDays',
  'totalStock',
  'perCustomerLimit',
  'shopIds',
  'categories',
  'restoreOnCancel',
  'minTier',
  'expiringNoticeDays',
  'status',
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** The terms that cannot change once coupons were issued with them (the server answers 409). */
export const LOCKED_AFTER_ISSUE: readonly TemplateField[] = ['kind', 'amountOff', 'threshold', 'percentOff', 'maxDiscount', 'currency'];

export const NEW_TEMPLATE_VALUES: TemplateFormValues = {
  kind: 'amount_off',
  threshold: 0,
  currency: 'CNY',
  validityType: 'relative',
  validDays: DEFAULT_VALID_DAYS,
  perCustomerLimit: 1,
  shopIds: [],
  categories: [],
  restoreOnCancel: true,
  expiringNoticeDays: 3,
  status: 'active',
};

const num = (v: Amount | null | undefined): number | null => toAmount(v) ?? null;

export function toFormValues(t: CouponTemplate): TemplateFormValues {
  return {
    name: t.name,
    description: t.description,
    kind: t.kind,
    threshold: num(t.threshold) ?? 0,
    amountOff: num(t.amountOff),
    percentOff: num(t.percentOff),
    maxDiscount: num(t.maxDiscount),
    giftName: t.giftName,
    currency: t.currency,
    validityType: t.validityType,
    validFrom: t.validFrom ? dayjs(t.validFrom) : null,
    validUntil: t.validUntil ? dayjs(t.validUntil) : null,
    validDays: t.validDays,
    totalStock: t.totalStock,
    perCustomerLimit: t.perCustomerLimit,
    shopIds: t.shopIds ?? [],
    categories: t.categories ?? [],
    restoreOnCancel: t.restoreOnCancel,
    minTier: t.minTier ?? null,
    expiringNoticeDays: t.expiringNoticeDays,
    status: t.status,
  };
}

const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
const given = (n: number | null | undefined) => (n === undefined || n === null || Number.isNaN(n) ? null : n);

/** The request body of the form's values: only the fields of the chosen kind and validity, the others null. */
export function toTemplateInput(v: TemplateFormValues): TemplateInput {
  const kind = v.kind ?? 'amount_off';
  const validityType = v.validityType ?? 'relative';
  const fixed = validityType === 'fixed';
  return {
    name: (v.name ?? '').trim(),
    description: blank(v.description),
    kind,
    threshold: given(v.threshold) ?? 0,
    amountOff: kind === 'amount_off' ? given(v.amountOff) : null,
    percentOff: kind === 'percent_off' ? given(v.percentOff) : null,
    maxDiscount: kind === 'percent_off' ? given(v.maxDiscount) : null,
    giftName: kind === 'gift' ? blank(v.giftName) : null,
    currency: v.currency || 'CNY',
    validityType,
    validFrom: fixed && v.validFrom ? v.validFrom.toISOString() : null,
    validUntil: fixed && v.validUntil ? v.validUntil.toISOString() : null,
    validDays: fixed ? null : given(v.validDays),
    totalStock: given(v.totalStock),
    perCustomerLimit: given(v.perCustomerLimit) ?? 1,
    shopIds: v.shopIds ?? [],
    categories: (v.categories ?? []).map((c) => c.trim()).filter(Boolean),
    restoreOnCancel: v.restoreOnCancel ?? true,
    minTier: blank(v.minTier),
    expiringNoticeDays: given(v.expiringNoticeDays) ?? 3,
    status: v.status ?? 'active',
  };
}

/** A stored template written back unchanged but for `changes` (pause, activate, archive). */
export function templateInputOf(t: CouponTemplate, changes: Partial<TemplateInput> = {}): TemplateInput {
  return {
    name: t.name,
    description: t.description,
    kind: t.kind,
    amountOff: t.amountOff,
    threshold: t.threshold ?? 0,
    percentOff: t.percentOff,
    maxDiscount: t.maxDiscount,
    giftName: t.giftName,
    currency: t.currency,
    validityType: t.validityType,
    validFrom: t.validityType === 'fixed' ? t.validFrom : null,
    validUntil: t.validityType === 'fixed' ? t.validUntil : null,
    validDays: t.validityType === 'relative' ? t.validDays : null,
    totalStock: t.totalStock,
    perCustomerLimit: t.perCustomerLimit,
    shopIds: t.shopIds ?? [],
    categories: t.categories ?? [],
    restoreOnCancel: t.restoreOnCancel,
    minTier: t.minTier ?? null,
    expiringNoticeDays: t.expiringNoticeDays,
    status: t.status,
    ...changes,
  };
}

export interface Problem {
  /** The message key under `coupon.v.` */
  code:
    | 'required'
    | 'nameLength'
    | 'descriptionLength'
    | 'positive'
    | 'nonNegative'
    | 'aboveThreshold'
    | 'percentRange'
    | 'afterFrom'
    | 'future'
    | 'daysRange'
    | 'stockMin'
    | 'belowIssued'
    | 'limitMin'
    | 'noticeRange'
    | 'categoriesMax'
    | 'integer';
  params?: Record<string, string | number>;
}

export interface ProblemContext {
  /** Editing a stored template (a fixed end already past is then allowed, as on the server). */
  editing?: boolean;
  /** Coupons already issued (the stock cannot go below). */
  issued?: number;
  now?: Dayjs;
}

/** What is wrong with the form's values, field by field, by the server's rules. */
export function templateProblems(v: TemplateFormValues, ctx: ProblemContext = {}): Partial<Record<TemplateField, Problem>> {
  const out: Partial<Record<TemplateField, Problem>> = {};
  const name = v.name?.trim() ?? '';
  if (!name) out.name = { code: 'required' };
  else if (name.length > COUPON_NAME_MAX) out.name = { code: 'nameLength', params: { max: COUPON_NAME_MAX } };
  if ((v.description?.trim().length ?? 0) > COUPON_DESCRIPTION_MAX) {
    out.description = { code: 'descriptionLength', params: { max: COUPON_DESCRIPTION_MAX } };
  }
  if (!v.kind) out.kind = { code: 'required' };
  const threshold = given(v.threshold) ?? 0;
  if (threshold < 0) out.threshold = { code: 'nonNegative' };
  if (v.kind === 'amount_off') {
    const amount = given(v.amountOff);
    if (amount === null) out.amountOff = { code: 'required' };
    else if (amount <= 0) out.amountOff = { code: 'positive' };
    else if (threshold > 0 && amount > threshold) out.amountOff = { code: 'aboveThreshold', params: { threshold } };
  }
  if (v.kind === 'percent_off') {
    const p = given(v.percentOff);
    if (p === null) out.percentOff = { code: 'required' };
    else if (p < PERCENT_MIN || p > PERCENT_MAX) out.percentOff = { code: 'percentRange', params: { min: PERCENT_MIN, max: PERCENT_MAX } };
    const cap = given(v.maxDiscount);
    if (cap !== null && cap <= 0) out.maxDiscount = { code: 'positive' };
  }
  if (v.kind === 'gift') {
    const gift = v.giftName?.trim() ?? '';
    if (!gift) out.giftName = { code: 'required' };
    else if (gift.length > COUPON_NAME_MAX) out.giftName = { code: 'nameLength', params: { max: COUPON_NAME_MAX } };
  }
  if (!v.currency) out.currency = { code: 'required' };
  if (!v.validityType) out.validityType = { code: 'required' };
  if (v.validityType === 'fixed') {
    if (!v.validUntil) out.validUntil = { code: 'required' };
    else if (v.validFrom && !v.validFrom.isBefore(v.validUntil)) out.validUntil = { code: 'afterFrom' };
    else if (!ctx.editing && !v.validUntil.isAfter(ctx.now ?? dayjs())) out.validUntil = { code: 'future' };
  }
  if (v.validityType === 'relative') {
    const days = given(v.validDays);
    if (days === null) out.validDays = { code: 'required' };
    else if (!Number.isInteger(days)) out.validDays = { code: 'integer' };
    else if (days < 1 || days > VALID_DAYS_MAX) out.validDays = { code: 'daysRange', params: { min: 1, max: VALID_DAYS_MAX } };
  }
  const stock = given(v.totalStock);
  if (stock !== null) {
    if (!Number.isInteger(stock)) out.totalStock = { code: 'integer' };
    else if (stock < 1) out.totalStock = { code: 'stockMin' };
    else if (ctx.issued && stock < ctx.issued) out.totalStock = { code: 'belowIssued', params: { issued: ctx.issued } };
  }
  const limit = given(v.perCustomerLimit);
  if (limit !== null && (!Number.isInteger(limit) || limit < 1)) out.perCustomerLimit = { code: 'limitMin' };
  const notice = given(v.expiringNoticeDays);
  if (notice !== null && (!Number.isInteger(notice) || notice < 0 || notice > NOTICE_DAYS_MAX)) {
    out.expiringNoticeDays = { code: 'noticeRange', params: { max: NOTICE_DAYS_MAX } };
  }
  if ((v.categories?.length ?? 0) > CATEGORIES_MAX) out.categories = { code: 'categoriesMax', params: { max: CATEGORIES_MAX } };
  return out;
}
