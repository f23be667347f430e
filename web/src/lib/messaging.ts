/**
 * Pure helpers of the messaging console: the client copy of the server's rules (ChannelService, TemplateService,
 * TemplateRenderer, SettingsService, Suppressions) so forms say what is wrong before saving, the Mustache check of
 * templates (unknown variables, syntax errors with their line), the SMS length count (SmsLength) and the form ⇄ API
 * conversions of channels and settings.
 */
import type {
  Channel,
  ChannelInput,
  ChannelKind,
  ChannelType,
  MessageTemplate,
  MessagingSettings,
  SmsParam,
  TemplateInput,
} from '../api/messaging';
import { kindOf } from '../api/messaging';

export const NAME_MAX = 100;
export const RATE_MIN = 1;
export const RATE_MAX = 10_000;
export const SUBJECT_MAX = 500;
export const BODY_MAX = 100_000;
export const SMS_BODY_MAX = 1_000;
export const SMS_PARAMS_MAX = 20;
export const SIGN_NAME_MAX = 20;
export const SECRET_MAX = 512;
export const WEBHOOK_SECRET_MIN = 16;
export const CAPS_MAX = 20;
export const CAP_COUNT_MAX = 10_000;
export const PERIOD_DAYS_MAX = 365;
export const ATTEMPTS_MAX = 20;
export const BACKOFF_MAX = 86_400;
export const SHOP_NAME_MAX = 100;
export const SOURCE_MAX = 100;

/** A rule broken: the code names an i18n message `msg.v.<code>`, the params fill it. */
export interface Problem {
  code: string;
  params?: Record<string, string | number>;
}

const p = (code: string, params?: Problem['params']): Problem => ({ code, params });

export const HOST_PATTERN = /^[A-Za-z0-9.:[\]-]{1,253}$/;
export const FROM_ADDRESS_PATTERN = /^[^@\s]+@[^@\s]+$/;
export const EMAIL_ADDRESS_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
export const PHONE_PATTERN = /^\+?[0-9 ()-]{6,20}$/;
export const SDK_APP_ID_PATTERN = /^\d{6,20}$/;
export const TENCENT_TEMPLATE_PATTERN = /^\d{1,20}$/;
export const SMS_PARAM_NAME_PATTERN = /^[A-Za-z0-9_]{1,40}$/;
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value.trim());
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
  } catch {
    return false;
  }
}

const blank = (v: string | null | undefined): boolean => v == null || v.trim() === '';

// --- channels ---

/** The channel form: each type's settings under its member, secrets empty (blank keeps the stored one). */
export interface ChannelFormValues {
  type: ChannelType;
  name: string;
  ratePerSecond: number | null;
  email?: { host?: string; port?: number | null; username?: string; password?: string; security?: string; fromAddress?: string; fromName?: string };
  aliyunSms?: { accessKeyId?: string; accessKeySecret?: string; signName?: string; endpoint?: string; regionId?: string };
  tencentSms?: { secretId?: string; secretKey?: string; sdkAppId?: string; signName?: string; region?: string; endpoint?: string };
  wecomRobot?: { webhookUrl?: string; messageType?: string };
  webhook?: { url?: string; secret?: string };
}

/** Which secrets the stored channel already has (they may be left blank). */
export interface SecretsSet {
  password: boolean;
  accessKeySecret: boolean;
  secretKey: boolean;
  webhookUrl: boolean;
  secret: boolean;
}

export function secretsSet(c: Channel | null): SecretsSet {
  return {
    password: !!c?.email?.passwordSet,
    accessKeySecret: !!c?.aliyunSms?.accessKeySecretSet,
    secretKey: !!c?.tencentSms?.secretKeySet,
    webhookUrl: !!c?.wecomRobot?.webhookUrlHint,
    secret: !!c?.webhook?.secretSet,
  };
}

export function newChannelValues(type: ChannelType = 'email'): ChannelFormValues {
  return {
    type,
    name: '',
    ratePerSecond: 10,
    email: { security: 'starttls', port: null },
    wecomRobot: { messageType: 'markdown' },
  };
}

