import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { LoyaltyProgram, Tier } from '../api/loyalty';
import { createTranslator } from '../i18n/core';
import {
  NEW_PROGRAM_VALUES,
  benefitGap,
  fillMonths,
  formatMeasure,
  formatSignedPoints,
  fromServerWarnings,
  hasProblems,
  ladderPath,
  newTierRow,
  pointsProblem,
  programInputOf,
  programProblems,
  programToForm,
  progressPercent,
  stepFactor,
  tierName,
  tierProblems,
  tierToRow,
  tierWarnings,
  toProgramInput,
  toTierInput,
  warningText,
  warningsAt,
  type TierFormRow,
} from './loyalty';

const zh = createTranslator('zh-CN');
const en = createTranslator('en');

function row(code: string, name: string, threshold: number | null, multiplier = 1, discount = 0, over: Partial<TierFormRow> = {}): TierFormRow {
  return {
    code,
    name,
    qualifyBy: 'net_spend_12m',
    threshold,
    pointsMultiplier: multiplier,
    discountPercent: discount,
    freeShipping: false,
    birthdayCouponTemplateId: null,
    exclusiveService: null,
    graceDays: 0,
    ...over,
  };
}

const fields = (rows: TierFormRow[]) =>
  tierProblems(rows).rows.flatMap((r, i) => Object.keys(r).map((f) => `tiers[${i}].${f}`));

