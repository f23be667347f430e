import dayjs, { type Dayjs } from 'dayjs';
import type {
  EarnOn,
  ExpiryRule,
  LoyaltyProgram,
  MonthPoints,
  ProgramInput,
  QualifyBy,
  Tier,
  TierInput,
  TierProgress,
  TierWarning,
  WarningRule,
} from '../api/loyalty';
import { WARNING_RULES } from '../api/loyalty';
import type { Amount } from '../api/types';
import type { MessageKey, Translator } from '../i18n/core';
import { formatMoney, toAmount } from './customer';
import { formatNumber } from './format';
import { DEFAULT_CURRENCY } from './shops';

/** The server's rules (`LoyaltyService`), mirrored so the forms say what is wrong before submitting. */
export const PROGRAM_NAME_MAX = 100;
export const POINTS_PER_UNIT_MAX = 1000;
export const EXPIRY_MONTHS_MIN = 1;
export const EXPIRY_MONTHS_MAX = 120;
export const TIER_CODE_PATTERN = /^[a-z][a-z0-9_]{0,29}$/;
export const TIER_NAME_MAX = 50;
export const MAX_TIERS = 20;
/** The brief: more than five tiers confuse members. */
export const ADVISED_MAX_TIERS = 5;
/** The brief: each step at most 2.5× the threshold below. */
export const MAX_STEP = 2.5;
/** The brief: neighbouring tiers' benefits differ by at least 30%. */
export const MIN_BENEFIT_GAP = 0.3;
export const MULTIPLIER_MAX = 10;
/** Exclusive: a discount is below 100%. */
export const DISCOUNT_MAX = 100;
export const GRACE_DAYS_MAX = 730;
export const MAX_POINTS_PER_ENTRY = 100_000_000;
export const REASON_MAX = 500;

/** A problem of one field; the message key is `loyalty.v.<code>`. */
export interface Problem {
  code:
    | 'required'
    | 'nameLength'
    | 'pointsPerUnitRange'
    | 'expiryMonthsRange'
    | 'integer'
    | 'codePattern'
    | 'codeTaken'
    | 'tierNameLength'
    | 'nonNegative'
    | 'thresholdRising'
    | 'multiplierRange'
    | 'discountRange'
    | 'graceRange'
    | 'tooManyTiers'
    | 'pointsNonZero'
    | 'pointsPositive'
    | 'pointsMax';
  params?: Record<string, string | number>;
}

export function problemText(tr: Translator, p: Problem): string {
  return tr.t(`loyalty.v.${p.code}` as MessageKey, p.params);
}

const given = (n: number | null | undefined): number | null =>
  n === undefined || n === null || Number.isNaN(n) ? null : n;
const blank = (s: string | null | undefined): string | null => (s?.trim() ? s.trim() : null);
const num = (v: Amount | null | undefined): number | null => toAmount(v) ?? null;

// --- the program --------------------------------------------------------------------------------

export interface ProgramFormValues {
  name?: string;
  enabled?: boolean;
  pointsPerUnit?: number | null;
  earnOn?: EarnOn;
  expiry?: ExpiryRule;
  expiryMonths?: number | null;
  autoEnrol?: boolean;
  earnFrom?: Dayjs | null;
}

export const PROGRAM_FIELDS = ['name', 'enabled', 'pointsPerUnit', 'earnOn', 'expiry', 'expiryMonths', 'autoEnrol', 'earnFrom'] as const;
export type ProgramField = (typeof PROGRAM_FIELDS)[number];

/** A new program: 1 point per yuan on completed orders, expiring at the end of the following year (the server's defaults). */
export const NEW_PROGRAM_VALUES: ProgramFormValues = {
  name: '',
  enabled: true,
  pointsPerUnit: 1,
  earnOn: 'completed',
  expiry: 'end_of_following_year',
  expiryMonths: 12,
  autoEnrol: true,
  earnFrom: null,
};

