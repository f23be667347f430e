import { api } from './api';
import type { PageRequest } from './services';
import type { CursorPage } from './types';

/* ---------- CLV models (BG/NBD + Gamma-Gamma) ---------- */

export type ChurnRisk = 'low' | 'medium' | 'high';
export const CHURN_RISKS: readonly ChurnRisk[] = ['low', 'medium', 'high'];

/** One group of the calibration/holdout chart: customers by calibration repeat purchases (the last is "7+"). */
export interface CalibrationBin {
  frequency: number;
  orMore: boolean;
  customers: number;
  actual: number;
  predicted: number;
}

export interface ClvModel {
  id: number;
  /** null: fitted over the whole merchant. */
  shopId: string | null;
  r: number;
  alpha: number;
  a: number;
  b: number;
  p: number;
  q: number;
  gamma: number;
  /** BG/NBD log-likelihood. */
  logLikelihood: number;
  ggLogLikelihood: number;
  timeUnit: 'week';
  calibrationEnd: string;
  holdoutEnd: string;
  fittedAt: string;
  fittedBy: string | null;
  customers: number;
  repeaters: number;
  scored: number;
  annualDiscountRate: number;
  jobId: string | null;
  calibration: CalibrationBin[];
}

export interface ClvDistribution {
  customers: number;
  low: number;
  medium: number;
  high: number;
  /** Customers per tenth of P(alive): [0, 0.1), [0.1, 0.2) … [0.9, 1]. */
  pAliveDeciles: number[];
  totalClv12m: string | number;
  meanExpectedPurchases90d: number | null;
}

export interface ClvFitRequest {
  shopId?: string | null;
  calibrationEnd?: string | null;
  holdoutEnd?: string | null;
}

export interface ClvFitAccepted {
  jobId: string;
  shopId: string | null;
  calibrationEnd: string;
  holdoutEnd: string;
}

export interface CustomerPrediction {
  /** The shop, or the nil UUID for the whole merchant. */
  scopeId: string;
  shopId: string | null;
  modelId: number;
  pAlive: number;
  expectedPurchases90d: number;
  expectedAvgSpend: string | number;
  clv12m: string | number;
  churnRisk: ChurnRisk;
  predictedAt: string;
}

/** Which fits the history lists: one scope (the page's), or every scope. */
export interface ClvHistoryFilter {
  shopId?: string;
  scope?: 'merchant' | 'all';
}

const id = (v: string) => encodeURIComponent(v);

export const clvApi = {
  latest: (shopId: string | null, signal?: AbortSignal) =>
    api.get<ClvModel>('/models/clv', { query: { shopId: shopId ?? undefined }, signal }),
  distribution: (shopId: string | null, signal?: AbortSignal) =>
    api.get<ClvDistribution>('/models/clv/distribution', { query: { shopId: shopId ?? undefined }, signal }),
  history: (f: ClvHistoryFilter, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<ClvModel>>('/models/clv/history', { query: { ...f, limit: p.limit, cursor: p.cursor }, signal }),
  fit: (body: ClvFitRequest) => api.post<ClvFitAccepted>('/models/clv:fit', body),
  customerPredictions: (customerId: string, signal?: AbortSignal) =>
    api.get<CustomerPrediction[]>(`/customers/${id(customerId)}/predictions`, { signal }),
};
