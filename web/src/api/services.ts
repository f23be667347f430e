import { api, downloadUrl, uploadForm, type UploadOptions } from './api';
import type {
  ApiToken,
  AuditEvent,
  ConflictFilter,
  CustomerFilter,
  CustomerSummary,
  CustomerView,
  IdentityConflict,
  ImportProfileInfo,
  ImportView,
  MergeRecord,
  StartImportRequest,
  Shop,
  ShopInput,
  UpdateShopRequest,
  AuditFilter,
  CreateTokenRequest,
  CreateUserRequest,
  CreatedToken,
  CursorPage,
  Job,
  JobFilter,
  Me,
  Permission,
  Role,
  UpdateUserRequest,
  User,
  UserFilter,
} from './types';

export interface PageRequest {
  limit: number;
  cursor: string | null;
}

const id = (v: string) => encodeURIComponent(v);

export const authApi = {
  me: () => api.get<Me>('/auth/me'),
  login: (username: string, password: string) => api.post<Me>('/auth/login', { username, password }),
  logout: () => api.post<void>('/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/auth/password', { currentPassword, newPassword }),
};

export const usersApi = {
  list: (f: UserFilter, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<User>>('/users', { query: { ...f, limit: p.limit, cursor: p.cursor }, signal }),
  get: (userId: string) => api.get<User>(`/users/${id(userId)}`),
  create: (body: CreateUserRequest) => api.post<User>('/users', body),
  update: (userId: string, body: UpdateUserRequest) => api.put<User>(`/users/${id(userId)}`, body),
  resetPassword: (userId: string, newPassword: string, mustChangePassword: boolean) =>
    api.post<void>(`/users/${id(userId)}/password`, { newPassword, mustChangePassword }),
  unlock: (userId: string) => api.post<void>(`/users/${id(userId)}/unlock`),
};

export const rolesApi = {
  roles: () => api.get<Role[]>('/roles'),
  permissions: () => api.get<Permission[]>('/permissions'),
};

export const tokensApi = {
  list: () => api.get<ApiToken[]>('/tokens'),
  create: (body: CreateTokenRequest) => api.post<CreatedToken>('/tokens', body),
  revoke: (tokenId: string) => api.delete(`/tokens/${id(tokenId)}`),
};

export const auditApi = {
  list: (f: AuditFilter, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<AuditEvent>>('/audit-events', { query: { ...f, limit: p.limit, cursor: p.cursor }, signal }),
  actions: () => api.get<string[]>('/audit-events/actions'),
  exportCsv: (f: AuditFilter) => api.post<{ jobId: string }>('/audit-events:export', f),
};

export const jobsApi = {
  list: (f: JobFilter, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<Job>>('/jobs', { query: { ...f, limit: p.limit, cursor: p.cursor }, signal }),
  get: (jobId: string, signal?: AbortSignal) => api.get<Job>(`/jobs/${id(jobId)}`, { signal }),
  cancel: (jobId: string) => api.post<Job>(`/jobs/${id(jobId)}:cancel`),
};

export const shopsApi = {
  list: (signal?: AbortSignal) => api.get<Shop[]>('/shops', { signal }),
  get: (shopId: string) => api.get<Shop>(`/shops/${id(shopId)}`),
  create: (body: ShopInput) => api.post<Shop>('/shops', body),
  update: (shopId: string, body: UpdateShopRequest) => api.put<Shop>(`/shops/${id(shopId)}`, body),
};

export const customersApi = {
  list: (f: CustomerFilter, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<CustomerSummary>>('/customers', { query: { ...f, limit: p.limit, cursor: p.cursor }, signal }),
  /** A merged-away id answers 307 to the survivor, which fetch follows: compare the returned `id`. */
  get: (customerId: string, signal?: AbortSignal) => api.get<CustomerView>(`/customers/${id(customerId)}`, { signal }),
  /** Splits `mergedId` off the customer it was merged into. */
  unmerge: (mergedId: string) => api.post<MergeRecord>(`/customers/${id(mergedId)}:unmerge`),
};

export const conflictsApi = {
  list: (f: ConflictFilter, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<IdentityConflict>>('/identity-conflicts', {
      query: { ...f, limit: p.limit, cursor: p.cursor },
      signal,
    }),
  merge: (conflictId: number) => api.post<IdentityConflict>(`/identity-conflicts/${conflictId}:merge`),
  dismiss: (conflictId: number) => api.post<IdentityConflict>(`/identity-conflicts/${conflictId}:dismiss`),
};

export interface UploadImportRequest {
  file: File;
  shopId: string;
  /** Omitted: the server detects the profile from the header. */
  profile?: string;
}

export const importsApi = {
  list: (_f: object, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<ImportView>>('/imports', { query: { limit: p.limit, cursor: p.cursor }, signal }),
  get: (importId: string, signal?: AbortSignal) => api.get<ImportView>(`/imports/${id(importId)}`, { signal }),
  profiles: (signal?: AbortSignal) => api.get<ImportProfileInfo[]>('/imports/profiles', { signal }),
  /** Uploads without starting (`start=false`): the answer's `preview` is for the review step. */
  upload: (req: UploadImportRequest, opts?: Pick<UploadOptions, 'signal' | 'onProgress'>) => {
    const form = new FormData();
    form.append('file', req.file, req.file.name);
    form.append('shopId', req.shopId);
    if (req.profile) form.append('profile', req.profile);
    form.append('start', 'false');
    return uploadForm<ImportView>('/imports', form, opts);
  },
  start: (importId: string, body: StartImportRequest) => api.post<ImportView>(`/imports/${id(importId)}:start`, body),
  rejectsUrl: (importId: string) => downloadUrl(`/imports/${id(importId)}/rejects`),
  templateUrl: () => downloadUrl('/imports/template'),
};
