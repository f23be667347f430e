/** Typed calls of the loyalty API (`/api/v1/loyalty`): the program, the tier ladder, members and their points. */
import { api } from './api';
import type { PageRequest } from './services';
import type { Amount, CursorPage } from './types';

export const EARN_ON = ['completed', 'paid'] as const;
export type EarnOn = (typeof EARN_ON)[number];

export const EXPIRY_RULES = ['never', 'end_of_following_year', 'months'] as const;
export type ExpiryRule = (typeof EXPIRY_RULES)[number];

export const QUALIFY_BY = ['net_spend_12m', 'points_12m', 'orders_12m'] as const;
export type QualifyBy = (typeof QUALIFY_BY)[number];

export const ENTRY_KINDS = ['earn', 'spend', 'expire', 'adjust', 'reverse'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const TIER_CHANGES = ['upgraded', 'at_risk', 'downgraded', 'kept'] as const;
export type TierChangeKind = (typeof TIER_CHANGES)[number];

/** How a customer became a member. */
export const ENROLLED_BY = ['first_order', 'explicit', 'task', 'unmerge'] as const;

/** The brief's rules of thumb for a tier ladder (`LoyaltyService.warnings`). */
export const WARNING_RULES = ['at_most_5_tiers', 'step_at_most_2_5x', 'benefits_differ_30_percent'] as const;
export type WarningRule = (typeof WARNING_RULES)[number];

export interface LoyaltyProgram {
  name: string;
  enabled: boolean;
  pointsPerUnit: Amount;
  earnOn: EarnOn;
  expiry: ExpiryRule;
  expiryMonths: number | null;
  autoEnrol: boolean;
  /** Orders placed before it earn nothing. */
  earnFrom: string | null;
  updatedAt: string | null;
}

/** PUT /program. `earnFrom` null keeps the stored one (a new program: from now). */
export interface ProgramInput {
  name: string;
  enabled: boolean;
  pointsPerUnit: number;
  earnOn: EarnOn;
  expiry: ExpiryRule;
  expiryMonths: number | null;
  autoEnrol: boolean;
  earnFrom: string | null;
}

export interface Tier {
  id: string;
  code: string;
  name: string;
  /** 1 is the lowest. */
  rank: number;
  qualifyBy: QualifyBy;
  threshold: Amount;
  pointsMultiplier: Amount;
  discountPercent: Amount;
  freeShipping: boolean;
  birthdayCouponTemplateId: string | null;
  exclusiveService: string | null;
  graceDays: number;
  members: number;
}

/** One tier of PUT /tiers (lowest first). An id keeps the stored tier (and its members); without one the code does. */
export interface TierInput {
  id?: string | null;
  code: string;
  name: string;
  qualifyBy: QualifyBy;
  threshold: number | null;
  pointsMultiplier: number | null;
  discountPercent: number | null;
  freeShipping: boolean;
  birthdayCouponTemplateId: string | null;
  exclusiveService: string | null;
  graceDays: number | null;
}

/** A design warning: `field` is `tiers`, `tiers[i]` or `tiers[i].threshold`. */
export interface TierWarning {
  field: string;
  rule: WarningRule | string;
  message: string;
}

export interface Ladder {
  tiers: Tier[];
  warnings: TierWarning[];
}

export interface TierProgress {
  /** The code of the next tier. */
  nextTier: string;
  qualifyBy: QualifyBy;
  current: Amount;
  needed: Amount;
  remaining: Amount;
}

export interface Member {
  customerId: string;
  memberNo: string;
  /** The tier's code; null: no tier yet. */
  tier: string | null;
  tierName: string | null;
  tierSince: string | null;
  /** Set while the member is at risk: the day they are lowered unless they qualify again. */
  downgradeDueAt: string | null;
  balance: number;
  enrolledAt: string;
  enrolledBy: string | null;
  /** Only on the single-member read; null at the top tier. */
  progress: TierProgress | null;
}

export interface PointsEntry {
  id: number;
  kind: EntryKind;
  /** Signed. */
  points: number;
  balanceAfter: number;
  source: string;
  reason: string | null;
  orderRef: string | null;
  at: string;
  actor: string | null;
}

export interface Posted {
  entry: PointsEntry;
  /** The request id was seen before: this is the first answer again, nothing was posted. */
  replayed: boolean;
}

export interface TierChange {
  seq: number;
  change: TierChangeKind | string;
  fromTier: string | null;
  toTier: string | null;
  reason: string | null;
  at: string;
}

export interface TierCount {
  /** null: members without a tier. */
  tier: string | null;
  name: string | null;
  members: number;
}

export interface MonthPoints {
  /** `YYYY-MM` */
  month: string;
  earned: number;
  spent: number;
  expired: number;
  /** Signed: adjustments up and down. */
  adjusted: number;
  reversed: number;
}

export interface LoyaltyOverview {
  members: number;
  tiers: TierCount[];
  /** The balance of every member: the liability. */
  outstandingPoints: number;
  expiringIn30Days: number;
  /** The last 12 months that had entries, oldest first. */
  months: MonthPoints[];
}

export interface MemberFilter {
  /** A tier code. */
  tier?: string;
  memberNo?: string;
}

export interface PointsRequest {
  points: number;
  reason: string | null;
  requestId: string;
}

export const TASK_PERIODS = ['daily', 'weekly', 'monthly', 'once'] as const;
export type TaskPeriod = (typeof TASK_PERIODS)[number];

export const TASK_ACTIONS = ['check_in', 'share', 'review', 'custom_event'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export const BADGE_RULES = ['points_earned', 'orders', 'reviews', 'tasks_completed'] as const;
export type BadgeRule = (typeof BADGE_RULES)[number];

/** A task (`LoyaltyTaskController.TaskView`): completed by a check-in, an app's call or a matching behaviour event. */
export interface LoyaltyTask {
  id: string;
  code: string;
  name: string;
  description: string | null;
  period: TaskPeriod | string;
  action: TaskAction | string;
  /** The custom event's name (custom_event only). */
  eventName: string | null;
  rewardPoints: number;
  limitPerPeriod: number;
  active: boolean;
}

/** PUT /tasks: creates or changes the task by code. */
export interface TaskInput {
  code: string;
  name: string;
  description: string | null;
  period: TaskPeriod;
  action: TaskAction;
  eventName: string | null;
  rewardPoints: number | null;
  limitPerPeriod: number | null;
  active: boolean;
}

export interface Badge {
  id: string;
  code: string;
  name: string;
  description: string | null;
  rule: BadgeRule | string;
  threshold: number;
  active: boolean;
}

/** PUT /badges: creates or changes the badge by code. */
export interface BadgeInput {
  code: string;
  name: string;
  description: string | null;
  rule: BadgeRule;
  threshold: number | null;
  active: boolean;
}

/** An active task with the member's progress in its current period. */
export interface TaskProgress {
  task: LoyaltyTask;
  /** e.g. `2026-12-03`, `2026-W49`, `2026-12`, `once`. */
  periodKey: string;
  done: number;
  available: boolean;
}

export interface AwardedBadge {
  badge: Badge;
  awardedAt: string;
}

/** What completing a task (or the check-in) did. */
export interface Completion {
  task: string;
  periodKey: string;
  points: number;
  balance: number;
  replayed: boolean;
  doneThisPeriod: number;
  limitPerPeriod: number;
}

const id = (v: string) => encodeURIComponent(v);

export const loyaltyApi = {
  program: (signal?: AbortSignal) => api.get<LoyaltyProgram>('/loyalty/program', { signal }),
  saveProgram: (body: ProgramInput) => api.put<LoyaltyProgram>('/loyalty/program', body),
  overview: (signal?: AbortSignal) => api.get<LoyaltyOverview>('/loyalty/overview', { signal }),
  tiers: (signal?: AbortSignal) => api.get<Ladder>('/loyalty/tiers', { signal }),
  saveTiers: (tiers: TierInput[]) => api.put<Ladder>('/loyalty/tiers', tiers),
  evaluate: () => api.post<{ jobId: string }>('/loyalty/tiers:evaluate'),
  /** The brief's ready program (留量会员, 普通/银卡/金卡/钻石, 签到 and other tasks, a badge); keeps what exists. */
  installTemplate: () => api.post<void>('/loyalty/program:install-template'),
  members: (f: MemberFilter, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<Member>>('/loyalty/members', { query: { ...f, limit: p.limit, cursor: p.cursor }, signal }),
  member: (customerId: string, signal?: AbortSignal) => api.get<Member>(`/loyalty/members/${id(customerId)}`, { signal }),
  enrol: (customerId: string) => api.post<Member>('/loyalty/members', { customerId }),
  statement: (customerId: string, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<PointsEntry>>(`/loyalty/members/${id(customerId)}/points`, {
      query: { limit: p.limit, cursor: p.cursor },
      signal,
    }),
  tierHistory: (customerId: string, signal?: AbortSignal) =>
    api.get<TierChange[]>(`/loyalty/members/${id(customerId)}/tier-history`, { signal }),
  adjust: (customerId: string, body: PointsRequest) => api.post<Posted>(`/loyalty/members/${id(customerId)}/points:adjust`, body),
  spend: (customerId: string, body: PointsRequest) => api.post<Posted>(`/loyalty/members/${id(customerId)}/points:spend`, body),
  tasks: (signal?: AbortSignal) => api.get<LoyaltyTask[]>('/loyalty/tasks', { signal }),
  saveTask: (body: TaskInput) => api.put<LoyaltyTask>('/loyalty/tasks', body),
  badges: (signal?: AbortSignal) => api.get<Badge[]>('/loyalty/badges', { signal }),
  saveBadge: (body: BadgeInput) => api.put<Badge>('/loyalty/badges', body),
  memberTasks: (customerId: string, signal?: AbortSignal) =>
    api.get<TaskProgress[]>(`/loyalty/members/${id(customerId)}/tasks`, { signal }),
  memberBadges: (customerId: string, signal?: AbortSignal) =>
    api.get<AwardedBadge[]>(`/loyalty/members/${id(customerId)}/badges`, { signal }),
  checkIn: (customerId: string) => api.post<Completion>(`/loyalty/members/${id(customerId)}:check-in`),
};
