import { describe, expect, it } from 'vitest';
import en from './en';
import zhCN from './zh-CN';
import { CONFLICT_STATUSES, EVENT_TYPES, IDENTITY_TYPES, IMPORT_STATUSES, ORDER_STATUSES, PLATFORMS } from '../api/types';
import { IMPORT_FIELDS, IMPORT_PROFILES } from '../lib/imports';
import { EARN_ON, ENROLLED_BY, ENTRY_KINDS, EXPIRY_RULES, QUALIFY_BY, TIER_CHANGES, WARNING_RULES } from '../api/loyalty';
import { createTranslator, detectLang, interpolate, placeholders } from './core';
import { eventLabel, identityTypeLabel, importFieldLabel, importProfileLabel, orderStatusLabel, platformLabel } from './labels';

describe('i18n dictionaries', () => {
  it('have identical key sets', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders for every key', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('have no empty messages', () => {
    for (const dict of [en, zhCN]) {
      for (const [key, value] of Object.entries(dict)) expect(value.trim(), key).not.toBe('');
    }
  });

  it('name every role, audit action and permission of the contract', () => {
    const roles = ['ADMIN', 'OPERATOR', 'AGENT', 'SALES', 'ANALYST'];
    const actions = [
      'LOGIN_SUCCEEDED', 'LOGIN_FAILED', 'ACCOUNT_LOCKED', 'LOGOUT', 'PASSWORD_CHANGED', 'PASSWORD_RESET',
      'USER_CREATED', 'USER_UPDATED', 'USER_ENABLED', 'USER_DISABLED', 'USER_UNLOCKED', 'ROLES_CHANGED',
      'TOKEN_CREATED', 'TOKEN_REVOKED', 'PII_READ', 'CUSTOMERS_MERGED', 'CUSTOMER_UNMERGED', 'CONFLICT_DISMISSED',
      'AUDIT_EXPORTED', 'WEBHOOK_SECRET_SET', 'WEBHOOK_SECRET_DELETED', 'SETTINGS_CHANGED',
    ];
    const perms = [
      'user.read', 'user.manage', 'audit.read', 'job.read', 'job.manage', 'token.manage', 'customer.read',
      'customer.write', 'customer.pii.read', 'order.read', 'shop.manage', 'segment.read', 'segment.manage', 'journey.manage',
      'analytics.read', 'analytics.manage', 'settings.manage', 'coupon.read', 'coupon.manage', 'coupon.redeem',
      'loyalty.read', 'loyalty.manage', 'loyalty.member', 'journey.read', 'messaging.read', 'messaging.manage',
    ];
    const jobTypes = ['coupon.issue-to-segment', 'loyalty.tier-evaluation'];
    const tr = createTranslator('zh-CN');
    for (const r of roles) expect(tr.has(`role.${r}`), r).toBe(true);
    for (const a of actions) expect(tr.has(`audit.action.${a}`), a).toBe(true);
    for (const p of perms) expect(tr.has(`perm.${p}`), p).toBe(true);
    for (const j of jobTypes) expect(tr.has(`job.type.${j}`), j).toBe(true);
    expect(tr.has('module.loyalty')).toBe(true);
    expect(tr.t('role.ADMIN')).toBe('管理员');
    expect(tr.t('role.ANALYST')).toBe('分析师');
  });
});

