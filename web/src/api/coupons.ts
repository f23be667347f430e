/** Typed calls of the coupon API (`/api/v1/coupon-templates`, `/api/v1/coupons`). */
import { api } from './api';
import type { PageRequest } from './services';
import type { Amount, CursorPage } from './types';

export const COUPON_KINDS = ['amount_off', 'percent_off', 'free_shipping', 'gift'] as const;
export type CouponKind = (typeof COUPON_KINDS)[number];

export const TEMPLATE_STATUSES = ['active', 'paused', 'archived'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

export const COUPON_STATUSES = ['issued', 'redeemed', 'expired', 'revoked'] as const;
export type CouponStatus = (typeof COUPON_STATUSES)[number];

export type ValidityType = 'fixed' | 'relative';

export const ISSUE_STATUSES = ['ISSUED', 'ALREADY_ISSUED', 'REJECTED'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** A template as the console writes it (POST and PUT). Fields that do not apply to the kind or validity are null. */
export interface TemplateInput {
  name: string;
  description?: string | null;
  kind: CouponKind;
  /** amount_off: the amount taken off. */
  amountOff?: Amount | null;
  /** 满: the order amount needed, any kind (0: none). */
  threshold?: Amount | null;
  /** percent_off: percent taken off (15 = 85折). */
  percentOff?: Amount | null;
  /** percent_off: the largest discount. */
  maxDiscount?: Amount | null;
  /** gift: what is given. */
  giftName?: string | null;
  currency?: string | null;
  validityType: ValidityType;
  validFrom?: string | null;
  validUntil?: string | null;
  validDays?: number | null;
  /** null: unlimited. */
  totalStock?: number | null;
  perCustomerLimit?: number | null;
  /** []: every shop. */
  shopIds?: string[];
  /** []: every category. */
  categories?: string[];
  restoreOnCancel?: boolean;
  /** A loyalty tier's code: only members of it or above get and redeem the coupon; null: everyone. */
  minTier?: string | null;
  expiringNoticeDays?: number | null;
  status?: TemplateStatus;
}

export interface CouponTemplate {
  id: string;
  name: string;
  description: string | null;
  kind: CouponKind;
  amountOff: Amount | null;
  threshold: Amount | null;
  percentOff: Amount | null;
  maxDiscount: Amount | null;
  giftName: string | null;
  currency: string;
  validityType: ValidityType;
  validFrom: string | null;
  validUntil: string | null;
  validDays: number | null;
  totalStock: number | null;
  perCustomerLimit: number;
  shopIds: string[];
  categories: string[];
  restoreOnCancel: boolean;
  /** A loyalty tier's code; null: everyone. */
  minTier: string | null;
  expiringNoticeDays: number;
  status: TemplateStatus;
  issued: number;
  redeemed: number;
  expired: number;
  createdAt: string;
  createdBy?: string | null;
  updatedAt: string;
  updatedBy?: string | null;
}

export interface TemplateFilter {
  q?: string;
  status?: TemplateStatus;
}

export interface DailyCouponStats {
  date: string;
  issued: number;
  redeemed: number;
  expired: number;
}

export interface TemplateStats {
  issued: number;
  redeemed: number;
  expired: number;
  revoked: number;
  outstanding: number;
  /** 0..1 */
  redemptionRate: number;
  gmv: Amount;
  discountTotal: Amount;
  currency: string;
  /** The last 30 days, oldest first. */
  daily: DailyCouponStats[];
}

export interface CouponsOverview {
  templates: number;
  issued: number;
  redeemed: number;
  expired: number;
  outstanding: number;
  redemptionRate: number;
  gmv: Amount;
}

export interface Redemption {
  shopId: string;
  orderId: string;
  orderAmount: Amount | null;
  discount: Amount | null;
  freeShipping: boolean;
}

export interface Coupon {
  id: string;
  code: string;
  templateId: string;
  templateName: string;
  kind: CouponKind;
  customerId: string;
  status: CouponStatus;
  source: string | null;
  issuedAt: string;
  validFrom: string | null;
  validUntil: string | null;
  redeemedAt: string | null;
  redemption: Redemption | null;
  expiredAt?: string | null;
  revokedAt?: string | null;
}

export interface CouponFilter {
  status?: CouponStatus;
  code?: string;
}

export interface IssueLineResult {
  customerId: string;
  status: IssueStatus;
  couponId: string | null;
  code: string | null;
  error: { field: string; message: string } | null;
}

export interface IssueResponse {
  issued: number;
  alreadyIssued: number;
  rejected: number;
  results: IssueLineResult[];
}

/** The most customer ids one issue request may carry. */
export const ISSUE_MAX = 1000;

const id = (v: string) => encodeURIComponent(v);

export const couponTemplatesApi = {
  list: (f: TemplateFilter, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<CouponTemplate>>('/coupon-templates', { query: { ...f, limit: p.limit, cursor: p.cursor }, signal }),
  get: (templateId: string, signal?: AbortSignal) => api.get<CouponTemplate>(`/coupon-templates/${id(templateId)}`, { signal }),
  create: (body: TemplateInput) => api.post<CouponTemplate>('/coupon-templates', body),
  update: (templateId: string, body: TemplateInput) => api.put<CouponTemplate>(`/coupon-templates/${id(templateId)}`, body),
  stats: (templateId: string, signal?: AbortSignal) => api.get<TemplateStats>(`/coupon-templates/${id(templateId)}/stats`, { signal }),
  coupons: (templateId: string, f: CouponFilter, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<Coupon>>(`/coupon-templates/${id(templateId)}/coupons`, {
      query: { ...f, limit: p.limit, cursor: p.cursor },
      signal,
    }),
  issue: (templateId: string, customerIds: string[], requestId: string) =>
    api.post<IssueResponse>(`/coupon-templates/${id(templateId)}:issue`, { customerIds, requestId }),
  issueToSegment: (templateId: string, segmentId: string) =>
    api.post<{ jobId: string }>(`/coupon-templates/${id(templateId)}:issue-to-segment`, { segmentId }),
};

export const couponsApi = {
  overview: (signal?: AbortSignal) => api.get<CouponsOverview>('/coupons/overview', { signal }),
  byCode: (code: string, signal?: AbortSignal) => api.get<Coupon>(`/coupons/${id(code)}`, { signal }),
  revoke: (code: string) => api.post<Coupon>(`/coupons/${id(code)}:revoke`),
  ofCustomer: (customerId: string, limit = 20, signal?: AbortSignal) =>
    api.get<CursorPage<Coupon>>(`/customers/${id(customerId)}/coupons`, { query: { limit }, signal }),
};