export function programToForm(p: LoyaltyProgram): ProgramFormValues {
  return {
    name: p.name,
    enabled: p.enabled,
    pointsPerUnit: num(p.pointsPerUnit),
    earnOn: p.earnOn,
    expiry: p.expiry,
    expiryMonths: p.expiryMonths ?? 12,
    autoEnrol: p.autoEnrol,
    earnFrom: p.earnFrom ? dayjs(p.earnFrom) : null,
  };
}

/** The request body; `earnFrom` left empty keeps the stored one (a new program earns from when it is saved). */
export function toProgramInput(v: ProgramFormValues): ProgramInput {
  const expiry = v.expiry ?? 'end_of_following_year';
  return {
    name: (v.name ?? '').trim(),
    enabled: v.enabled ?? true,
    pointsPerUnit: given(v.pointsPerUnit) ?? 0,
    earnOn: v.earnOn ?? 'completed',
    expiry,
    expiryMonths: expiry === 'months' ? given(v.expiryMonths) : null,
    autoEnrol: v.autoEnrol ?? true,
    earnFrom: v.earnFrom && v.earnFrom.isValid() ? v.earnFrom.toISOString() : null,
  };
}

/** A stored program written back unchanged but for `changes` (e.g. pausing it). */
export function programInputOf(p: LoyaltyProgram, changes: Partial<ProgramInput> = {}): ProgramInput {
  return {
    name: p.name,
    enabled: p.enabled,
    pointsPerUnit: num(p.pointsPerUnit) ?? 0,
    earnOn: p.earnOn,
    expiry: p.expiry,
    expiryMonths: p.expiry === 'months' ? p.expiryMonths : null,
    autoEnrol: p.autoEnrol,
    earnFrom: p.earnFrom,
    ...changes,
  };
}

/** What is wrong with the program form, field by field, by `LoyaltyService.saveProgram`. */
export function programProblems(v: ProgramFormValues): Partial<Record<ProgramField, Problem>> {
  const out: Partial<Record<ProgramField, Problem>> = {};
  const name = v.name?.trim() ?? '';
  if (!name) out.name = { code: 'required' };
  else if (name.length > PROGRAM_NAME_MAX) out.name = { code: 'nameLength', params: { max: PROGRAM_NAME_MAX } };
  const ppu = given(v.pointsPerUnit);
  if (ppu === null) out.pointsPerUnit = { code: 'required' };
  else if (ppu < 0 || ppu > POINTS_PER_UNIT_MAX) out.pointsPerUnit = { code: 'pointsPerUnitRange', params: { max: POINTS_PER_UNIT_MAX } };
  if (!v.earnOn) out.earnOn = { code: 'required' };
  if (!v.expiry) out.expiry = { code: 'required' };
  if (v.expiry === 'months') {
    const m = given(v.expiryMonths);
    if (m === null) out.expiryMonths = { code: 'required' };
    else if (!Number.isInteger(m)) out.expiryMonths = { code: 'integer' };
    else if (m < EXPIRY_MONTHS_MIN || m > EXPIRY_MONTHS_MAX) {
      out.expiryMonths = { code: 'expiryMonthsRange', params: { min: EXPIRY_MONTHS_MIN, max: EXPIRY_MONTHS_MAX } };
    }
  }
  return out;
}

// --- the tier ladder ----------------------------------------------------------------------------

/** One row of the tier editor (numbers as numbers, empty as null). */
export interface TierFormRow {
  /** The stored tier's id, kept so its members stay with it; absent for a new row. */
  id?: string | null;
  code?: string;
  name?: string;
  qualifyBy?: QualifyBy;
  threshold?: number | null;
  pointsMultiplier?: number | null;
  discountPercent?: number | null;
  freeShipping?: boolean;
  birthdayCouponTemplateId?: string | null;
  exclusiveService?: string | null;
  graceDays?: number | null;
}

export const TIER_FIELDS = [
  'code',
  'name',
  'qualifyBy',
  'threshold',
  'pointsMultiplier',
  'discountPercent',
  'freeShipping',
  'birthdayCouponTemplateId',
  'exclusiveService',
  'graceDays',
] as const;
export type TierField = (typeof TIER_FIELDS)[number];

