import type { CalibrationBin, ChurnRisk, ClvDistribution } from '../api/clv';

/** The nil UUID: the scope of merchant-wide predictions. */
export const MERCHANT_SCOPE = '00000000-0000-0000-0000-000000000000';

/** Colours of the churn-risk bands (antd palette names for tags, hex for charts). */
export const CHURN_TAG_COLORS: Record<ChurnRisk, string> = { low: 'green', medium: 'gold', high: 'red' };
export const CHURN_CHART_COLORS: Record<ChurnRisk, string> = { low: '#52c41a', medium: '#faad14', high: '#ff4d4f' };

/** Problems of the fit form's dates, checked before the server does: keys of the i18n messages. */
export type FitDateProblem = 'calibrationFuture' | 'holdoutFuture' | 'holdoutBeforeCalibration';

/** Checks ISO dates (`YYYY-MM-DD`, either may be empty) against today's date (also ISO). */
export function fitDateProblems(calibrationEnd: string | null, holdoutEnd: string | null, today: string): {
  calibrationEnd?: FitDateProblem;
  holdoutEnd?: FitDateProblem;
} {
  const out: { calibrationEnd?: FitDateProblem; holdoutEnd?: FitDateProblem } = {};
  if (calibrationEnd && calibrationEnd > today) out.calibrationEnd = 'calibrationFuture';
  if (holdoutEnd && holdoutEnd > today) out.holdoutEnd = 'holdoutFuture';
  else if (calibrationEnd && holdoutEnd && holdoutEnd < calibrationEnd) out.holdoutEnd = 'holdoutBeforeCalibration';
  return out;
}

/** The x-axis label of a calibration group: `0` … `6`, `7+`. */
export function binLabel(bin: Pick<CalibrationBin, 'frequency' | 'orMore'>): string {
  return bin.orMore ? `${bin.frequency}+` : String(bin.frequency);
}

/** Series of the calibration/holdout chart, rounded for display. */
export function calibrationSeries(bins: readonly CalibrationBin[]): {
  labels: string[];
  actual: number[];
  predicted: number[];
  customers: number[];
} {
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    labels: bins.map(binLabel),
    actual: bins.map((b) => round(b.actual)),
    predicted: bins.map((b) => round(b.predicted)),
    customers: bins.map((b) => b.customers),
  };
}

/** Labels of the P(alive) deciles: `0–0.1` … `0.9–1`. */
export function decileLabels(count = 10): string[] {
  return Array.from({ length: count }, (_, i) => `${(i / count).toFixed(1)}–${((i + 1) / count).toFixed(1).replace('1.0', '1')}`);
}

/** Share of customers per churn band, in percent with one decimal (0 when there are none). */
export function churnShares(d: Pick<ClvDistribution, 'customers' | 'low' | 'medium' | 'high'>): Record<ChurnRisk, number> {
  const pct = (n: number) => (d.customers > 0 ? Math.round((n / d.customers) * 1000) / 10 : 0);
  return { low: pct(d.low), medium: pct(d.medium), high: pct(d.high) };
}

/** A model parameter for display: 4 significant decimals, or exponent notation for huge/tiny values. */
export function formatParameter(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return v.toExponential(3);
  return v.toFixed(abs >= 100 ? 2 : 4);
}

/** A probability as a percentage with one decimal. */
export function formatProbability(p: number): string {
  return `${(p * 100).toFixed(1)}%`;
}

/** A money amount sent as a string or number by the API, with two decimals and grouping. */
export function formatMoney(v: string | number | null | undefined, locale?: string): string {
  if (v === null || v === undefined || v === '') return '—';
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) return String(v);
  return n.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