const s = (v: string | null | undefined): string => v ?? '';

export function toChannelFormValues(c: Channel): ChannelFormValues {
  return {
    type: c.type,
    name: c.name,
    ratePerSecond: c.ratePerSecond,
    email: c.email
      ? {
          host: c.email.host,
          port: c.email.port,
          username: s(c.email.username),
          password: '',
          security: c.email.security,
          fromAddress: c.email.fromAddress,
          fromName: s(c.email.fromName),
        }
      : { security: 'starttls', port: null },
    aliyunSms: c.aliyunSms
      ? {
          accessKeyId: c.aliyunSms.accessKeyId,
          accessKeySecret: '',
          signName: c.aliyunSms.signName,
          endpoint: s(c.aliyunSms.endpoint),
          regionId: s(c.aliyunSms.regionId),
        }
      : undefined,
    tencentSms: c.tencentSms
      ? {
          secretId: c.tencentSms.secretId,
          secretKey: '',
          sdkAppId: c.tencentSms.sdkAppId,
          signName: c.tencentSms.signName,
          region: s(c.tencentSms.region),
          endpoint: s(c.tencentSms.endpoint),
        }
      : undefined,
    wecomRobot: { webhookUrl: '', messageType: c.wecomRobot?.messageType ?? 'markdown' },
    webhook: c.webhook ? { url: c.webhook.url, secret: '' } : undefined,
  };
}

const orNull = (v: string | null | undefined): string | null => (blank(v) ? null : (v as string).trim());
/** A secret as sent: blank is null (keep the stored one), anything else as typed but stripped. */
const secret = (v: string | null | undefined): string | null => (blank(v) ? null : (v as string).trim());

/** The request body: only the member of the chosen type; on update no type (it cannot change). */
export function toChannelInput(v: ChannelFormValues, editing: boolean): ChannelInput {
  const out: ChannelInput = { name: v.name.trim(), ratePerSecond: v.ratePerSecond ?? 10 };
  if (!editing) out.type = v.type;
  switch (v.type) {
    case 'email': {
      const e = v.email ?? {};
      out.email = {
        host: s(e.host).trim(),
        port: e.port ?? null,
        username: orNull(e.username),
        password: secret(e.password),
        security: e.security ?? 'starttls',
        fromAddress: s(e.fromAddress).trim(),
        fromName: orNull(e.fromName),
      };
      break;
    }
    case 'sms_aliyun': {
      const a = v.aliyunSms ?? {};
      out.aliyunSms = {
        accessKeyId: s(a.accessKeyId).trim(),
        accessKeySecret: secret(a.accessKeySecret),
        signName: s(a.signName).trim(),
        endpoint: orNull(a.endpoint),
        regionId: orNull(a.regionId),
      };
      break;
    }
    case 'sms_tencent': {
      const tc = v.tencentSms ?? {};
      out.tencentSms = {
        secretId: s(tc.secretId).trim(),
        secretKey: secret(tc.secretKey),
        sdkAppId: s(tc.sdkAppId).trim(),
        signName: s(tc.signName).trim(),
        region: orNull(tc.region),
        endpoint: orNull(tc.endpoint),
      };
      break;
    }
    case 'wecom_robot':
      out.wecomRobot = { webhookUrl: secret(v.wecomRobot?.webhookUrl), messageType: v.wecomRobot?.messageType ?? 'markdown' };
      break;
    default:
      out.webhook = { url: s(v.webhook?.url).trim(), secret: secret(v.webhook?.secret) };
  }
  return out;
}

function signNameProblem(v: string | undefined): Problem | null {
  let name = s(v).trim();
  if (name.startsWith('【') && name.endsWith('】')) name = name.slice(1, -1).trim();
  if (!name) return p('signName');
  if (name.length > SIGN_NAME_MAX) return p('maxLength', { max: SIGN_NAME_MAX });
  return null;
}