describe('the program form', () => {
  it('checks the fields as LoyaltyService.saveProgram does', () => {
    expect(programProblems({ ...NEW_PROGRAM_VALUES, name: '留量会员' })).toEqual({});
    expect(programProblems({ ...NEW_PROGRAM_VALUES, name: '  ' }).name?.code).toBe('required');
    expect(programProblems({ ...NEW_PROGRAM_VALUES, name: 'x'.repeat(101) }).name?.code).toBe('nameLength');
    for (const ppu of [null, -0.5, 1000.01]) {
      expect(programProblems({ ...NEW_PROGRAM_VALUES, name: 'a', pointsPerUnit: ppu }).pointsPerUnit, String(ppu)).toBeDefined();
    }
    expect(programProblems({ ...NEW_PROGRAM_VALUES, name: 'a', pointsPerUnit: 0 })).toEqual({});
    expect(programProblems({ ...NEW_PROGRAM_VALUES, name: 'a', pointsPerUnit: 1000 })).toEqual({});
    const months = { ...NEW_PROGRAM_VALUES, name: 'a', expiry: 'months' as const };
    expect(programProblems({ ...months, expiryMonths: 0 }).expiryMonths?.code).toBe('expiryMonthsRange');
    expect(programProblems({ ...months, expiryMonths: 121 }).expiryMonths?.code).toBe('expiryMonthsRange');
    expect(programProblems({ ...months, expiryMonths: 1.5 }).expiryMonths?.code).toBe('integer');
    expect(programProblems({ ...months, expiryMonths: null }).expiryMonths?.code).toBe('required');
    expect(programProblems({ ...months, expiryMonths: 24 })).toEqual({});
    // months only matter when points expire after months
    expect(programProblems({ ...NEW_PROGRAM_VALUES, name: 'a', expiryMonths: 0 })).toEqual({});
  });

  it('sends the months only with that rule, earnFrom as an instant or null, and a trimmed name', () => {
    const at = dayjs('2026-03-01T08:00:00Z');
    expect(toProgramInput({ ...NEW_PROGRAM_VALUES, name: ' 留量会员 ', expiryMonths: 6, earnFrom: at })).toEqual({
      name: '留量会员',
      enabled: true,
      pointsPerUnit: 1,
      earnOn: 'completed',
      expiry: 'end_of_following_year',
      expiryMonths: null,
      autoEnrol: true,
      earnFrom: '2026-03-01T08:00:00.000Z',
    });
    expect(toProgramInput({ ...NEW_PROGRAM_VALUES, name: 'a', expiry: 'months', expiryMonths: 6 })).toMatchObject({ expiryMonths: 6, earnFrom: null });
  });

  it('writes a stored program back unchanged but for the changes', () => {
    const p: LoyaltyProgram = {
      name: '留量会员',
      enabled: true,
      pointsPerUnit: '1.5000',
      earnOn: 'paid',
      expiry: 'months',
      expiryMonths: 18,
      autoEnrol: false,
      earnFrom: '2026-01-01T00:00:00Z',
      updatedAt: '2026-02-01T00:00:00Z',
    };
    expect(programInputOf(p, { enabled: false })).toEqual({
      name: '留量会员',
      enabled: false,
      pointsPerUnit: 1.5,
      earnOn: 'paid',
      expiry: 'months',
      expiryMonths: 18,
      autoEnrol: false,
      earnFrom: '2026-01-01T00:00:00Z',
    });
    expect(programToForm(p)).toMatchObject({ pointsPerUnit: 1.5, expiryMonths: 18, autoEnrol: false });
    expect(programToForm(p).earnFrom?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('the tier ladder rules', () => {
  it('names the fields the server names for a bad tier', () => {
    // as LoyaltyIntegrationTests: code Silver!, no name, threshold −1, multiplier 0, discount 120
    expect(fields([row('Silver!', '', -1, 0, 120)])).toEqual([
      'tiers[0].code',
      'tiers[0].name',
      'tiers[0].threshold',
      'tiers[0].pointsMultiplier',
      'tiers[0].discountPercent',
    ]);
    expect(fields([row('silver', '银卡', 100, 1.2, 3)])).toEqual([]);
    expect(fields([row('a'.repeat(31), '名'.repeat(51), null, 10.01, 100, { graceDays: 731 })])).toEqual([
      'tiers[0].code',
      'tiers[0].name',
      'tiers[0].threshold',
      'tiers[0].pointsMultiplier',
      'tiers[0].discountPercent',
      'tiers[0].graceDays',
    ]);
    expect(fields([row('gold_2', '金卡', 0, 10, 99.99, { graceDays: 730 })])).toEqual([]);
    expect(fields([row('gold', '金卡', 0, 1, 0, { graceDays: 1.5 })])).toEqual(['tiers[0].graceDays']);
  });

  it('wants thresholds rising on the same measure and every code once', () => {
    expect(fields([row('a', 'A', 500), row('b', 'B', 100, 2, 5)])).toEqual(['tiers[1].threshold']);
    expect(tierProblems([row('a', 'A', 500), row('b', 'B', 500)]).rows[1].threshold).toEqual({ code: 'thresholdRising', params: { below: 500 } });
    // measured differently: no order between them
    expect(fields([row('a', 'A', 500), row('b', 'B', 10, 1, 0, { qualifyBy: 'orders_12m' })])).toEqual([]);
    expect(fields([row('gold', 'A', 100), row('gold', 'B', 200)])).toEqual(['tiers[1].code']);
    const many = Array.from({ length: 21 }, (_, i) => row(`t${i}`, `T${i}`, i * 10));
    expect(tierProblems(many).ladder?.code).toBe('tooManyTiers');
    expect(hasProblems(tierProblems(many))).toBe(true);
    expect(hasProblems(tierProblems(many.slice(0, 20)))).toBe(false);
  });

  it('sends the server defaults for empty benefits and keeps the stored id', () => {
    expect(toTierInput({ id: 't1', code: ' gold ', name: ' 金卡 ', threshold: 1000, exclusiveService: '  ' })).toEqual({
      id: 't1',
      code: 'gold',
      name: '金卡',
      qualifyBy: 'net_spend_12m',
      threshold: 1000,
      pointsMultiplier: 1,
      discountPercent: 0,
      freeShipping: false,
      birthdayCouponTemplateId: null,
      exclusiveService: null,
      graceDays: 0,
    });
    const stored: Tier = {
      id: 't2',
      code: 'silver',
      name: '银卡',
      rank: 1,
      qualifyBy: 'points_12m',
      threshold: '100.00',
      pointsMultiplier: '1.20',
      discountPercent: '3.00',
      freeShipping: true,
      birthdayCouponTemplateId: null,
      exclusiveService: '专属客服',
      graceDays: 7,
      members: 12,
    };
    expect(tierToRow(stored)).toMatchObject({ id: 't2', threshold: 100, pointsMultiplier: 1.2, discountPercent: 3 });
    expect(newTierRow([tierToRow(stored)])).toMatchObject({ id: null, qualifyBy: 'points_12m', threshold: null, pointsMultiplier: 1 });
    expect(newTierRow([]).qualifyBy).toBe('net_spend_12m');
  });

  it('finds where a field or warning points', () => {
    expect(ladderPath('tiers')).toEqual({ index: null, field: null });
    expect(ladderPath('tiers[2]')).toEqual({ index: 2, field: null });
    expect(ladderPath('tiers[10].threshold')).toEqual({ index: 10, field: 'threshold' });
    expect(ladderPath('points')).toBeNull();
  });
});

describe('the brief’s design warnings, as LoyaltyService.warnings', () => {
  it('finds the three rules where the server finds them', () => {
    // the ladder of LoyaltyIntegrationTests.tierLaddersAreValidatedAndWarnedAboutByTheBriefsRules
    const ladder = [
      row('normal', '普通', 50, 1, 0),
      row('silver', '银卡', 100, 1.2, 3),
      row('gold', '金卡', 1000, 1.25, 3),
      row('platinum', '铂金', 2000, 1.8, 5),
      row('diamond', '钻石', 4000, 2.5, 8),
      row('black', '黑卡', 8000, 3.5, 12),
    ];
    const w = tierWarnings(ladder);
    expect(w.map((x) => `${x.field} ${x.rule}`)).toEqual([
      'tiers at_most_5_tiers',
      'tiers[2].threshold step_at_most_2_5x',
      'tiers[2] benefits_differ_30_percent',
    ]);
    expect(w[1].params).toEqual({ name: '金卡', below: '银卡', factor: '10.0' });
    expect(warningText(en, w[1])).toBe('金卡 needs 10.0× what 银卡 needs: steps above 2.5× feel out of reach.');
    expect(warningText(zh, w[0])).toBe('共 6 个等级：超过 5 个会员难以区分。');
    expect(warningsAt(w, 2).map((x) => x.rule)).toEqual(['step_at_most_2_5x', 'benefits_differ_30_percent']);
    expect(warningsAt(w, null).map((x) => x.rule)).toEqual(['at_most_5_tiers']);
  });

  it('steps: above 2.5× of a positive threshold on the same measure', () => {
    expect(tierWarnings([row('a', 'A', 100), row('b', 'B', 250, 2)])).toEqual([]);
    expect(tierWarnings([row('a', 'A', 100), row('b', 'B', 250.01, 2)]).map((x) => x.rule)).toEqual(['step_at_most_2_5x']);
    expect(tierWarnings([row('a', 'A', 0), row('b', 'B', 1000, 2)])).toEqual([]);
    expect(tierWarnings([row('a', 'A', 100), row('b', 'B', 1000, 2, 0, { qualifyBy: 'points_12m' })])).toEqual([]);
    // a threshold not typed yet is left out
    expect(tierWarnings([row('a', 'A', 100), row('b', 'B', null, 2)])).toEqual([]);
    expect(stepFactor(255, 100)).toBe('2.6');
    expect(stepFactor(251, 100)).toBe('2.5');
    expect(stepFactor(1000, 300)).toBe('3.3');
  });

  it('benefits: 30% more multiplier or discount, or an extra the tier below lacks', () => {
    expect(benefitGap(1, 1.3)).toBe(true);
    expect(benefitGap(1, 1.29)).toBe(false);
    expect(benefitGap(0, 0)).toBe(false);
    expect(benefitGap(0, 0.01)).toBe(true);
    expect(benefitGap(5, 6.5)).toBe(true);
    expect(benefitGap(3, 3.89)).toBe(false);
    const same = [row('a', 'A', 100), row('b', 'B', 200)];
    expect(tierWarnings(same).map((x) => x.field)).toEqual(['tiers[1]']);
    expect(tierWarnings([same[0], { ...same[1], freeShipping: true }])).toEqual([]);
    expect(tierWarnings([same[0], { ...same[1], exclusiveService: '专属选品官' }])).toEqual([]);
    expect(tierWarnings([same[0], { ...same[1], birthdayCouponTemplateId: 'c1' }])).toEqual([]);
    // an extra both have is no step up
    expect(tierWarnings([{ ...same[0], freeShipping: true }, { ...same[1], freeShipping: true }])).toHaveLength(1);
    expect(tierWarnings([same[0], { ...same[1], pointsMultiplier: null, discountPercent: 5 }])).toEqual([]);
  });

  it('words the server’s warnings with the figures of the rows, unknown rules in the server’s words', () => {
    const rows = [row('silver', '银卡', 100), row('gold', '金卡', 1000)];
    const shown = fromServerWarnings(
      [
        { field: 'tiers[1].threshold', rule: 'step_at_most_2_5x', message: '金卡 needs 10.0× what 银卡 needs: steps above 2.5× feel out of reach' },
        { field: 'tiers[1]', rule: 'benefits_differ_30_percent', message: 'server words' },
        { field: 'tiers', rule: 'something_new', message: 'A new rule' },
      ],
      rows,
    );
    expect(warningText(zh, shown[0])).toBe('金卡 的门槛是 银卡 的 10.0 倍：超过 2.5 倍会让会员觉得遥不可及。');
    expect(warningText(en, shown[1])).toContain('金卡’s benefits are within 30% of 银卡’s');
    expect(warningText(en, shown[2])).toBe('A new rule');
  });
});

describe('members and points', () => {
  it('measures the way to the next tier', () => {
    expect(progressPercent({ current: 200, needed: '1000.00' })).toBe(20);
    expect(progressPercent({ current: '999.99', needed: 1000 })).toBe(99.9);
    expect(progressPercent({ current: 1200, needed: 1000 })).toBe(100);
    expect(progressPercent({ current: 0, needed: 0 })).toBe(100);
    expect(formatMeasure(en, 'net_spend_12m', '800.00')).toBe('CN¥800.00');
    expect(formatMeasure(zh, 'net_spend_12m', 800)).toBe('¥800.00');
    expect(formatMeasure(en, 'points_12m', 1200)).toBe('1,200 points');
    expect(formatMeasure(zh, 'orders_12m', 3)).toBe('3 单');
    expect(formatMeasure(en, 'orders_12m', null)).toBe('—');
  });

  it('checks points as the server does: signed adjustments, positive spends, whole and bounded', () => {
    expect(pointsProblem(null, true)?.code).toBe('required');
    expect(pointsProblem(0, true)?.code).toBe('pointsNonZero');
    expect(pointsProblem(0, false)?.code).toBe('pointsPositive');
    expect(pointsProblem(-5, false)?.code).toBe('pointsPositive');
    expect(pointsProblem(-5, true)).toBeNull();
    expect(pointsProblem(1.5, false)?.code).toBe('integer');
    expect(pointsProblem(100_000_001, false)?.code).toBe('pointsMax');
    expect(pointsProblem(-100_000_000, true)).toBeNull();
    expect(pointsProblem(50, false)).toBeNull();
  });

  it('writes signed points and tier names', () => {
    expect(formatSignedPoints(200, 'en')).toBe('+200');
    expect(formatSignedPoints(-1500, 'en')).toBe('−1,500');
    expect(formatSignedPoints(0, 'en')).toBe('0');
    const tiers = [{ code: 'silver', name: '银卡' }];
    expect(tierName(tiers, 'silver', '无等级')).toBe('银卡');
    expect(tierName(tiers, 'gold', '无等级')).toBe('gold');
    expect(tierName(tiers, null, '无等级')).toBe('无等级');
  });

  it('fills the last 12 months with zeros where the server has no entries', () => {
    const now = dayjs('2026-05-15T12:00:00');
    const filled = fillMonths([{ month: '2026-03', earned: 200, spent: 50, expired: 0, adjusted: -10, reversed: 5 }], now);
    expect(filled).toHaveLength(12);
    expect(filled[0].month).toBe('2025-06');
    expect(filled[11].month).toBe('2026-05');
    expect(filled.find((m) => m.month === '2026-03')).toMatchObject({ earned: 200, adjusted: -10 });
    expect(filled.find((m) => m.month === '2026-04')).toEqual({ month: '2026-04', earned: 0, spent: 0, expired: 0, adjusted: 0, reversed: 0 });
    // a month the server has beyond the window (another time zone) is kept, in order
    expect(fillMonths([{ month: '2026-06', earned: 1, spent: 0, expired: 0, adjusted: 0, reversed: 0 }], now).map((m) => m.month).slice(-2)).toEqual([
      '2026-05',
      '2026-06',
    ]);
  });
});
