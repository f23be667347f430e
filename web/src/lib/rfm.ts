/** Pure helpers of the RFM and lifecycle pages: counts, the 5×5 grid, threshold rules and migrations. */
import type {
  LifecycleSettings,
  MetricsSettings,
  RfmCell,
  RfmFlow,
  RfmSegment,
  RfmThresholds,
} from '../api/metrics';
import type { Amount } from '../api/types';

/** A server field path as an antd form name path (kept here for the RFM pages; shared in lib/validation). */
export { fieldPath } from './validation';

/** RFM scores run 1..SCORES; each dimension has SCORES - 1 boundaries. */
export const SCORES = 5;
export const BOUNDARIES = SCORES - 1;
export const SCORE_VALUES = [1, 2, 3, 4, 5] as const;
/** The quadrant split may be 2..SCORES (the server's rule). */
export const QUADRANT_HIGH_MIN = 2;
export const MIN_LIFECYCLE_DAYS = 1;

export type ThresholdDimension = keyof RfmThresholds;
export const THRESHOLD_DIMENSIONS: readonly ThresholdDimension[] = ['recencyDays', 'frequency', 'monetary'];
export const LIFECYCLE_FIELDS: readonly (keyof LifecycleSettings)[] = [
  'newWithinDays',
  'atRiskAfterDays',
  'dormantAfterDays',
  'lostAfterDays',
];

function toNumber(v: Amount | null | undefined): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Counts per code for every code of `codes` (0 when absent). Keys are matched case-insensitively, so both the
 * codes (`high_value`) and enum names (`HIGH_VALUE`) are understood.
 */
export function countsOf<K extends string>(
  codes: readonly K[],
  raw: Partial<Record<string, number>> | null | undefined,
): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const c of codes) out[c] = 0;
  for (const [key, value] of Object.entries(raw ?? {})) {
    const code = key.toLowerCase() as K;
    if (codes.includes(code) && typeof value === 'number') out[code] += value;
  }
  return out;
}

/** A count's share of a total in percent (0 for an empty total). */
export function sharePercent(count: number, total: number): number {
  return total > 0 ? (count * 100) / total : 0;
}

/** The index in the 25-cell grid of a cell: row R = 1 first, F = 1..5 within a row. */
export function gridIndex(r: number, f: number): number {
  return (r - 1) * SCORES + (f - 1);
}

export function gridCell(index: number): { r: number; f: number } {
  return { r: Math.floor(index / SCORES) + 1, f: (index % SCORES) + 1 };
}

export type HeatmapMetric = 'customers' | 'revenue';

export interface HeatmapPoint {
  r: number;
  f: number;
  customers: number;
  revenue: number;
}

/** All 25 cells (R and F 1..5), empty ones with zeros, in grid order. */
export function heatmapPoints(cells: readonly RfmCell[]): HeatmapPoint[] {
  const points: HeatmapPoint[] = [];
  for (const r of SCORE_VALUES) {
    for (const f of SCORE_VALUES) {
      points.push({ r, f, customers: 0, revenue: 0 });
    }
  }
  for (const c of cells) {
    if (c.r < 1 || c.r > SCORES || c.f < 1 || c.f > SCORES) continue;
    const p = points[gridIndex(c.r, c.f)];
    p.customers += c.customers;
    p.revenue += toNumber(c.revenue) ?? 0;
  }
  return points;
}

export type ThresholdProblem = 'required' | 'negative' | 'notAscending';

/**
 * What is wrong with boundary `i` of a dimension, mirroring the server: each is required, not negative, and more
 * than the one before it.
 */
export function thresholdProblem(values: readonly (Amount | null | undefined)[], i: number): ThresholdProblem | null {
  const v = toNumber(values[i]);
  if (v === undefined) return 'required';
  if (v < 0) return 'negative';
  const before = i > 0 ? toNumber(values[i - 1]) : undefined;
  if (before !== undefined && v <= before) return 'notAscending';
  return null;
}

export type LifecycleProblem = 'required' | 'min' | 'afterAtRisk' | 'afterDormant';

/**
 * What is wrong with one lifecycle threshold, mirroring the server: new and at-risk at least one day, dormant after
 * at risk, lost after dormant.
 */
