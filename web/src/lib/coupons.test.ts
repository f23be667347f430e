import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { COUPON_KINDS, COUPON_STATUSES, ISSUE_STATUSES, TEMPLATE_STATUSES, type CouponTemplate } from '../api/coupons';
import { createTranslator } from '../i18n/core';
import {
  NEW_TEMPLATE_VALUES,
  describeStock,
  describeTerms,
  describeValidity,
  formatPercent,
  newRequestId,
  parseCustomerIds,
  pastedProblem,
  redemptionRate,
  resultRows,
  templateInputOf,
  templateProblems,
  termMoney,
  toFormValues,
  toTemplateInput,
  zhe,
  type TemplateFormValues,
} from './coupons';

const zh = createTranslator('zh-CN');
const en = createTranslator('en');

const A = '0190a1b2-0000-7000-8000-000000000001';
const B = '0190a1b2-0000-7000-8000-000000000002';

function template(over: Partial<CouponTemplate> = {}): CouponTemplate {
  return {
    id: 't1',
    name: '双十一满减',
    description: null,
    kind: 'amount_off',
    amountOff: '30.00',
    threshold: '200.00',
    percentOff: null,
    maxDiscount: null,
    giftName: null,
    currency: 'CNY',
    validityType: 'relative',
    validFrom: null,
    validUntil: null,
    validDays: 30,
    totalStock: null,
    perCustomerLimit: 1,
    shopIds: [],
    categories: [],
    restoreOnCancel: true,
    minTier: null,
    expiringNoticeDays: 3,
    status: 'active',
    issued: 0,
    redeemed: 0,
    expired: 0,
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-01T00:00:00Z',
    ...over,
  };
}

describe('coupon terms in words', () => {
  it('says 满减, 折扣 (as 折 in Chinese, % off in English), 包邮 and 赠品 with the currency', () => {
    expect(describeTerms(zh, template())).toBe('满 ¥200 减 ¥30');
    expect(describeTerms(en, template())).toBe('CN¥30 off orders of CN¥200 or more');
    expect(describeTerms(zh, template({ threshold: 0 }))).toBe('无门槛减 ¥30');
    const pct = template({ kind: 'percent_off', amountOff: null, threshold: '0', percentOff: '15.00', maxDiscount: '50.00' });
    expect(describeTerms(zh, pct)).toBe('85 折, 最高减 ¥50');
    expect(describeTerms(en, pct)).toBe('15% off, at most CN¥50 off');
    expect(describeTerms(zh, { ...pct, threshold: 100, maxDiscount: null })).toBe('满 ¥100 享 85 折');
    expect(describeTerms(zh, template({ kind: 'free_shipping', amountOff: null, threshold: 0 }))).toBe('包邮');
    expect(describeTerms(en, template({ kind: 'free_shipping', amountOff: null, threshold: 99 }))).toBe('Free shipping on orders of CN¥99 or more');
    expect(describeTerms(zh, template({ kind: 'gift', amountOff: null, threshold: 0, giftName: '面膜' }))).toBe('赠品: 面膜');
  });

  it('writes 折 as merchants say it', () => {
    expect(zhe(15)).toBe('85');
    expect(zhe('10.00')).toBe('9');
    expect(zhe(50)).toBe('5');
    expect(zhe(12.5)).toBe('8.75');
    expect(zhe(1)).toBe('99');
  });

  it('keeps cents only where there are any', () => {
    expect(termMoney('12.50', 'CNY', 'zh-CN')).toBe('¥12.50');
    expect(termMoney(200, 'USD', 'en')).toBe('$200');
    expect(termMoney(5, 'XYZ1', 'en')).toBe('5 XYZ1');
  });

  it('describes validity and stock', () => {
    expect(describeValidity(zh, template())).toBe('领取后 30 天内有效');
    expect(describeValidity(en, template({ validDays: 7 }))).toBe('Valid for 7 days after issue');
    const until = '2027-01-31T15:59:00Z';
    expect(describeValidity(en, template({ validityType: 'fixed', validDays: null, validUntil: until }))).toBe(
      `Until ${dayjs(until).format('YYYY-MM-DD HH:mm')}`,
    );
    expect(describeStock(en, template({ issued: 12 }), 'en')).toBe('12 / unlimited');
    expect(describeStock(zh, template({ issued: 1200, totalStock: 5000 }), 'zh-CN')).toBe('1,200 / 5,000');
  });

  it('rates redemption only once something was issued', () => {
    expect(redemptionRate(1, 2)).toBe(0.5);
    expect(redemptionRate(0, 0)).toBeNull();
    expect(formatPercent(0.5, 'en')).toBe('50%');
    expect(formatPercent(1 / 3, 'en')).toBe('33.3%');
    expect(formatPercent(null, 'en')).toBe('—');
  });
});