export function tierToRow(t: Tier): TierFormRow {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    qualifyBy: t.qualifyBy,
    threshold: num(t.threshold),
    pointsMultiplier: num(t.pointsMultiplier),
    discountPercent: num(t.discountPercent),
    freeShipping: t.freeShipping,
    birthdayCouponTemplateId: t.birthdayCouponTemplateId,
    exclusiveService: t.exclusiveService,
    graceDays: t.graceDays,
  };
}

/** A new row above the others: measured like the top tier, no benefits yet. */
export function newTierRow(rows: readonly TierFormRow[]): TierFormRow {
  const top = rows[rows.length - 1];
  return {
    id: null,
    code: '',
    name: '',
    qualifyBy: top?.qualifyBy ?? 'net_spend_12m',
    threshold: null,
    pointsMultiplier: 1,
    discountPercent: 0,
    freeShipping: false,
    birthdayCouponTemplateId: null,
    exclusiveService: null,
    graceDays: 0,
  };
}

/** The body of PUT /tiers for one row, with the server's defaults for empty benefits. */
export function toTierInput(r: TierFormRow): TierInput {
  return {
    id: r.id || null,
    code: (r.code ?? '').trim(),
    name: (r.name ?? '').trim(),
    qualifyBy: r.qualifyBy ?? 'net_spend_12m',
    threshold: given(r.threshold),
    pointsMultiplier: given(r.pointsMultiplier) ?? 1,
    discountPercent: given(r.discountPercent) ?? 0,
    freeShipping: !!r.freeShipping,
    birthdayCouponTemplateId: r.birthdayCouponTemplateId || null,
    exclusiveService: blank(r.exclusiveService),
    graceDays: given(r.graceDays) ?? 0,
  };
}

export interface LadderProblems {
  /** Per row, the problems of its fields. */
  rows: Partial<Record<TierField, Problem>>[];
  /** Of the ladder as a whole (too many tiers). */
  ladder: Problem | null;
}

/** What is wrong with the ladder, row by row, by `LoyaltyService.saveTiers` (a later duplicate code is the one marked). */
export function tierProblems(rows: readonly TierFormRow[]): LadderProblems {
  const codes = new Set<string>();
  const out = rows.map((r, i) => {
    const p: Partial<Record<TierField, Problem>> = {};
    const code = (r.code ?? '').trim();
    if (!TIER_CODE_PATTERN.test(code)) p.code = { code: 'codePattern' };
    else if (codes.has(code)) p.code = { code: 'codeTaken' };
    else codes.add(code);
    const name = (r.name ?? '').trim();
    if (!name) p.name = { code: 'required' };
    else if (name.length > TIER_NAME_MAX) p.name = { code: 'tierNameLength', params: { max: TIER_NAME_MAX } };
    if (!r.qualifyBy) p.qualifyBy = { code: 'required' };
    const threshold = given(r.threshold);
    const below = i > 0 ? rows[i - 1] : undefined;
    const belowThreshold = below ? given(below.threshold) : null;
    if (threshold === null) p.threshold = { code: 'required' };
    else if (threshold < 0) p.threshold = { code: 'nonNegative' };
    else if (below && belowThreshold !== null && threshold <= belowThreshold && (below.qualifyBy ?? 'net_spend_12m') === (r.qualifyBy ?? 'net_spend_12m')) {
      p.threshold = { code: 'thresholdRising', params: { below: belowThreshold } };
    }
    const multiplier = given(r.pointsMultiplier) ?? 1;
    if (multiplier <= 0 || multiplier > MULTIPLIER_MAX) p.pointsMultiplier = { code: 'multiplierRange', params: { max: MULTIPLIER_MAX } };
    const discount = given(r.discountPercent) ?? 0;
    if (discount < 0 || discount >= DISCOUNT_MAX) p.discountPercent = { code: 'discountRange', params: { max: DISCOUNT_MAX } };
    const grace = given(r.graceDays) ?? 0;
    if (!Number.isInteger(grace)) p.graceDays = { code: 'integer' };
    else if (grace < 0 || grace > GRACE_DAYS_MAX) p.graceDays = { code: 'graceRange', params: { max: GRACE_DAYS_MAX } };
    return p;
  });
  return { rows: out, ladder: rows.length > MAX_TIERS ? { code: 'tooManyTiers', params: { max: MAX_TIERS } } : null };
}

