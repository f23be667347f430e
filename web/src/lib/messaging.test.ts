import { describe, expect, it } from 'vitest';
import type { Channel } from '../api/messaging';
import { CHANNEL_KINDS, CHANNEL_TYPES, CONSENT_STATUSES, DELIVERY_STATUSES, SKIP_REASONS, SUPPRESSION_REASONS } from '../api/messaging';
import { createTranslator } from '../i18n/core';
import {
  channelProblems,
  insertVariable,
  newChannelValues,
  secretsSet,
  settingsProblems,
  smsLength,
  smsText,
  suppressionAddressProblem,
  templateFormProblems,
  templateProblems,
  testAddressProblem,
  toChannelFormValues,
  toChannelInput,
} from './messaging';

const VARS = ['customer.name', 'tier.name', 'points.balance', 'coupon.code', 'lastProduct.title', 'links.unsubscribe', 'shop.name'];
const NONE = secretsSet(null);

describe('channel rules (ChannelService.validated)', () => {
  it('wants a host, a from address and a password with a username for e-mail', () => {
    const v = { ...newChannelValues('email'), name: 'Mail', email: { host: 'smtp example', username: 'u', fromAddress: 'nope' } };
    const p = channelProblems(v, NONE);
    expect(p['email.host']?.code).toBe('host');
    expect(p['email.fromAddress']?.code).toBe('email');
    expect(p['email.password']?.code).toBe('passwordWithUsername');
    expect(channelProblems({ ...v, email: { host: 'smtp.example.com', port: 587, fromAddress: 'shop@example.com' } }, NONE)).toEqual({});
  });

  it('lets a stored secret be left blank, and not a new one', () => {
    const v = { ...newChannelValues('webhook'), name: 'Hook', webhook: { url: 'https://hooks.example.com/x', secret: '' } };
    expect(channelProblems(v, NONE)['webhook.secret']?.code).toBe('required');
    expect(channelProblems(v, { ...NONE, secret: true })).toEqual({});
    expect(channelProblems({ ...v, webhook: { url: 'ftp://x', secret: 'short' } }, NONE)).toMatchObject({
      'webhook.url': { code: 'httpUrl' },
      'webhook.secret': { code: 'minLength' },
    });
  });

  it('checks SMS signatures (with or without 【】), SdkAppId and the rate', () => {
    const v = {
      ...newChannelValues('sms_tencent'),
      name: 'SMS',
      ratePerSecond: 0,
      tencentSms: { secretId: 'id', secretKey: 'k', sdkAppId: '12ab', signName: '【】' },
    };
    expect(channelProblems(v, NONE)).toMatchObject({
      ratePerSecond: { code: 'between' },
      'tencentSms.sdkAppId': { code: 'sdkAppId' },
      'tencentSms.signName': { code: 'signName' },
    });
    expect(channelProblems({ ...v, ratePerSecond: 5, tencentSms: { ...v.tencentSms, sdkAppId: '1400123456', signName: '【留量】' } }, NONE)).toEqual({});
  });

  it('sends only the chosen type, blank secrets as null and no type on update', () => {
    const channel = {
      id: 'c1', type: 'email', channel: 'email', name: 'Mail', enabled: true, ratePerSecond: 5,
      email: { host: 'smtp.example.com', port: 25, username: 'u', passwordSet: true, security: 'none', fromAddress: 'a@b.c', fromName: null },
      aliyunSms: null, tencentSms: null, wecomRobot: null, webhook: null,
      createdAt: '', createdBy: null, updatedAt: '', updatedBy: null,
    } as Channel;
    const body = toChannelInput(toChannelFormValues(channel), true);
    expect(body.type).toBeUndefined();
    expect(body.email).toMatchObject({ host: 'smtp.example.com', port: 25, username: 'u', password: null, security: 'none' });
    expect(body.webhook).toBeUndefined();
    expect(secretsSet(channel).password).toBe(true);
  });

  it('checks test addresses on e-mail and SMS only', () => {
    expect(testAddressProblem('email', 'x')?.code).toBe('email');
    expect(testAddressProblem('sms_aliyun', '+86 138 0013 8000')).toBeNull();
    expect(testAddressProblem('wecom_robot', '')).toBeNull();
  });
});