describe('pasted customer ids', () => {
  it('reads lines and commas, drops duplicates and blanks, and names the bad entries by line', () => {
    const p = parseCustomerIds(`${A}\n\n ${B.toUpperCase()}, ${A}\n"${B}";nope\n`);
    expect(p.ids).toEqual([A, B]);
    expect(p.duplicates).toBe(2);
    expect(p.invalid).toEqual([{ line: 4, value: 'nope' }]);
    expect(p.lineOf.get(B)).toBe(3);
    expect(pastedProblem(p)).toBe('invalid');
    expect(pastedProblem(parseCustomerIds(' \n'))).toBe('empty');
    expect(pastedProblem(parseCustomerIds(`${A}，${B}`))).toBeNull();
  });

  it('refuses more than 1,000 at a time', () => {
    const many = Array.from({ length: 1001 }, (_, i) => `0190a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`).join('\n');
    expect(pastedProblem(parseCustomerIds(many))).toBe('tooMany');
  });

  it('orders results by the line they were pasted on', () => {
    const p = parseCustomerIds(`${A}\n${B}`);
    const rows = resultRows(
      [
        { customerId: B, status: 'REJECTED', couponId: null, code: null, error: { field: 'customerIds[1]', message: 'no customer' } },
        { customerId: A.toUpperCase(), status: 'ISSUED', couponId: 'c', code: 'ABCD', error: null },
      ],
      p.lineOf,
    );
    expect(rows.map((r) => [r.line, r.status])).toEqual([
      [1, 'ISSUED'],
      [2, 'REJECTED'],
    ]);
  });

  it('makes a new version-4 request id each time', () => {
    const a = newRequestId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newRequestId()).not.toBe(a);
  });
});

