/** Typed calls of the segment and tag API (`/api/v1/segments`, `/api/v1/tags`). */
import { api, uploadForm } from './api';
import type { PageRequest } from './services';
import type { CursorPage } from './types';

export type FieldType = 'text' | 'number' | 'date' | 'timestamp' | 'enum' | 'set';

export interface ConditionFieldInfo {
  key: string;
  group: string;
  type: FieldType;
  operators: string[];
  options: string[];
  nullable: boolean;
}

export interface ConditionCatalog {
  fields: ConditionFieldInfo[];
  eventTypes: string[];
  orderMeasures: string[];
  orderOperators: string[];
  propertyOperators: string[];
  predictionsAvailable: boolean;
}

export type ConditionValue = string | number | null | (string | number)[];

export interface GroupCondition {
  type: 'and' | 'or' | 'not';
  children: Condition[];
}

export interface FieldCondition {
  type: 'field';
  field: string;
  op: string;
  value: ConditionValue;
}

export interface OrderCondition {
  type: 'order';
  measure: 'count' | 'amount';
  op: string;
  value: ConditionValue;
  shopId?: string | null;
  category?: string | null;
  sku?: string | null;
  withinDays?: number | null;
}

export interface PropertyFilter {
  property: string;
  op: string;
  value: ConditionValue;
}

export interface EventCondition {
  type: 'event';
  event: string;
  customName?: string | null;
  did: boolean;
  times: number;
  withinDays: number;
  properties: PropertyFilter[];
}

export type Condition = GroupCondition | FieldCondition | OrderCondition | EventCondition;

export type SegmentKind = 'dynamic' | 'static';

export interface Segment {
  id: string;
  name: string;
  kind: SegmentKind;
  description: string | null;
  condition: Condition;
  memberCount: number;
  lastRefreshedAt: string | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
  trend: number[];
  refreshJobId: string | null;
}

export interface SegmentInput {
  name: string;
  kind?: SegmentKind;
  description?: string | null;
  condition: Condition;
}

export interface SampleCustomer {
  id: string;
  displayName: string | null;
  province: string | null;
  city: string | null;
  phone: string | null;
  lifecycleStage: string;
  netSpent: number | string;
}

export interface SegmentPreview {
  count: number;
  sample: SampleCustomer[];
  tookMs: number;
}

export interface SegmentMember {
  customerId: string;
  displayName: string | null;
  province: string | null;
  city: string | null;
  phone: string | null;
  lifecycleStage: string;
  netSpent: number | string;
  enteredAt: string;
}

export interface SegmentChange {
  seq: number;
  customerId: string;
  displayName: string | null;
  change: 'entered' | 'exited';
  at: string;
}

export interface SizePoint {
  at: string;
  size: number;
}

export interface SegmentFilter {
  q?: string;
  kind?: SegmentKind;
}

export type TagKind = 'manual' | 'rule' | 'system';

export interface TagInfo {
  id: string;
  name: string;
  kind: TagKind;
  color: string | null;
  description: string | null;
  condition: Condition | null;
  systemKey: string | null;
  customers: number;
  createdAt: string;
  createdBy: string | null;
  lastRefreshedAt: string | null;
  refreshJobId: string | null;
}

export interface TagInput {
  name: string;
  kind?: 'manual' | 'rule';
  color?: string | null;
  description?: string | null;
  condition?: Condition | null;
}

export interface HeldTag {
  id: string;
  name: string;
  kind: TagKind;
  color: string | null;
  source: string;
  taggedAt: string;
}

export interface UploadResult {
  lines: number;
  tagged: number;
  alreadyTagged: number;
  rejectedCount: number;
  rejected: { line: number; value: string; reason: string }[];
}

const id = (v: string) => encodeURIComponent(v);

export const segmentsApi = {
  fields: () => api.get<ConditionCatalog>('/segments/fields'),
  list: (f: SegmentFilter, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<Segment>>('/segments', { query: { ...f, limit: p.limit, cursor: p.cursor }, signal }),
  get: (segmentId: string) => api.get<Segment>(`/segments/${id(segmentId)}`),
  create: (body: SegmentInput) => api.post<Segment>('/segments', body),
  update: (segmentId: string, body: SegmentInput) => api.put<Segment>(`/segments/${id(segmentId)}`, body),
  remove: (segmentId: string) => api.delete(`/segments/${id(segmentId)}`),
  preview: (condition: Condition, signal?: AbortSignal) =>
    api.post<SegmentPreview>('/segments:preview', { condition }, { signal }),
  refresh: (segmentId: string) => api.post<{ jobId: string }>(`/segments/${id(segmentId)}:refresh`),
  exportCsv: (segmentId: string) => api.post<{ jobId: string }>(`/segments/${id(segmentId)}:export`),
  members: (segmentId: string, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<SegmentMember>>(`/segments/${id(segmentId)}/members`, {
      query: { limit: p.limit, cursor: p.cursor },
      signal,
    }),
  changes: (segmentId: string, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<SegmentChange>>(`/segments/${id(segmentId)}/changes`, {
      query: { limit: p.limit, cursor: p.cursor },
      signal,
    }),
  sizes: (segmentId: string, days = 90) => api.get<SizePoint[]>(`/segments/${id(segmentId)}/sizes`, { query: { days } }),
};

export const tagsApi = {
  list: (q?: string, kind?: TagKind) => api.get<TagInfo[]>('/tags', { query: { q, kind } }),
  create: (body: TagInput) => api.post<TagInfo>('/tags', body),
  update: (tagId: string, body: TagInput) => api.put<TagInfo>(`/tags/${id(tagId)}`, body),
  remove: (tagId: string) => api.delete(`/tags/${id(tagId)}`),
  applyToSegment: (tagId: string, segmentId: string) =>
    api.post<{ changed: number }>(`/tags/${id(tagId)}:apply`, { segmentId }),
  upload: (tagId: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return uploadForm<UploadResult>(`/tags/${id(tagId)}:upload`, form);
  },
  ofCustomer: (customerId: string) => api.get<HeldTag[]>(`/customers/${id(customerId)}/tags`),
  give: (customerId: string, tagId: string) => api.put<void>(`/customers/${id(customerId)}/tags/${id(tagId)}`),
  take: (customerId: string, tagId: string) => api.delete(`/customers/${id(customerId)}/tags/${id(tagId)}`),
};