function secretProblem(v: string | undefined, isSet: boolean): Problem | null {
  if (blank(v)) return isSet ? null : p('required');
  return (v as string).trim().length > SECRET_MAX ? p('maxLength', { max: SECRET_MAX }) : null;
}

function requiredText(v: string | undefined, max = 256): Problem | null {
  if (blank(v)) return p('required');
  return (v as string).trim().length > max ? p('maxLength', { max }) : null;
}

function endpointProblem(v: string | undefined): Problem | null {
  return blank(v) || isHttpUrl(v as string) ? null : p('httpUrl');
}

/** The problems of a channel form by server field path (`name`, `email.host`, `webhook.secret`, …). */
export function channelProblems(v: ChannelFormValues, set: SecretsSet): Record<string, Problem> {
  const out: Record<string, Problem> = {};
  const put = (field: string, problem: Problem | null) => {
    if (problem && !out[field]) out[field] = problem;
  };
  put('name', requiredText(v.name, NAME_MAX));
  const rate = v.ratePerSecond;
  if (rate == null || !Number.isInteger(rate) || rate < RATE_MIN || rate > RATE_MAX) {
    put('ratePerSecond', p('between', { min: RATE_MIN, max: RATE_MAX }));
  }
  switch (v.type) {
    case 'email': {
      const e = v.email ?? {};
      if (!HOST_PATTERN.test(s(e.host).trim())) put('email.host', p('host'));
      if (e.port != null && (!Number.isInteger(e.port) || e.port < 1 || e.port > 65_535)) {
        put('email.port', p('between', { min: 1, max: 65_535 }));
      }
      if (!blank(e.username) && blank(e.password) && !set.password) put('email.password', p('passwordWithUsername'));
      if (!FROM_ADDRESS_PATTERN.test(s(e.fromAddress).trim())) put('email.fromAddress', p('email'));
      if (s(e.fromName).trim().length > NAME_MAX) put('email.fromName', p('maxLength', { max: NAME_MAX }));
      break;
    }
    case 'sms_aliyun': {
      const a = v.aliyunSms ?? {};
      put('aliyunSms.accessKeyId', requiredText(a.accessKeyId));
      put('aliyunSms.accessKeySecret', secretProblem(a.accessKeySecret, set.accessKeySecret));
      put('aliyunSms.signName', signNameProblem(a.signName));
      put('aliyunSms.endpoint', endpointProblem(a.endpoint));
      break;
    }
    case 'sms_tencent': {
      const tc = v.tencentSms ?? {};
      put('tencentSms.secretId', requiredText(tc.secretId));
      put('tencentSms.secretKey', secretProblem(tc.secretKey, set.secretKey));
      if (!SDK_APP_ID_PATTERN.test(s(tc.sdkAppId).trim())) put('tencentSms.sdkAppId', p('sdkAppId'));
      put('tencentSms.signName', signNameProblem(tc.signName));
      put('tencentSms.endpoint', endpointProblem(tc.endpoint));
      break;
    }
    case 'wecom_robot': {
      const url = v.wecomRobot?.webhookUrl;
      if (blank(url) ? !set.webhookUrl : !isHttpUrl(url as string)) put('wecomRobot.webhookUrl', p('robotUrl'));
      break;
    }
    default: {
      const w = v.webhook ?? {};
      if (!isHttpUrl(s(w.url))) put('webhook.url', p('httpUrl'));
      put('webhook.secret', secretProblem(w.secret, set.secret));
      if (!blank(w.secret) && (w.secret as string).trim().length < WEBHOOK_SECRET_MIN) {
        put('webhook.secret', p('minLength', { min: WEBHOOK_SECRET_MIN }));
      }
    }
  }
  return out;
}

/** What a test send's address must be on a channel of this type: the server checks e-mails and phones only. */
export function testAddressProblem(type: ChannelType, address: string): Problem | null {
  const a = address.trim();
  const kind = kindOf(type);
  if (kind === 'email' && !EMAIL_ADDRESS_PATTERN.test(a)) return p('email');
  if (kind === 'sms' && !PHONE_PATTERN.test(a)) return p('phone');
  return null;
}