describe('template checks (TemplateRenderer.check)', () => {
  it('names unknown variables with their line', () => {
    expect(templateProblems('Hi {{customer.name}}\n{{customer.nickname}}', VARS)).toEqual([
      { code: 'unknownVariable', line: 2, params: { name: 'customer.nickname' } },
    ]);
    expect(templateProblems('{{#coupon}}{{coupon.code}}{{/coupon}} {{{shop.name}}} {{! note }}', VARS)).toEqual([]);
    expect(templateProblems('{{> footer}}', VARS)[0].params?.name).toBe('>footer');
  });

  it('reports syntax errors with their line', () => {
    expect(templateProblems('a\nb {{customer.name', VARS)).toEqual([{ code: 'unclosedTag', line: 2 }]);
    expect(templateProblems('{{#coupon}}\n\nx', VARS)).toEqual([{ code: 'unclosedSection', line: 1, params: { name: 'coupon' } }]);
    expect(templateProblems('x\n{{/tier}}', VARS)).toEqual([{ code: 'unmatchedClose', line: 2, params: { name: 'tier' } }]);
  });

  it('needs a subject for e-mail, and a code and named parameters for SMS', () => {
    const base = { channelId: 'c', purpose: 'marketing' as const, name: 'T', body: 'Hi' };
    expect(templateFormProblems(base, 'email', VARS).subject?.code).toBe('subjectRequired');
    const sms = templateFormProblems({ ...base, smsTemplateCode: 'SMS_1', smsParams: [{ name: 'a b', value: '' }] }, 'sms_tencent', VARS);
    expect(sms).toMatchObject({
      smsTemplateCode: { code: 'tencentTemplateCode' },
      'smsParams[0].name': { code: 'paramName' },
      'smsParams[0].value': { code: 'paramValue' },
    });
  });

  it('inserts a variable at the caret', () => {
    expect(insertVariable('Hi !', 'customer.name', 3, 3)).toEqual({ text: 'Hi {{customer.name}}!', caret: 20 });
    expect(insertVariable('Hi', 'shop.name').text).toBe('Hi{{shop.name}}');
  });
});

describe('SMS length (SmsLength)', () => {
  it('counts GSM and UCS-2 segments as carriers do', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ characters: 160, encoding: 'gsm', segments: 1 });
    expect(smsLength('a'.repeat(161)).segments).toBe(2);
    expect(smsLength('{'.repeat(3)).characters).toBe(6);
    expect(smsLength('中'.repeat(70))).toEqual({ characters: 70, encoding: 'ucs2', segments: 1 });
    expect(smsLength('中'.repeat(71)).segments).toBe(2);
    expect(smsLength('中'.repeat(135)).segments).toBe(3);
  });

  it('adds 【签名】 and, for marketing, 回T退订', () => {
    expect(smsText('留量', '你好', true)).toBe('【留量】你好 回T退订');
    expect(smsText('留量', '你好', false)).toBe('【留量】你好');
  });
});

describe('settings and suppression rules', () => {
  it('checks caps, quiet hours and retries by server field path', () => {
    const p = settingsProblems({
      shopName: 'x',
      caps: [{ channel: 'sms', count: -1, periodDays: 0 }],
      quietHours: [{ channel: 'sms', start: '21:00', end: '21:00:00' }, { channel: 'all', start: '25:00', end: '8' }],
      retry: { maxAttempts: 0, backoffSeconds: 60 },
    });
    expect(Object.keys(p).sort()).toEqual([
      'caps[0].count', 'caps[0].periodDays', 'quietHours[0].end', 'quietHours[1].end', 'quietHours[1].start', 'retry.maxAttempts',
    ]);
    expect(p['quietHours[0].end'].code).toBe('sameTime');
  });

  it('checks the address of its channel kind', () => {
    expect(suppressionAddressProblem('email', 'a@b')?.code).toBe('email');
    expect(suppressionAddressProblem('sms', '13800138000')).toBeNull();
    expect(suppressionAddressProblem('wecom', '')?.code).toBe('required');
  });
});

describe('messaging labels', () => {
  it('name every code of the API in both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const tr = createTranslator(lang);
      const keys = [
        ...CHANNEL_TYPES.map((x) => `msg.type.${x}`),
        ...CHANNEL_KINDS.map((x) => `msg.kind.${x}`),
        ...DELIVERY_STATUSES.map((x) => `msg.delivery.status.${x}`),
        ...SKIP_REASONS.map((x) => `msg.skip.${x}`),
        ...SUPPRESSION_REASONS.map((x) => `msg.suppression.reason.${x}`),
        ...CONSENT_STATUSES.map((x) => `msg.consent.status.${x}`),
        ...VARS.map((x) => `msg.var.${x}`),
        'msg.consent.default.allowed_unless_opted_out',
        'msg.consent.default.opt_in_required',
      ];
      for (const k of keys) expect(tr.has(k), `${lang} ${k}`).toBe(true);
    }
  });

  it('has a message for every problem code the rules report', () => {
    const tr = createTranslator('en');
    const codes = ['required', 'maxLength', 'minLength', 'between', 'host', 'email', 'phone', 'httpUrl', 'robotUrl',
      'passwordWithUsername', 'signName', 'sdkAppId', 'subjectRequired', 'smsTemplateCode', 'tencentTemplateCode',
      'maxParams', 'paramName', 'paramValue', 'unknownVariable', 'unclosedTag', 'emptyTag', 'unmatchedClose',
      'unclosedSection', 'maxRows', 'time', 'sameTime'];
    for (const c of codes) expect(tr.has(`msg.v.${c}`), c).toBe(true);
    expect(tr.t('msg.v.unknownVariable', { name: 'customer.nickname' })).toBe('Unknown variable {{customer.nickname}}');
  });
});
