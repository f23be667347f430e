/**
 * Typed calls of the messaging API (`/api/v1/messaging/…`, the customer's consents and messages), as the
 * controllers of `io.liuliang.messaging` answer them.
 */
import { api, type Query } from './api';
import type { PageRequest } from './services';
import type { CursorPage } from './types';

export const CHANNEL_TYPES = ['email', 'sms_aliyun', 'sms_tencent', 'wecom_robot', 'webhook', 'push_webhook'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** What consent, suppression and caps are kept per. */
export const CHANNEL_KINDS = ['email', 'sms', 'wecom', 'push', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const PURPOSES = ['marketing', 'service'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const EMAIL_SECURITY = ['starttls', 'ssl', 'none'] as const;
export const WECOM_MESSAGE_TYPES = ['markdown', 'text'] as const;

export const TEMPLATE_STATUSES = ['active', 'archived'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'skipped', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const SKIP_REASONS = [
  'opted_out',
  'suppressed',
  'frequency_capped',
  'no_address',
  'channel_disabled',
  'template_inactive',
] as const;

export const SUPPRESSION_REASONS = ['hard_bounce', 'complaint', 'unsubscribed', 'manual', 'invalid'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export const CONSENT_STATUSES = ['opted_in', 'opted_out', 'allowed_by_default', 'not_opted_in'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** The channel kind of a channel type. */
export function kindOf(type: ChannelType): ChannelKind {
  switch (type) {
    case 'email':
      return 'email';
    case 'sms_aliyun':
    case 'sms_tencent':
      return 'sms';
    case 'wecom_robot':
      return 'wecom';
    case 'push_webhook':
      return 'push';
    default:
      return 'webhook';
  }
}

// --- channels ---

export interface EmailSettings {
  host: string;
  port: number | null;
  username: string | null;
  /** Write-only: null keeps the stored one. */
  password?: string | null;
  security: string;
  fromAddress: string;
  fromName: string | null;
}

export interface AliyunSmsSettings {
  accessKeyId: string;
  accessKeySecret?: string | null;
  signName: string;
  endpoint: string | null;
  regionId: string | null;
}

export interface TencentSmsSettings {
  secretId: string;
  secretKey?: string | null;
  sdkAppId: string;
  signName: string;
  region: string | null;
  endpoint: string | null;
}

export interface WecomRobotSettings {
  webhookUrl?: string | null;
  messageType: string;
}

export interface WebhookSettings {
  url: string;
  secret?: string | null;
}

/** A channel as the API answers it: secrets only as set/unset and a hint. */
export interface Channel {
  id: string;
  type: ChannelType;
  channel: ChannelKind;
  name: string;
  enabled: boolean;
  ratePerSecond: number;
  email: (Omit<EmailSettings, 'password'> & { passwordSet: boolean }) | null;
  aliyunSms: (Omit<AliyunSmsSettings, 'accessKeySecret'> & { accessKeySecretSet: boolean; accessKeySecretHint: string | null }) | null;
  tencentSms: (Omit<TencentSmsSettings, 'secretKey'> & { secretKeySet: boolean; secretKeyHint: string | null }) | null;
  wecomRobot: { webhookUrlHint: string | null; messageType: string } | null;
  webhook: { url: string; secretSet: boolean; secretHint: string | null } | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

export interface ChannelInput {
  type?: ChannelType;
  name: string;
  enabled?: boolean;
  ratePerSecond: number;
  email?: EmailSettings | null;
  aliyunSms?: AliyunSmsSettings | null;
  tencentSms?: TencentSmsSettings | null;
  wecomRobot?: WecomRobotSettings | null;
  webhook?: WebhookSettings | null;
}

export interface TestRequest {
  address: string;
  text?: string | null;
  smsTemplateCode?: string | null;
  smsParams?: SmsParam[];
}

export interface TestResult {
  ok: boolean;
  providerMessageId: string | null;
  answer: string | null;
  error: string | null;
}

/** SMS channels have receipts and replies; e-mail channels have bounces (the others are null). */
export interface CallbackUrls {
  receipts: string | null;
  replies: string | null;
  bounces: string | null;
}

// --- templates ---

export interface SmsParam {
  name: string;
  value: string;
}

export interface MessageTemplate {
  id: string;
  channelId: string;
  purpose: Purpose;
  name: string;
  subject: string | null;
  body: string;
  smsTemplateCode: string | null;
  smsParams: SmsParam[];
  status: TemplateStatus;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

/** A template as the console writes it (POST and PUT). */
export type TemplateInput = Pick<
  MessageTemplate,
  'channelId' | 'purpose' | 'name' | 'subject' | 'body' | 'smsTemplateCode' | 'smsParams'
> & { status?: TemplateStatus };

export interface TemplateFilter {
  q?: string;
  channelId?: string;
  purpose?: Purpose;
}

export interface Preview {
  templateId: string;
  customerId: string;
  channel: ChannelKind;
  purpose: Purpose;
  /** Masked without customer.pii.read. */
  address: string | null;
  piiRevealed: boolean;
  subject: string | null;
  body: string;
  smsParams: SmsParam[];
  /** SMS only: the text with 【签名】 (and 回T退订 for marketing), its length and segments. */
  sms: { text: string; characters: number; encoding: 'gsm' | 'ucs2'; segments: number } | null;
  unsubscribeUrl: string | null;
}

// --- consent and suppression ---

export interface Suppression {
  id: number;
  channel: ChannelKind;
  /** Masked. */
  address: string;
  reason: SuppressionReason;
  source: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface SuppressionFilter {
  channel?: ChannelKind;
  q?: string;
}

export interface Consent {
  customerId: string;
  channel: ChannelKind;
  purpose: Purpose;
  status: 'opted_in' | 'opted_out';
  source: string | null;
  changedAt: string;
  changedBy: string | null;
}

export interface EffectiveConsent {
  channel: ChannelKind;
  purpose: Purpose;
  status: ConsentStatus;
  recorded: boolean;
  source: string | null;
  changedAt: string | null;
}

export interface Consents {
  customerId: string;
  marketingDefault: string;
  consents: EffectiveConsent[];
  history: Consent[];
}

// --- settings ---

export interface Cap {
  channel: ChannelKind | 'all';
  count: number | null;
  periodDays: number | null;
}

export interface QuietHours {
  channel: ChannelKind | 'all';
  start: string;
  end: string;
}

export interface MessagingSettings {
  shopName: string;
  caps: Cap[];
  quietHours: QuietHours[];
  retry: { maxAttempts: number | null; backoffSeconds: number | null };
}

export interface MessagingSettingsView extends MessagingSettings {
  timezone: string;
  marketingDefault: string;
}

// --- deliveries ---

export interface Delivery {
  id: string;
  idempotencyKey: string;
  customerId: string;
  templateId: string | null;
  channelId: string | null;
  channel: ChannelKind;
  purpose: Purpose;
  address: string | null;
  subject: string | null;
  body: string | null;
  providerParams: SmsParam[] | null;
  status: DeliveryStatus;
  skipReason: string | null;
  attempts: number;
  notBefore: string | null;
  nextAttemptAt: string | null;
  providerMessageId: string | null;
  providerReceipt: string | null;
  error: string | null;
  source: string | null;
  sourceRef: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  openedAt: string | null;
  clickedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryFilter {
  status?: DeliveryStatus;
  channel?: ChannelKind;
  customerId?: string;
  q?: string;
}

const id = (v: string) => encodeURIComponent(v);
const paged = <F extends object>(f: F, p: PageRequest): Query => ({ ...(f as Query), limit: p.limit, cursor: p.cursor });

export const channelsApi = {
  list: (signal?: AbortSignal) => api.get<Channel[]>('/messaging/channels', { signal }),
  get: (channelId: string) => api.get<Channel>(`/messaging/channels/${id(channelId)}`),
  create: (body: ChannelInput) => api.post<Channel>('/messaging/channels', body),
  update: (channelId: string, body: ChannelInput) => api.put<Channel>(`/messaging/channels/${id(channelId)}`, body),
  enable: (channelId: string) => api.post<Channel>(`/messaging/channels/${id(channelId)}:enable`),
  disable: (channelId: string) => api.post<Channel>(`/messaging/channels/${id(channelId)}:disable`),
  /** For SMS also the provider's approved template and its parameters (providers send nothing else). */
  test: (channelId: string, body: TestRequest) => api.post<TestResult>(`/messaging/channels/${id(channelId)}:test`, body),
  callbacks: (channelId: string) => api.get<CallbackUrls>(`/messaging/channels/${id(channelId)}/callbacks`),
};

export const messageTemplatesApi = {
  variables: (signal?: AbortSignal) => api.get<{ variables: string[] }>('/messaging/templates/variables', { signal }),
  list: (f: TemplateFilter, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<MessageTemplate>>('/messaging/templates', { query: paged(f, p), signal }),
  get: (templateId: string) => api.get<MessageTemplate>(`/messaging/templates/${id(templateId)}`),
  create: (body: TemplateInput) => api.post<MessageTemplate>('/messaging/templates', body),
  update: (templateId: string, body: TemplateInput) => api.put<MessageTemplate>(`/messaging/templates/${id(templateId)}`, body),
  preview: (templateId: string, customerId: string, couponCode?: string) =>
    api.post<Preview>(`/messaging/templates/${id(templateId)}:preview`, { customerId, couponCode: couponCode || null }),
};

export const suppressionsApi = {
  list: (f: SuppressionFilter, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<Suppression>>('/messaging/suppressions', { query: paged(f, p), signal }),
  add: (body: { channel: ChannelKind; address: string; reason: SuppressionReason; source?: string | null }) =>
    api.post<Suppression>('/messaging/suppressions', body),
  remove: (suppressionId: number) => api.delete(`/messaging/suppressions/${suppressionId}`),
};

export const consentsApi = {
  of: (customerId: string, signal?: AbortSignal) => api.get<Consents>('/messaging/consents', { query: { customerId }, signal }),
  set: (customerId: string, channel: ChannelKind, purpose: Purpose, status: 'opted_in' | 'opted_out', source: string) =>
    api.put<Consent>(`/customers/${id(customerId)}/consents/${channel}/${purpose}`, { status, source }),
};

export const messagingSettingsApi = {
  get: (signal?: AbortSignal) => api.get<MessagingSettingsView>('/messaging/settings', { signal }),
  put: (body: MessagingSettings) => api.put<MessagingSettingsView>('/messaging/settings', body),
};

/** One day's deliveries by where they are now (GET /messaging/deliveries/daily). */
export interface DeliveryDay {
  date: string;
  waiting: number;
  sent: number;
  delivered: number;
  failed: number;
  skipped: number;
}

export const deliveriesApi = {
  list: (f: DeliveryFilter, p: PageRequest, signal?: AbortSignal) =>
    api.get<CursorPage<Delivery>>('/messaging/deliveries', { query: paged(f, p), signal }),
  get: (deliveryId: string, signal?: AbortSignal) => api.get<Delivery>(`/messaging/deliveries/${id(deliveryId)}`, { signal }),
  retry: (deliveryId: string) => api.post<Delivery>(`/messaging/deliveries/${id(deliveryId)}:retry`),
  daily: (days: number, signal?: AbortSignal) => api.get<DeliveryDay[]>('/messaging/deliveries/daily', { query: { days }, signal }),
  ofCustomer: (customerId: string, limit: number, signal?: AbortSignal) =>
    api.get<CursorPage<Delivery>>(`/customers/${id(customerId)}/messages`, { query: { limit }, signal }),
};