/** Whether a test send on this type takes an address at all (robots and webhooks ignore it). */
export function testNeedsAddress(type: ChannelType): boolean {
  const kind = kindOf(type);
  return kind === 'email' || kind === 'sms';
}

// --- templates ---

/** One problem of a Mustache text: what and on which line (1-based). */
export interface TemplateProblem extends Problem {
  line: number;
}

/** The sections a template may open: the variables and their first segment (`{{#coupon}}…{{/coupon}}`). */
function sectionNames(variables: readonly string[]): Set<string> {
  const out = new Set(variables);
  for (const v of variables) out.add(v.includes('.') ? v.slice(0, v.indexOf('.')) : v);
  return out;
}

const lineAt = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/**
 * The problems of a Mustache text as jmustache (TemplateRenderer.check) sees them: an unclosed tag or section, a
 * section closed that was not open, partials, and variables outside `variables`. The server has the last word: its
 * field errors are shown on the field too.
 */
export function templateProblems(text: string | null | undefined, variables: readonly string[]): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  if (!text) return out;
  const sections = sectionNames(variables);
  const open: { name: string; line: number }[] = [];
  const unknown = new Set<string>();
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('{{', i);
    if (start < 0) break;
    const triple = text.startsWith('{{{', start);
    const close = text.indexOf(triple ? '}}}' : '}}', start + (triple ? 3 : 2));
    const line = lineAt(text, start);
    if (close < 0) {
      out.push({ code: 'unclosedTag', line });
      return out;
    }
    const inner = text.slice(start + (triple ? 3 : 2), close).trim();
    i = close + (triple ? 3 : 2);
    const sigil = triple ? '' : inner.charAt(0);
    const name = (['#', '^', '/', '>', '!', '&', '='].includes(sigil) ? inner.slice(1) : inner).trim();
    if (sigil === '!' || sigil === '=') continue;
    if (!name) {
      out.push({ code: 'emptyTag', line });
      continue;
    }
    if (sigil === '#' || sigil === '^') {
      open.push({ name, line });
      if (!sections.has(name) && !unknown.has(sigil + name)) {
        unknown.add(sigil + name);
        out.push({ code: 'unknownVariable', line, params: { name: sigil + name } });
      }
    } else if (sigil === '/') {
      const top = open.pop();
      if (!top || top.name !== name) {
        out.push({ code: 'unmatchedClose', line, params: { name } });
        return out;
      }
    } else if (sigil === '>') {
      if (!unknown.has('>' + name)) {
        unknown.add('>' + name);
        out.push({ code: 'unknownVariable', line, params: { name: '>' + name } });
      }
    } else if (!variables.includes(name) && !unknown.has(name)) {
      // as on the server, also inside a section: {{#coupon}}{{code}}{{/coupon}} names `code`, which is unknown
      unknown.add(name);
      out.push({ code: 'unknownVariable', line, params: { name } });
    }
  }
  const unclosed = open.pop();
  if (unclosed) out.push({ code: 'unclosedSection', line: unclosed.line, params: { name: unclosed.name } });
  return out;
}

/** The template form. */
export interface TemplateFormValues {
  channelId?: string;
  purpose?: 'marketing' | 'service';
  name?: string;
  subject?: string;
  body?: string;
  smsTemplateCode?: string;
  smsParams?: { name?: string; value?: string }[];
}

