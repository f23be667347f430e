import en, { type MessageKey, type Messages } from './en';
import zhCN from './zh-CN';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
export const LANG_STORAGE_KEY = 'liuliang.lang';

export const dictionaries: Record<Lang, Messages> = { 'zh-CN': zhCN, en };

export type Params = Record<string, string | number>;

/** Replaces `{name}` placeholders; unknown placeholders are left as they are. */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The placeholder names used in a message, sorted. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (LANGS as readonly string[]).includes(v);
}

/** The stored choice wins; otherwise zh-CN for a Chinese browser, else English. */
export function detectLang(stored: string | null | undefined, browserLang: string | null | undefined): Lang {
  if (isLang(stored)) return stored;
  return browserLang?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export interface Translator {
  lang: Lang;
  t: (key: MessageKey, params?: Params) => string;
  /** For keys built at run time (role codes, action codes…): falls back when the key is unknown. */
  tOr: (key: string, fallback: string, params?: Params) => string;
  has: (key: string) => key is MessageKey;
}

export function createTranslator(lang: Lang): Translator {
  const dict = dictionaries[lang];
  const has = (key: string): key is MessageKey => Object.prototype.hasOwnProperty.call(dict, key);
  return {
    lang,
    has,
    t: (key, params) => interpolate(dict[key] ?? key, params),
    tOr: (key, fallback, params) => (has(key) ? interpolate(dict[key], params) : fallback),
  };
}

export type { MessageKey, Messages };