export function hasProblems(p: LadderProblems): boolean {
  return p.ladder !== null || p.rows.some((r) => Object.keys(r).length > 0);
}

/** Where a server field or warning points: `tiers` (index null), `tiers[2]` (field null) or `tiers[2].threshold`. */
export function ladderPath(field: string): { index: number | null; field: string | null } | null {
  if (field === 'tiers') return { index: null, field: null };
  const m = /^tiers\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (!m) return null;
  return { index: Number(m[1]), field: m[2] ?? null };
}

/** The hundredths of an amount, as the server scales tier figures (2 decimals, half up). */
function cents(n: number): number {
  return Math.round(n * 100);
}

/** Whether `higher` is at least 30% above `lower` (the server's ratio, rounded to 4 decimals half up). */
export function benefitGap(lower: number, higher: number): boolean {
  const l = cents(lower);
  const h = cents(higher);
  if (l === 0) return h > 0;
  // (h − l) / l rounded half up to 4 decimals ≥ 0.3000  ⇔  (h − l) / l ≥ 0.29995
  return 20000 * (h - l) >= 5999 * l;
}

/** `t / b` to one decimal, half up, as the server writes the step (`10.0`). */
export function stepFactor(threshold: number, below: number): string {
  const x = cents(threshold) * 10;
  const y = cents(below);
  return (Math.floor((2 * x + y) / (2 * y)) / 10).toFixed(1);
}

/** A warning as the console shows it: where, which rule, and the figures of its message. */
export interface LadderWarning {
  field: string;
  rule: WarningRule | string;
  params: Record<string, string | number>;
  /** The server's own words, when the server sent it. */
  message?: string;
}

function tierTitle(r: TierFormRow | undefined, i: number): string {
  return r?.name?.trim() || r?.code?.trim() || `#${i + 1}`;
}

/**
 * The brief's design warnings of a ladder being edited, as `LoyaltyService.warnings` will find them on save: more than
 * five tiers, a step above 2.5× the threshold below (same measure, below above 0), benefits within 30% of the tier below
 * (points multiplier and discount both, and no extra: free shipping, exclusive service or birthday coupon). Rows
 * without a threshold yet are left out of the step rule.
 */
export function tierWarnings(rows: readonly TierFormRow[]): LadderWarning[] {
  const out: LadderWarning[] = [];
  if (rows.length > ADVISED_MAX_TIERS) {
    out.push({ field: 'tiers', rule: 'at_most_5_tiers', params: { count: rows.length, max: ADVISED_MAX_TIERS } });
  }
  for (let i = 1; i < rows.length; i++) {
    const below = rows[i - 1];
    const t = rows[i];
    const names = { name: tierTitle(t, i), below: tierTitle(below, i - 1) };
    const bt = given(below.threshold);
    const tt = given(t.threshold);
    if (
      (below.qualifyBy ?? 'net_spend_12m') === (t.qualifyBy ?? 'net_spend_12m') &&
      bt !== null &&
      tt !== null &&
      cents(bt) > 0 &&
      2 * cents(tt) > 5 * cents(bt)
    ) {
      out.push({ field: `tiers[${i}].threshold`, rule: 'step_at_most_2_5x', params: { ...names, factor: stepFactor(tt, bt) } });
    }
    const multiplierGap = benefitGap(given(below.pointsMultiplier) ?? 1, given(t.pointsMultiplier) ?? 1);
    const discountGap = benefitGap(given(below.discountPercent) ?? 0, given(t.discountPercent) ?? 0);
    const extras =
      (!!t.freeShipping && !below.freeShipping) ||
      (!!blank(t.exclusiveService) && !blank(below.exclusiveService)) ||
      (!!t.birthdayCouponTemplateId && !below.birthdayCouponTemplateId);
    if (!multiplierGap && !discountGap && !extras) {
      out.push({ field: `tiers[${i}]`, rule: 'benefits_differ_30_percent', params: names });
    }
  }
  return out;
}