/** The problems of a template form by server field path, for a channel of `type` (unknown: none chosen yet). */
export function templateFormProblems(
  v: TemplateFormValues,
  type: ChannelType | undefined,
  variables: readonly string[],
): Record<string, Problem> {
  const out: Record<string, Problem> = {};
  const put = (field: string, problem: Problem | null | undefined) => {
    if (problem && !out[field]) out[field] = problem;
  };
  const kind = type ? kindOf(type) : undefined;
  if (!v.channelId) put('channelId', p('required'));
  if (!v.purpose) put('purpose', p('required'));
  put('name', requiredText(v.name, NAME_MAX));
  if (kind === 'email' && blank(v.subject)) put('subject', p('subjectRequired'));
  if (s(v.subject).trim().length > SUBJECT_MAX) put('subject', p('maxLength', { max: SUBJECT_MAX }));
  put('subject', templateProblems(v.subject, variables)[0]);
  const bodyMax = kind === 'sms' ? SMS_BODY_MAX : BODY_MAX;
  if (blank(v.body)) put('body', p('required'));
  else if ((v.body as string).length > bodyMax) put('body', p('maxLength', { max: bodyMax }));
  put('body', templateProblems(v.body, variables)[0]);
  if (kind === 'sms') {
    const code = s(v.smsTemplateCode).trim();
    if (!code) put('smsTemplateCode', p('smsTemplateCode'));
    else if (type === 'sms_tencent' && !TENCENT_TEMPLATE_PATTERN.test(code)) put('smsTemplateCode', p('tencentTemplateCode'));
    else if (code.length > 64) put('smsTemplateCode', p('maxLength', { max: 64 }));
    const params = v.smsParams ?? [];
    if (params.length > SMS_PARAMS_MAX) put('smsParams', p('maxParams', { max: SMS_PARAMS_MAX }));
    params.forEach((param, i) => {
      if (!SMS_PARAM_NAME_PATTERN.test(s(param?.name).trim())) put(`smsParams[${i}].name`, p('paramName'));
      if (blank(param?.value)) put(`smsParams[${i}].value`, p('paramValue'));
      else put(`smsParams[${i}].value`, templateProblems(param.value, variables)[0]);
    });
  }
  return out;
}

/** The request body of a template form; SMS fields only for SMS channels. */
export function toTemplateInput(v: TemplateFormValues, type: ChannelType | undefined): TemplateInput {
  const sms = type ? kindOf(type) === 'sms' : false;
  return {
    channelId: v.channelId ?? '',
    purpose: v.purpose ?? 'marketing',
    name: s(v.name).trim(),
    subject: orNull(v.subject),
    body: s(v.body),
    smsTemplateCode: sms ? orNull(v.smsTemplateCode) : null,
    smsParams: sms
      ? (v.smsParams ?? []).map((x): SmsParam => ({ name: s(x?.name).trim(), value: s(x?.value).trim() }))
      : [],
  };
}

/** A stored template as its request body (to change only its status). */
export function templateInputOf(t: MessageTemplate): TemplateInput {
  return {
    channelId: t.channelId,
    purpose: t.purpose,
    name: t.name,
    subject: t.subject,
    body: t.body,
    smsTemplateCode: t.smsTemplateCode,
    smsParams: t.smsParams,
    status: t.status,
  };
}

/** Inserts `{{variable}}` at the selection of a text (or at its end): the new text and the caret after it. */
export function insertVariable(text: string, variable: string, start?: number | null, end?: number | null) {
  const tag = `{{${variable}}}`;
  const a = start == null ? text.length : Math.max(0, Math.min(start, text.length));
  const b = end == null ? a : Math.max(a, Math.min(end, text.length));
  return { text: text.slice(0, a) + tag + text.slice(b), caret: a + tag.length };
}

// --- SMS length (SmsLength.java) ---

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

/** A text's SMS length as carriers count it: GSM 160 / 153 per part (extension characters twice), else UCS-2 70 / 67. */
export function smsLength(text: string): { characters: number; encoding: 'gsm' | 'ucs2'; segments: number } {
  let gsm = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (GSM_BASIC.includes(c)) gsm++;
    else if (GSM_EXTENDED.includes(c)) gsm += 2;
    else {
      const n = text.length;
      return { characters: n, encoding: 'ucs2', segments: n <= 70 ? 1 : Math.ceil(n / 67) };
    }
  }
  return { characters: gsm, encoding: 'gsm', segments: gsm <= 160 ? 1 : Math.ceil(gsm / 153) };
}