describe('the template form', () => {
  const valid: TemplateFormValues = { ...NEW_TEMPLATE_VALUES, name: '满减', threshold: 200, amountOff: 30 };
  const now = dayjs('2026-12-01T00:00:00Z');

  it('accepts a good 满减 and sends only the fields of its kind and validity', () => {
    expect(templateProblems(valid, { now })).toEqual({});
    const body = toTemplateInput({ ...valid, percentOff: 15, giftName: '面膜', validUntil: dayjs('2027-01-01') });
    expect(body).toMatchObject({ kind: 'amount_off', amountOff: 30, threshold: 200, percentOff: null, maxDiscount: null, giftName: null });
    expect(body).toMatchObject({ validityType: 'relative', validDays: 30, validFrom: null, validUntil: null, totalStock: null, perCustomerLimit: 1 });
  });

  it('mirrors the server: amount above 0 and within the threshold, percent 1 to 99, gift named', () => {
    expect(templateProblems({ ...valid, amountOff: 0 }).amountOff?.code).toBe('positive');
    expect(templateProblems({ ...valid, amountOff: null }).amountOff?.code).toBe('required');
    expect(templateProblems({ ...valid, amountOff: 250 }).amountOff).toEqual({ code: 'aboveThreshold', params: { threshold: 200 } });
    expect(templateProblems({ ...valid, threshold: 0, amountOff: 250 }).amountOff).toBeUndefined();
    expect(templateProblems({ ...valid, threshold: -1 }).threshold?.code).toBe('nonNegative');
    const pct = { ...valid, kind: 'percent_off' as const };
    expect(templateProblems({ ...pct, percentOff: 100 }).percentOff?.code).toBe('percentRange');
    expect(templateProblems({ ...pct, percentOff: 0.5 }).percentOff?.code).toBe('percentRange');
    expect(templateProblems({ ...pct, percentOff: 15, maxDiscount: 0 }).maxDiscount?.code).toBe('positive');
    expect(templateProblems({ ...pct, percentOff: 15 })).toEqual({});
    expect(templateProblems({ ...valid, kind: 'gift', giftName: ' ' }).giftName?.code).toBe('required');
    expect(templateProblems({ ...valid, name: '  ' }).name?.code).toBe('required');
  });

  it('checks validity, stock and limits', () => {
    const fixed = { ...valid, validityType: 'fixed' as const };
    expect(templateProblems(fixed, { now }).validUntil?.code).toBe('required');
    expect(templateProblems({ ...fixed, validFrom: dayjs('2027-02-01'), validUntil: dayjs('2027-01-01') }, { now }).validUntil?.code).toBe('afterFrom');
    expect(templateProblems({ ...fixed, validUntil: dayjs('2026-11-01') }, { now }).validUntil?.code).toBe('future');
    expect(templateProblems({ ...fixed, validUntil: dayjs('2026-11-01') }, { now, editing: true }).validUntil).toBeUndefined();
    expect(templateProblems({ ...valid, validDays: 0 }).validDays?.code).toBe('daysRange');
    expect(templateProblems({ ...valid, validDays: 3651 }).validDays?.code).toBe('daysRange');
    expect(templateProblems({ ...valid, validDays: 3650 }).validDays).toBeUndefined();
    expect(templateProblems({ ...valid, totalStock: 0 }).totalStock?.code).toBe('stockMin');
    expect(templateProblems({ ...valid, totalStock: null }).totalStock).toBeUndefined();
    expect(templateProblems({ ...valid, totalStock: 5 }, { issued: 8 }).totalStock?.code).toBe('belowIssued');
    expect(templateProblems({ ...valid, perCustomerLimit: 0 }).perCustomerLimit?.code).toBe('limitMin');
    expect(templateProblems({ ...valid, expiringNoticeDays: 400 }).expiringNoticeDays?.code).toBe('noticeRange');
  });

  it('round-trips a stored template and changes only the status for pause and archive', () => {
    const stored = template({ validityType: 'fixed', validDays: null, validFrom: '2026-12-01T00:00:00.000Z', validUntil: '2027-01-01T00:00:00.000Z', totalStock: 100, shopIds: ['s1'], categories: ['美妆'] });
    const body = toTemplateInput(toFormValues(stored));
    expect(body).toMatchObject({ amountOff: 30, threshold: 200, validFrom: stored.validFrom, validUntil: stored.validUntil, validDays: null, totalStock: 100, shopIds: ['s1'], categories: ['美妆'] });
    const paused = templateInputOf(stored, { status: 'paused' });
    expect(paused.status).toBe('paused');
    expect(paused).toMatchObject({ kind: 'amount_off', amountOff: '30.00', threshold: '200.00', validDays: null, validUntil: stored.validUntil });
  });
});

describe('coupon labels', () => {
  it('name every kind and status in both languages', () => {
    for (const tr of [zh, en]) {
      for (const k of COUPON_KINDS) expect(tr.has(`coupon.kind.${k}`), `${tr.lang} ${k}`).toBe(true);
      for (const s of TEMPLATE_STATUSES) expect(tr.has(`coupon.templateStatus.${s}`), `${tr.lang} ${s}`).toBe(true);
      for (const s of COUPON_STATUSES) expect(tr.has(`coupon.status.${s}`), `${tr.lang} ${s}`).toBe(true);
      for (const s of ISSUE_STATUSES) expect(tr.has(`coupon.issueStatus.${s}`), `${tr.lang} ${s}`).toBe(true);
    }
  });

  it('has a message for every problem the form reports', () => {
    const codes = ['required', 'nameLength', 'descriptionLength', 'positive', 'nonNegative', 'aboveThreshold', 'percentRange', 'afterFrom', 'future', 'daysRange', 'stockMin', 'belowIssued', 'limitMin', 'noticeRange', 'categoriesMax', 'integer'];
    for (const tr of [zh, en]) for (const c of codes) expect(tr.has(`coupon.v.${c}`), `${tr.lang} ${c}`).toBe(true);
  });
});

describe('minTier', () => {
  it('is kept from a stored template and sent blank as null', () => {
    expect(toFormValues(template({ minTier: 'gold' })).minTier).toBe('gold');
    expect(toTemplateInput({ ...toFormValues(template({ minTier: 'gold' })) }).minTier).toBe('gold');
    expect(toTemplateInput({ ...toFormValues(template()), minTier: '' }).minTier).toBeNull();
    expect(templateInputOf(template({ minTier: 'silver' }), { status: 'paused' }).minTier).toBe('silver');
  });
});