/** The server's warnings with the figures the console words them with (taken from the rows they were computed on). */
export function fromServerWarnings(warnings: readonly TierWarning[], rows: readonly TierFormRow[]): LadderWarning[] {
  const live = tierWarnings(rows);
  return warnings.map((w) => {
    const same = live.find((l) => l.field === w.field && l.rule === w.rule);
    return { field: w.field, rule: w.rule, params: same?.params ?? {}, message: w.message };
  });
}

/** A warning in the user's language; a rule the console does not know in the server's words. */
export function warningText(tr: Translator, w: LadderWarning): string {
  const known = (WARNING_RULES as readonly string[]).includes(w.rule);
  if (!known || (w.message && Object.keys(w.params).length === 0)) return w.message ?? w.rule;
  return tr.t(`loyalty.warning.${w.rule}` as MessageKey, w.params);
}

/** The warnings of one row (index) or of the ladder as a whole (null). */
export function warningsAt(warnings: readonly LadderWarning[], index: number | null): LadderWarning[] {
  return warnings.filter((w) => ladderPath(w.field)?.index === index);
}

// --- members and points -------------------------------------------------------------------------

/** How far a member is on the way to the next tier, 0–100 (never 100 before they are there). */
export function progressPercent(p: Pick<TierProgress, 'current' | 'needed'>): number {
  const needed = toAmount(p.needed) ?? 0;
  const current = toAmount(p.current) ?? 0;
  if (needed <= 0) return 100;
  const pct = (current / needed) * 100;
  if (pct >= 100) return 100;
  return Math.max(0, Math.floor(pct * 10) / 10);
}

/** A figure of a qualifying measure: net spend as money, points and orders counted. */
export function formatMeasure(tr: Translator, by: QualifyBy | string, value: Amount | null | undefined): string {
  const n = toAmount(value);
  if (n === undefined) return '—';
  switch (by) {
    case 'net_spend_12m':
      return formatMoney(n, DEFAULT_CURRENCY, tr.lang);
    case 'points_12m':
      return tr.t('loyalty.measure.points', { value: formatNumber(n, tr.lang) });
    case 'orders_12m':
      return tr.t('loyalty.measure.orders', { value: formatNumber(n, tr.lang) });
    default:
      return formatNumber(n, tr.lang);
  }
}

/** Points with their sign (`+200`, `−50`). */
export function formatSignedPoints(n: number, locale?: string): string {
  const abs = new Intl.NumberFormat(locale).format(Math.abs(n));
  return n > 0 ? `+${abs}` : n < 0 ? `−${abs}` : abs;
}

/** The name of a tier by its code, else the code; null (no tier) as `none`. */
export function tierName(tiers: readonly Pick<Tier, 'code' | 'name'>[], code: string | null | undefined, none: string): string {
  if (!code) return none;
  return tiers.find((t) => t.code === code)?.name ?? code;
}

/** What is wrong with the points of an adjustment (signed) or a spend (positive). */
export function pointsProblem(points: number | null | undefined, signed: boolean): Problem | null {
  const p = given(points);
  if (p === null) return { code: 'required' };
  if (!Number.isInteger(p)) return { code: 'integer' };
  if (p === 0) return { code: signed ? 'pointsNonZero' : 'pointsPositive' };
  if (!signed && p < 0) return { code: 'pointsPositive' };
  if (Math.abs(p) > MAX_POINTS_PER_ENTRY) return { code: 'pointsMax', params: { max: MAX_POINTS_PER_ENTRY } };
  return null;
}

/** The last 12 months up to `now` (oldest first) with the server's figures, months without entries as zeros. */
export function fillMonths(months: readonly MonthPoints[], now: Dayjs = dayjs()): MonthPoints[] {
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const keys = new Set<string>();
  for (let i = 11; i >= 0; i--) keys.add(now.subtract(i, 'month').format('YYYY-MM'));
  for (const m of months) keys.add(m.month);
  return [...keys]
    .sort()
    .map((k) => byMonth.get(k) ?? { month: k, earned: 0, spent: 0, expired: 0, adjusted: 0, reversed: 0 });
}