describe('labels of CDP codes', () => {
  it('name every platform, identity type, order status and conflict status in both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const tr = createTranslator(lang);
      for (const p of PLATFORMS) expect(tr.has(`platform.${p}`), `${lang} platform.${p}`).toBe(true);
      for (const i of IDENTITY_TYPES) expect(tr.has(`identity.type.${i}`), `${lang} identity.type.${i}`).toBe(true);
      for (const o of ORDER_STATUSES) expect(tr.has(`order.status.${o}`), `${lang} order.status.${o}`).toBe(true);
      for (const c of CONFLICT_STATUSES) expect(tr.has(`conflicts.status.${c}`), `${lang} conflicts.status.${c}`).toBe(true);
      for (const g of ['female', 'male', 'unknown']) expect(tr.has(`gender.${g}`), `${lang} gender.${g}`).toBe(true);
      for (const e of EVENT_TYPES) expect(tr.has(`event.type.${e}`), `${lang} event.type.${e}`).toBe(true);
    }
  });

  it('name every import status, profile and field in both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const tr = createTranslator(lang);
      for (const s of IMPORT_STATUSES) expect(tr.has(`imports.status.${s}`), `${lang} imports.status.${s}`).toBe(true);
      for (const p of IMPORT_PROFILES) expect(tr.has(`imports.profile.${p}`), `${lang} imports.profile.${p}`).toBe(true);
      for (const f of IMPORT_FIELDS) expect(tr.has(`imports.field.${f}`), `${lang} imports.field.${f}`).toBe(true);
    }
    const zh = createTranslator('zh-CN');
    const en = createTranslator('en');
    expect(importProfileLabel(zh, 'taobao')).toBe('淘宝/天猫');
    expect(importProfileLabel(zh, 'generic')).toBe('通用模板');
    expect(importProfileLabel(en, 'generic')).toBe('Liuliang template');
    expect(importProfileLabel(en, 'pinduoduo', '拼多多')).toBe('拼多多');
    expect(importFieldLabel(zh, 'order_id')).toBe('订单号');
    expect(importFieldLabel(en, 'loyalty_points')).toBe('loyalty_points');
  });

  it('names events by type, custom events by their own name', () => {
    const zh = createTranslator('zh-CN');
    expect(eventLabel(zh, { type: 'add_to_cart' })).toBe('加入购物车');
    expect(eventLabel(zh, { type: 'custom', customName: 'sample_requested' })).toBe('sample_requested');
    expect(eventLabel(createTranslator('en'), { type: 'custom', customName: '  ' })).toBe('Custom event');
    expect(eventLabel(zh, { type: 'tap' })).toBe('tap');
  });

  it("uses the contract's Chinese names and falls back to raw codes", () => {
    const zh = createTranslator('zh-CN');
    expect(platformLabel(zh, 'taobao')).toBe('淘宝');
    expect(platformLabel(zh, 'wechat_mini')).toBe('微信小程序');
    expect(platformLabel(zh, 'offline')).toBe('线下门店');
    expect(identityTypeLabel(zh, 'wechat_unionid')).toBe('微信UnionID');
    expect(identityTypeLabel(zh, 'platform_buyer_id')).toBe('平台买家ID');
    expect(identityTypeLabel(zh, 'loyalty_card')).toBe('loyalty_card');
    expect(orderStatusLabel(createTranslator('en'), 'partially_refunded')).toBe('Partially refunded');
    expect(orderStatusLabel(zh, 'on_hold')).toBe('on_hold');
  });
});

describe('labels of loyalty codes', () => {
  it('name every earning rule, expiry, measure, ledger entry, tier change, enrolment and warning rule in both languages', () => {
    const lists: [string, readonly string[]][] = [
      ['loyalty.earnOn', EARN_ON],
      ['loyalty.expiry', EXPIRY_RULES],
      ['loyalty.qualifyBy', QUALIFY_BY],
      ['loyalty.entry', ENTRY_KINDS],
      ['loyalty.change', TIER_CHANGES],
      ['loyalty.enrolledBy', ENROLLED_BY],
      ['loyalty.warning', WARNING_RULES],
    ];
    for (const lang of ['zh-CN', 'en'] as const) {
      const tr = createTranslator(lang);
      for (const [prefix, codes] of lists) for (const c of codes) expect(tr.has(`${prefix}.${c}`), `${lang} ${prefix}.${c}`).toBe(true);
    }
    expect(createTranslator('zh-CN').t('nav.loyalty')).toBe('会员');
    expect(createTranslator('en').t('nav.loyalty')).toBe('Loyalty');
  });
});

describe('translator', () => {
  it('interpolates parameters and leaves unknown placeholders', () => {
    expect(interpolate('Hello {name}, {missing}', { name: 'Li' })).toBe('Hello Li, {missing}');
    expect(createTranslator('en').t('login.locked', { time: '14:05' })).toBe('This account is locked until 14:05.');
  });

  it('falls back to the given text for unknown run-time keys', () => {
    const tr = createTranslator('en');
    expect(tr.tOr('role.NEW_ROLE', 'NEW_ROLE')).toBe('NEW_ROLE');
    expect(tr.tOr('role.SALES', 'SALES')).toBe('Sales');
  });

  it('detects the language: stored choice, then a Chinese browser, else English', () => {
    expect(detectLang('en', 'zh-CN')).toBe('en');
    expect(detectLang(null, 'zh-TW')).toBe('zh-CN');
    expect(detectLang('fr', 'de-DE')).toBe('en');
    expect(detectLang(undefined, undefined)).toBe('en');
  });
});
