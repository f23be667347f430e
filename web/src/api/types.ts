/** Types of the Liuliang REST API (base /api/v1). All JSON is camelCase; instants are ISO-8601 strings. */

export interface Me {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: string[];
  permissions: string[];
  mustChangePassword: boolean;
}

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
  /** Only lists that count their matches send it (e.g. customers). */
  total?: number;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  enabled: boolean;
  roles: string[];
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreateUserRequest {
  username: string;
  displayName: string;
  email: string | null;
  roles: string[];
  password: string;
  mustChangePassword: boolean;
}

export interface UpdateUserRequest {
  displayName: string;
  email: string | null;
  roles: string[];
  enabled: boolean;
}

export interface Role {
  code: string;
  permissions: string[];
}

export interface Permission {
  code: string;
  module: string;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreateTokenRequest {
  name: string;
  expiresInDays: number;
  permissions: string[];
}

export interface CreatedToken {
  token: ApiToken;
  secret: string;
}

export interface AuditEvent {
  id: string;
  occurredAt: string;
  action: string;
  actorId: string | null;
  actorUsername: string | null;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  ip: string | null;
  detail: string | null;
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
}

export const JOB_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface Job {
  id: string;
  type: string;
  description: string | null;
  status: JobStatus;
  done: number;
  total: number | null;
  percent: number | null;
  ratePerSecond: number | null;
  etaSeconds: number | null;
  error: string | null;
  cancelRequested: boolean;
  attempts: number;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  hasResult: boolean;
}

export function isJobActive(job: Pick<Job, 'status'>): boolean {
  return job.status === 'QUEUED' || job.status === 'RUNNING';
}

export interface JobFilter {
  status?: JobStatus;
  type?: string;
}

export interface UserFilter {
  q?: string;
  role?: string;
  enabled?: boolean;
}

/* ---------- shops ---------- */

export const PLATFORMS = [
  'taobao',
  'tmall',
  'jd',
  'douyin',
  'kuaishou',
  'youzan',
  'wechat_mini',
  'shopify',
  'offline',
  'other',
] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface Shop {
  id: string;
  /** One of {@link PLATFORMS}; typed as string so a platform added on the server still renders. */
  platform: string;
  name: string;
  timezone: string;
  currency: string;
  platformShopId: string | null;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ShopInput {
  platform: string;
  name: string;
  timezone: string;
  currency: string;
  platformShopId: string | null;
}

export interface UpdateShopRequest extends ShopInput {
  archived: boolean;
}

/* ---------- customers (One-ID) ---------- */

export interface CustomerSummary {
  id: string;
  displayName: string | null;
  province: string | null;
  city: string | null;
  /** Masked by the server unless the caller holds customer.pii.read. */
  phone: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  source: string | null;
}

export interface CustomerFilter {
  q?: string;
  province?: string;
  city?: string;
  shopId?: string;
  /** Net spend (paid less refunds), inclusive; the shop's own when shopId is set. */
  minSpent?: number;
  maxSpent?: number;
  /** Orders not cancelled, inclusive. */
  minOrders?: number;
  maxOrders?: number;
}

export const IDENTITY_TYPES = [
  'phone',
  'email',
  'wechat_unionid',
  'wechat_openid',
  'platform_buyer_id',
  'device_id',
  'member_number',
] as const;

export interface CustomerIdentity {
  id: number;
  /** One of {@link IDENTITY_TYPES}, or a custom type. */
  type: string;
  value: string;
  shopId: string | null;
  /** Shared by several customers (e.g. a family phone): kept, but no longer used for linking. */
  flagged: boolean;
  source: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  /** The customer it came with (differs from the owner after a merge). */
  originCustomerId: string | null;
}

export interface MergeRecord {
  id: number;
  survivorId: string;
  mergedId: string;
  identityType: string | null;
  identityMasked: string | null;
  reason: string | null;
  source: string | null;
  actor: string | null;
  mergedAt: string;
  unmergedAt: string | null;
  unmergedBy: string | null;
}

export type Gender = 'female' | 'male' | 'unknown';

/** An amount as the server sends it (a JSON number; strings tolerated). */
export type Amount = number | string;

/**
 * One shop's purchases. The server groups them by shop and currency, so a shop can appear once per currency;
 * `currency` is not sent yet (see `shopStatsRows`).
 */
export interface ShopOrderStats {
  shopId: string;
  orderCount: number;
  totalSpent: Amount;
  currency?: string | null;
}

export interface CustomerOrderSummary {
  orderCount: number;
  totalSpent: Amount;
  averageOrderValue: Amount | null;
  currency: string | null;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  shops?: ShopOrderStats[] | null;
}

export const ORDER_STATUSES = [
  'created',
  'paid',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'refunded',
  'partially_refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderItem {
  sku: string | null;
  productName: string | null;
  category: string | null;
  quantity: number;
  unitPrice: Amount | null;
  amount: Amount | null;
}

export interface CustomerOrder {
  id: string;
  shopId: string | null;
  externalId: string | null;
  status: string;
  orderedAt: string;
  currency: string | null;
  itemTotal: Amount | null;
  discount?: Amount | null;
  shipping?: Amount | null;
  paidAmount: Amount | null;
  refundedAmount: Amount | null;
  /** The receiver (name, phone, address) as the server masks it, e.g. `张* 139****5678 浙江杭州`. */
  receiverMasked?: string | null;
  items?: OrderItem[] | null;
}

export const EVENT_TYPES = [
  'page_view',
  'product_view',
  'search',
  'add_to_cart',
  'remove_from_cart',
  'favorite',
  'checkout_started',
  'coupon_received',
  'live_view',
  'review',
  'share',
  'custom',
] as const;

export interface CustomerEvent {
  eventId: string;
  /** One of {@link EVENT_TYPES}; `custom` events carry their own `customName`. */
  type: string;
  customName?: string | null;
  occurredAt: string;
  shopId: string | null;
  anonymousId?: string | null;
  source: string | null;
  properties?: Record<string, unknown> | null;
}

/** The 360° view. `summary`, `recentOrders` and `recentEvents` come with the order and event modules. */
export interface CustomerView {
  id: string;
  displayName: string | null;
  gender: Gender | null;
  birthday: string | null;
  province: string | null;
  city: string | null;
  realName: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  source: string | null;
  /** Whether phones, emails and the real name are shown unmasked. */
  piiVisible: boolean;
  identities: CustomerIdentity[];
  merges: MergeRecord[];
  /** Ids of open identity conflicts involving this customer. */
  openConflicts: number[];
  summary?: CustomerOrderSummary | null;
  recentOrders?: CustomerOrder[] | null;
  recentEvents?: CustomerEvent[] | null;
}

/* ---------- identity conflicts ---------- */

export const CONFLICT_STATUSES = ['OPEN', 'MERGED', 'DISMISSED'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

/** A customer of a conflict, named without personal data. `mergedInto` is set once it was merged away. */
export interface ConflictParty {
  id: string;
  displayName: string | null;
  mergedInto: string | null;
}

export interface IdentityConflict {
  id: number;
  status: ConflictStatus;
  customerIds: string[];
  /** The customers of `customerIds` that still exist (a missing id has been deleted). */
  customers?: ConflictParty[] | null;
  identityType: string | null;
  reason: string | null;
  source: string | null;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export interface ConflictFilter {
  status?: ConflictStatus;
}

/* ---------- imports ---------- */

export const IMPORT_STATUSES = ['UPLOADED', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export function isImportActive(v: Pick<ImportView, 'status'>): boolean {
  return v.status === 'QUEUED' || v.status === 'RUNNING';
}

export function isImportFinished(v: Pick<ImportView, 'status'>): boolean {
  return v.status === 'SUCCEEDED' || v.status === 'FAILED' || v.status === 'CANCELLED';
}

/** A profile that fits the uploaded header: `score` is the fraction (0–1) of its known columns present. */
export interface ImportCandidate {
  profile: string;
  name: string;
  score: number;
  /** Required fields the header lacks: the profile needs them mapped by hand. */
  missingRequired: string[];
}

export interface ImportPreview {
  /** e.g. `csv.gz (UTF-8, delimiter ,)` or `xlsx`. */
  format: string;
  header: string[];
  /** The first rows (at most 10), as read. */
  sampleRows: string[][];
  /** Best first. */
  candidates: ImportCandidate[];
}

export interface ImportView {
  id: string;
  shopId: string;
  status: ImportStatus;
  profile: string | null;
  /** The column adjustments the import was started with (field key → header name), or null. */
  mapping: Record<string, string> | null;
  jobId: string | null;
  fileName: string;
  fileSize: number;
  format: string | null;
  linesRead: number;
  linesAccepted: number;
  linesRejected: number;
  customersCreated: number;
  customersMerged: number;
  ordersCreated: number;
  ordersUpdated: number;
  ordersUnchanged: number;
  refundsCreated: number;
  error: string | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Milliseconds each pass took (null until it has run). */
  timings?: ImportTimings | null;
  preview: ImportPreview | null;
}

/** How long an import's passes took: read/validate/stage, resolve buyers, store orders. */
export interface ImportTimings {
  stageMillis: number | null;
  resolveMillis: number | null;
  storeMillis: number | null;
}

/** An import profile (a platform's export layout) and its fields, such as `order_id`. */
export interface ImportProfileInfo {
  id: string;
  name: string;
  requiredFields: string[];
  fields: string[];
}

export interface StartImportRequest {
  profile?: string;
  /** Only the adjustments: field key → header name; an empty string unmaps the field. */
  mapping?: Record<string, string>;
}
