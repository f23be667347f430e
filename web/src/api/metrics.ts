/** Customer metrics, RFM and lifecycle: types and calls of the segment module's API (base /api/v1). */
import { api, buildUrl } from './api';
import type { Amount, CursorPage } from './types';
import type { PageRequest } from './services';

export const RFM_SEGMENTS = [
  'champions',
  'loyal',
  'potential_loyalist',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose',
  'hibernating',
  'lost',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/** 高价值 / 待激活 / 新客户 / 沉睡·流失风险. */
export const RFM_QUADRANTS = ['high_value', 'to_activate', 'new_customer', 'sleeping'] as const;
export type RfmQuadrant = (typeof RFM_QUADRANTS)[number];

export const LIFECYCLE_STAGES = ['prospect', 'new', 'active', 'at_risk', 'dormant', 'lost'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const RFM_MODES = ['QUINTILES', 'THRESHOLDS'] as const;
export type RfmMode = (typeof RFM_MODES)[number];

/** The boundaries scores were computed with: four ascending values per dimension. */
export interface RfmScale {
  asOf: string;
  mode: RfmMode;
  recency: Amount[];
  frequency: Amount[];
  monetary: Amount[];
  /** Customers with a purchase the scale was computed over. */
  customers: number;
}

export interface RfmRow {
  customerId: string;
  displayName: string | null;
  recencyDays: number | null;
  frequency: number;
  monetary: Amount;
  r: number | null;
  f: number | null;
  m: number | null;
  segment: RfmSegment | null;
  quadrant: RfmQuadrant | null;
}

export interface RfmFilter {
  asOf?: string;
  shopId?: string;
  segment?: RfmSegment;
  r?: number;
  f?: number;
}

export interface RfmCell {
  r: number;
  f: number;
  customers: number;
  revenue: Amount;
}

export interface RfmOverview {
  asOf: string;
  shopId: string | null;
  customers: number;
  purchasers: number;
  scale: RfmScale | null;
  cells: RfmCell[];
  segments: Partial<Record<string, number>>;
  quadrants: Partial<Record<string, number>>;
  /** True when read from the kept metrics (today, whole merchant); else computed from the orders. */
  live: boolean;
}

export interface RfmFlow {
  from: RfmSegment;
  to: RfmSegment;
  customers: number;
}

export interface RfmMigrations {
  /** `YYYY-MM`, null when there is no snapshot yet. */
  from: string | null;
  /** `YYYY-MM`, null for now. */
  to: string | null;
  flows: RfmFlow[];
  available: string[];
}

export interface RfmThresholds {
  recencyDays: number[];
  frequency: number[];
  monetary: Amount[];
}

export interface RfmSettings {
  mode: RfmMode;
  thresholds: RfmThresholds;
  /** 25 segment codes, row R=1 first, F=1..5 within a row. */
  grid: RfmSegment[];
  quadrantHighScore: number;
}

export interface LifecycleSettings {
  newWithinDays: number;
  atRiskAfterDays: number;
  dormantAfterDays: number;
  lostAfterDays: number;
}

export interface MetricsSettings {
  rfm: RfmSettings;
  lifecycle: LifecycleSettings;
}

export interface MetricsSettingsResponse {
  settings: MetricsSettings;
  scale: RfmScale | null;
  defaults: MetricsSettings;
}

export type LifecycleFunnel = Partial<Record<string, number>>;

export interface MetricsStatus {
  scale: RfmScale | null;
  /** Customers waiting to be recomputed. */
  pending: number;
  customers: number;
  lifecycle: LifecycleFunnel;
}

export interface CustomerMetricsView {
  customerId: string;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  orderCount: number;
  cancelledCount: number;
  units: number;
  grossSpent: Amount;
  refunded: Amount;
  netSpent: Amount;
  aov: Amount | null;
  avgDaysBetweenOrders: Amount | null;
  /** 0..1. */
  refundRate: Amount | null;
  preferredCategory: string | null;
  preferredShopId: string | null;
  lastEventAt: string | null;
  lastActivityAt: string | null;
  rfmAsOf: string | null;
  recencyDays: number | null;
  r: number | null;
  f: number | null;
  m: number | null;
  rfmSegment: RfmSegment | null;
  rfmQuadrant: RfmQuadrant | null;
  lifecycleStage: LifecycleStage;
  lifecycleSince: string | null;
  updatedAt: string | null;
}

export interface LifecycleChange {
  seq: number;
  customer: string;
  from: LifecycleStage | null;
  to: LifecycleStage;
  changedAt: string;
}

export interface CustomerMetricsResponse {
  customerId: string;
  /** Null until the customer's metrics were first computed. */
  metrics: CustomerMetricsView | null;
  lifecycleHistory: LifecycleChange[];
}

const scopeQuery = (f: Pick<RfmFilter, 'asOf' | 'shopId'>) => ({ asOf: f.asOf, shopId: f.shopId });

export const metricsApi = {
  rfm: (f: RfmFilter, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<RfmRow>>('/rfm', { query: { ...f, limit: p.limit, cursor: p.cursor }, signal }),
  /** The whole list as CSV, for an `<a href download>`. */
  rfmCsvUrl: (f: Pick<RfmFilter, 'asOf' | 'shopId'>) => buildUrl('/rfm', { ...scopeQuery(f), format: 'csv' }),
  overview: (f: Pick<RfmFilter, 'asOf' | 'shopId'>, signal?: AbortSignal) =>
    api.get<RfmOverview>('/rfm/overview', { query: scopeQuery(f), signal }),
  migrations: (from: string | undefined, to: string | undefined, signal?: AbortSignal) =>
    api.get<RfmMigrations>('/rfm/migrations', { query: { from, to }, signal }),
  takeSnapshot: () => api.post<{ month: string; customers: number }>('/rfm/snapshots'),
  funnel: (signal?: AbortSignal) => api.get<LifecycleFunnel>('/lifecycle/funnel', { signal }),
  settings: (signal?: AbortSignal) => api.get<MetricsSettingsResponse>('/metrics/settings', { signal }),
  saveSettings: (body: MetricsSettings) => api.put<MetricsSettingsResponse>('/metrics/settings', body),
  status: (signal?: AbortSignal) => api.get<MetricsStatus>('/metrics/status', { signal }),
  recompute: () => api.post<{ jobId: string }>('/metrics:recompute'),
  ofCustomer: (customerId: string, signal?: AbortSignal) =>
    api.get<CustomerMetricsResponse>(`/customers/${encodeURIComponent(customerId)}/metrics`, { signal }),
};
