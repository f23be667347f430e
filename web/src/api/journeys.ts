/** Typed calls of the journey API (`/api/v1/journeys`, `/journey-playbooks`, `/journey-tasks`), as in journey-contract.md. */
import { api } from './api';
import type { PageRequest } from './services';
import type { Condition } from './segments';
import type { Amount, CursorPage } from './types';

export const JOURNEY_STATUSES = ['draft', 'active', 'paused', 'stopped'] as const;
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number];

export const ENTRY_KINDS = [
  'event',
  'order_placed',
  'first_order',
  'order_delivered',
  'refund_completed',
  'coupon_issued',
  'coupon_expiring',
  'tier_changed',
  'lifecycle_changed',
  'segment_entered',
  'segment_send',
  'birthday',
  'api',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const FILTER_OPERATORS = ['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export interface EventFilter {
  property: string;
  operator: FilterOperator;
  value: string | number | null;
}

export const TIER_CHANGES = ['upgraded', 'downgraded', 'at_risk'] as const;
export const LIFECYCLE_STAGES = ['prospect', 'new', 'active', 'at_risk', 'dormant', 'lost'] as const;
export const RECURRENCES = ['none', 'daily', 'weekly', 'monthly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

/** The trigger of a journey; fields not of the kind are absent. */
export interface Entry {
  kind: EntryKind;
  eventType?: string | null;
  customName?: string | null;
  filters?: EventFilter[];
  templateId?: string | null;
  change?: (typeof TIER_CHANGES)[number] | null;
  toTier?: string | null;
  to?: (typeof LIFECYCLE_STAGES)[number] | null;
  segmentId?: string | null;
  sendAt?: string | null;
  recurrence?: Recurrence;
}

export const REENTRY_RULES = ['once', 'once_per_days', 'always'] as const;
export type ReentryRule = (typeof REENTRY_RULES)[number];

export const NODE_TYPES = [
  'entry',
  'wait',
  'condition',
  'split',
  'send_message',
  'issue_coupon',
  'adjust_points',
  'add_tag',
  'remove_tag',
  'update_field',
  'create_task',
  'webhook',
  'exit',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const WAIT_MODES = ['duration', 'time_of_day', 'event'] as const;
export type WaitMode = (typeof WAIT_MODES)[number];

export const UPDATABLE_FIELDS = ['display_name', 'gender', 'province', 'city'] as const;

export interface SplitVariant {
  key: string;
  percent: number;
}

/** A node's config as the contract's table describes it, one optional field per use. */
export interface NodeConfig {
  mode?: WaitMode;
  minutes?: number | null;
  time?: string | null;
  eventType?: string | null;
  customName?: string | null;
  filters?: EventFilter[];
  timeoutMinutes?: number | null;
  condition?: Condition;
  variants?: SplitVariant[];
  holdoutPercent?: number | null;
  templateId?: string | null;
  points?: number | null;
  reason?: string | null;
  tagId?: string | null;
  field?: string | null;
  value?: string | null;
  title?: string | null;
  description?: string | null;
  assignee?: string | null;
  dueInHours?: number | null;
  url?: string | null;
  secret?: string | null;
}

export interface JourneyNode {
  id: string;
  type: NodeType;
  label: string | null;
  position: { x: number; y: number };
  config: NodeConfig;
}

export interface JourneyEdge {
  id: string;
  source: string;
  /** `next`, `yes`, `no`, `event`, `timeout` or `variant:A`. */
  sourceHandle: string;
  target: string;
}

export interface Definition {
  entry: Entry;
  reentry: { rule: ReentryRule; days: number | null };
  enrolmentLimit: number | null;
  startsAt: string | null;
  endsAt: string | null;
  goal: { kind: 'order_placed'; exitOnGoal: boolean } | null;
  conversionWindowDays: number;
  nodes: JourneyNode[];
  edges: JourneyEdge[];
}

export interface JourneySummary {
  id: string;
  name: string;
  description: string | null;
  status: JourneyStatus;
  entryKind: EntryKind;
  currentVersion: number | null;
  hasDraftChanges: boolean;
  enrolled: number;
  active: number;
  converted: number;
  createdAt: string;
  updatedAt: string;
}

export interface JourneyVersionInfo {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  enrolled: number;
}

export interface Journey extends JourneySummary {
  definition: Definition;
  versions: JourneyVersionInfo[];
  startsAt: string | null;
  endsAt: string | null;
}

export interface JourneyInput {
  name: string;
  description: string | null;
  definition: Definition;
}

export interface JourneyFilter {
  q?: string;
  status?: JourneyStatus;
}

export interface ValidationResult {
  valid: boolean;
  errors: { field: string; message: string }[];
}

export interface NodeCounters {
  entered: number;
  waiting: number;
  passed: number;
  exited: number;
  converted: number;
}

export interface VariantStats {
  key: string;
  enrolled: number;
  converted: number;
  /** 0..1 */
  conversionRate: number;
  revenue: Amount;
  pValueVsHoldout: number | null;
  pValueVsFirst: number | null;
}

export interface JourneyStats {
  version: number | null;
  nodes: Record<string, NodeCounters>;
  totals: {
    enrolled: number;
    active: number;
    completed: number;
    exited: number;
    converted: number;
    revenue: Amount;
    currency: string;
  };
  variants: VariantStats[];
}

export const ENROLMENT_STATES = ['active', 'completed', 'exited', 'converted'] as const;
export type EnrolmentState = (typeof ENROLMENT_STATES)[number];

export interface Enrolment {
  id: string;
  customerId: string;
  customerName: string | null;
  version: number;
  state: EnrolmentState;
  currentNode: string | null;
  dueAt: string | null;
  variant: string | null;
  enteredAt: string;
  finishedAt: string | null;
  convertedAt?: string | null;
  /** The last step's failure (a webhook that answered 500…), when the engine retries or gave up. */
  lastError?: string | null;
}

export interface EnrolmentFilter {
  state?: EnrolmentState;
  customerId?: string;
}

export const SKIP_REASONS = ['already_enrolled', 'reentry_rule', 'limit_reached', 'unknown_customer', 'not_active'] as const;

export interface EnrolResult {
  enrolled: number;
  skipped: { customerId: string; reason: (typeof SKIP_REASONS)[number] }[];
}

export interface Playbook {
  key: string;
  name: Record<string, string>;
  description: Record<string, string>;
  entryKind: EntryKind;
}

export interface CustomerJourney {
  journeyId: string;
  journeyName: string;
  version: number;
  state: EnrolmentState;
  currentNode: string | null;
  enteredAt: string;
  finishedAt: string | null;
  convertedAt?: string | null;
  variant: string | null;
}

export const TASK_STATUSES = ['open', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface JourneyTask {
  id: string;
  journeyId: string;
  journeyName: string;
  customerId: string;
  customerName: string | null;
  title: string;
  description: string | null;
  assignee: string | null;
  dueAt: string | null;
  status: TaskStatus;
  createdAt: string;
  doneAt: string | null;
  doneBy: string | null;
}

export interface TaskFilter {
  status?: TaskStatus;
  assignee?: string;
}

/** A messaging template as the journey canvas needs it: the messaging module's template and its channel. */
export interface MessageTemplateRef {
  id: string;
  name: string;
  /** The channel's kind (`email`, `sms`, `wecom`, `webhook`, `push`) when known. */
  channel?: string | null;
  channelId?: string | null;
  channelName?: string | null;
  purpose: string;
  status?: string;
}

interface MessagingChannel {
  id: string;
  channel: string;
  name: string;
}

const id = (v: string) => encodeURIComponent(v);
const path = (journeyId: string) => `/journeys/${id(journeyId)}`;

export const journeysApi = {
  list: (f: JourneyFilter, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<JourneySummary>>('/journeys', { query: { ...f, limit: p.limit, cursor: p.cursor }, signal }),
  get: (journeyId: string, signal?: AbortSignal) => api.get<Journey>(path(journeyId), { signal }),
  create: (body: JourneyInput) => api.post<Journey>('/journeys', body),
  update: (journeyId: string, body: JourneyInput) => api.put<Journey>(path(journeyId), body),
  remove: (journeyId: string) => api.delete(path(journeyId)),
  validate: (journeyId: string) => api.post<ValidationResult>(`${path(journeyId)}:validate`),
  publish: (journeyId: string) => api.post<Journey>(`${path(journeyId)}:publish`),
  pause: (journeyId: string) => api.post<Journey>(`${path(journeyId)}:pause`),
  resume: (journeyId: string) => api.post<Journey>(`${path(journeyId)}:resume`),
  stop: (journeyId: string) => api.post<Journey>(`${path(journeyId)}:stop`),
  version: (journeyId: string, version: number, signal?: AbortSignal) =>
    api.get<{ version: number; definition: Definition; publishedAt: string }>(`${path(journeyId)}/version/${version}`, { signal }),
  stats: (journeyId: string, version?: number | null, signal?: AbortSignal) =>
    api.get<JourneyStats>(`${path(journeyId)}/stats`, { query: { version: version ?? undefined }, signal }),
  enrolments: (journeyId: string, f: EnrolmentFilter, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<Enrolment>>(`${path(journeyId)}/enrolments`, { query: { ...f, limit: p.limit, cursor: p.cursor }, signal }),
  enrol: (journeyId: string, customerIds: string[], requestId: string) =>
    api.post<EnrolResult>(`${path(journeyId)}/enrolments`, { customerIds, requestId }),
  ofCustomer: (customerId: string, signal?: AbortSignal) =>
    api.get<CustomerJourney[]>(`/customers/${id(customerId)}/journeys`, { signal }),
};

export const playbooksApi = {
  list: (signal?: AbortSignal) => api.get<Playbook[]>('/journey-playbooks', { signal }),
  /** The draft is named in `lang` (a number is added when the name is taken). */
  install: (key: string, lang: string) => api.post<Journey>(`/journey-playbooks/${id(key)}:install`, { lang }),
};

export const journeyTasksApi = {
  list: (f: TaskFilter, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<JourneyTask>>('/journey-tasks', { query: { ...f, limit: p.limit, cursor: p.cursor }, signal }),
  complete: (taskId: string) => api.post<JourneyTask>(`/journey-tasks/${id(taskId)}:complete`),
};

/**
 * The active messaging templates to pick from (`GET /messaging/templates`), each with its channel's kind and name
 * (`GET /messaging/channels`, left out when it cannot be read).
 */
export async function listMessageTemplates(signal?: AbortSignal): Promise<MessageTemplateRef[]> {
  const [res, channels] = await Promise.all([
    api.get<MessageTemplateRef[] | CursorPage<MessageTemplateRef>>('/messaging/templates', { query: { limit: 500 }, signal }),
    api.get<MessagingChannel[]>('/messaging/channels', { signal }).catch(() => [] as MessagingChannel[]),
  ]);
  const byId = new Map((Array.isArray(channels) ? channels : []).map((c) => [c.id, c]));
  return (Array.isArray(res) ? res : res?.items ?? [])
    .filter((t) => t.status !== 'archived')
    .map((t) => {
      const c = t.channelId ? byId.get(t.channelId) : undefined;
      return { ...t, channel: t.channel ?? c?.channel ?? null, channelName: c?.name ?? null };
    });
}