export function lifecycleProblem(
  values: Partial<Record<keyof LifecycleSettings, number | null | undefined>>,
  field: keyof LifecycleSettings,
): LifecycleProblem | null {
  const v = values[field];
  if (v === null || v === undefined || !Number.isFinite(v)) return 'required';
  switch (field) {
    case 'newWithinDays':
    case 'atRiskAfterDays':
      return v < MIN_LIFECYCLE_DAYS ? 'min' : null;
    case 'dormantAfterDays': {
      const atRisk = values.atRiskAfterDays;
      return typeof atRisk === 'number' && v <= atRisk ? 'afterAtRisk' : null;
    }
    case 'lostAfterDays': {
      const dormant = values.dormantAfterDays;
      return typeof dormant === 'number' && v <= dormant ? 'afterDormant' : null;
    }
    default:
      return null;
  }
}

/** Every problem of a settings form, as `path → problem` (empty when the server would accept it). */
export function settingsProblems(s: MetricsSettings): Map<string, ThresholdProblem | LifecycleProblem> {
  const out = new Map<string, ThresholdProblem | LifecycleProblem>();
  for (const dim of THRESHOLD_DIMENSIONS) {
    const values = s.rfm.thresholds[dim] ?? [];
    for (let i = 0; i < BOUNDARIES; i++) {
      const p = thresholdProblem(values, i);
      if (p) out.set(`rfm.thresholds.${dim}[${i}]`, p);
    }
  }
  for (const field of LIFECYCLE_FIELDS) {
    const p = lifecycleProblem(s.lifecycle, field);
    if (p) out.set(`lifecycle.${field}`, p);
  }
  return out;
}

/** The settings as the form edits them: money boundaries as numbers. */
export function toFormSettings(s: MetricsSettings): MetricsSettings {
  return {
    rfm: {
      ...s.rfm,
      thresholds: {
        recencyDays: [...s.rfm.thresholds.recencyDays],
        frequency: [...s.rfm.thresholds.frequency],
        monetary: s.rfm.thresholds.monetary.map((v) => toNumber(v) ?? 0),
      },
      grid: [...s.rfm.grid],
    },
    lifecycle: { ...s.lifecycle },
  };
}

export interface MigrationMatrix {
  /** Segments customers came from, in the classic order. */
  from: RfmSegment[];
  /** Segments customers went to, in the classic order. */
  to: RfmSegment[];
  count: (from: RfmSegment, to: RfmSegment) => number;
  rowTotal: (from: RfmSegment) => number;
  total: number;
  /** Customers who stayed in their segment. */
  stayed: number;
}

/** The from×to table of migrations between two snapshots, in the order of `order`. */
export function migrationMatrix(flows: readonly RfmFlow[], order: readonly RfmSegment[]): MigrationMatrix {
  const cells = new Map<string, number>();
  const rows = new Map<RfmSegment, number>();
  const fromSet = new Set<RfmSegment>();
  const toSet = new Set<RfmSegment>();
  let total = 0;
  let stayed = 0;
  for (const fl of flows) {
    const key = `${fl.from}>${fl.to}`;
    cells.set(key, (cells.get(key) ?? 0) + fl.customers);
    rows.set(fl.from, (rows.get(fl.from) ?? 0) + fl.customers);
    fromSet.add(fl.from);
    toSet.add(fl.to);
    total += fl.customers;
    if (fl.from === fl.to) stayed += fl.customers;
  }
  const rank = (s: RfmSegment) => {
    const i = order.indexOf(s);
    return i < 0 ? order.length : i;
  };
  const sorted = (set: Set<RfmSegment>) => [...set].sort((a, b) => rank(a) - rank(b));
  return {
    from: sorted(fromSet),
    to: sorted(toSet),
    count: (from, to) => cells.get(`${from}>${to}`) ?? 0,
    rowTotal: (from) => rows.get(from) ?? 0,
    total,
    stayed,
  };
}

export interface SankeyData {
  nodes: { name: string }[];
  links: { source: string; target: string; value: number }[];
}

/**
 * Sankey nodes and links of migrations; the two sides get distinct node names (a Sankey may not loop), built by
 * `name(segment, side)`.
 */
export function sankeyData(
  flows: readonly RfmFlow[],
  name: (segment: RfmSegment, side: 'from' | 'to') => string,
): SankeyData {
  const nodes = new Map<string, { name: string }>();
  const links: SankeyData['links'] = [];
  for (const fl of flows) {
    if (fl.customers <= 0) continue;
    const source = name(fl.from, 'from');
    const target = name(fl.to, 'to');
    nodes.set(source, { name: source });
    nodes.set(target, { name: target });
    links.push({ source, target, value: fl.customers });
  }
  return { nodes: [...nodes.values()], links };
}

/** `YYYY-MM` of a date, for the month selectors. */
export function monthOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}