/** The SMS as sent: 【signName】 + text, and for marketing ` 回T退订`. */
export function smsText(signName: string | null | undefined, text: string, marketing: boolean): string {
  const sign = s(signName).trim();
  return `${sign ? `【${sign}】` : ''}${text}${marketing ? ' 回T退订' : ''}`;
}

// --- settings ---

export const CAP_CHANNELS: readonly (ChannelKind | 'all')[] = ['all', 'email', 'sms', 'wecom', 'push', 'webhook'];

/** The problems of the settings form by server field path (`caps[0].count`, `quietHours[1].end`, `retry.maxAttempts`). */
export function settingsProblems(v: MessagingSettings): Record<string, Problem> {
  const out: Record<string, Problem> = {};
  const put = (field: string, problem: Problem) => {
    if (!out[field]) out[field] = problem;
  };
  if (s(v.shopName).trim().length > SHOP_NAME_MAX) put('shopName', p('maxLength', { max: SHOP_NAME_MAX }));
  const caps = v.caps ?? [];
  if (caps.length > CAPS_MAX) put('caps', p('maxRows', { max: CAPS_MAX }));
  caps.forEach((c, i) => {
    if (!c?.channel || !CAP_CHANNELS.includes(c.channel)) put(`caps[${i}].channel`, p('required'));
    const count = c?.count;
    if (count == null || !Number.isInteger(count) || count < 0 || count > CAP_COUNT_MAX) {
      put(`caps[${i}].count`, p('between', { min: 0, max: CAP_COUNT_MAX }));
    }
    const days = c?.periodDays;
    if (days == null || !Number.isInteger(days) || days < 1 || days > PERIOD_DAYS_MAX) {
      put(`caps[${i}].periodDays`, p('between', { min: 1, max: PERIOD_DAYS_MAX }));
    }
  });
  const quiet = v.quietHours ?? [];
  if (quiet.length > CAPS_MAX) put('quietHours', p('maxRows', { max: CAPS_MAX }));
  quiet.forEach((q, i) => {
    if (!q?.channel || !CAP_CHANNELS.includes(q.channel)) put(`quietHours[${i}].channel`, p('required'));
    const start = s(q?.start).trim();
    const end = s(q?.end).trim();
    if (!start) put(`quietHours[${i}].start`, p('required'));
    else if (!TIME_PATTERN.test(start)) put(`quietHours[${i}].start`, p('time'));
    if (!end) put(`quietHours[${i}].end`, p('required'));
    else if (!TIME_PATTERN.test(end)) put(`quietHours[${i}].end`, p('time'));
    else if (TIME_PATTERN.test(start) && normalizedTime(start) === normalizedTime(end)) put(`quietHours[${i}].end`, p('sameTime'));
  });
  const attempts = v.retry?.maxAttempts;
  if (attempts == null || !Number.isInteger(attempts) || attempts < 1 || attempts > ATTEMPTS_MAX) {
    put('retry.maxAttempts', p('between', { min: 1, max: ATTEMPTS_MAX }));
  }
  const backoff = v.retry?.backoffSeconds;
  if (backoff == null || !Number.isInteger(backoff) || backoff < 1 || backoff > BACKOFF_MAX) {
    put('retry.backoffSeconds', p('between', { min: 1, max: BACKOFF_MAX }));
  }
  return out;
}

const normalizedTime = (t: string): string => (t.length === 5 ? `${t}:00` : t);

/** Whether a quiet window runs over midnight (21:00–08:00). */
export function overnight(start: string, end: string): boolean {
  return TIME_PATTERN.test(start) && TIME_PATTERN.test(end) && normalizedTime(start) > normalizedTime(end);
}

// --- suppression ---

/** What an address to suppress must be on a channel kind (Suppressions.normalized). */
export function suppressionAddressProblem(kind: ChannelKind | undefined, address: string | undefined): Problem | null {
  const a = s(address).trim();
  if (!a) return p('required');
  if (kind === 'email' && !EMAIL_ADDRESS_PATTERN.test(a)) return p('email');
  if (kind === 'sms' && !PHONE_PATTERN.test(a)) return p('phone');
  return null;
}
