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
