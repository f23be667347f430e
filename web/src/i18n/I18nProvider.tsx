import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import type { Locale } from 'antd/es/locale';
import enUS from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { LANG_STORAGE_KEY, createTranslator, detectLang, type Lang, type Translator } from './core';

const antdLocales: Record<Lang, Locale> = { 'zh-CN': zhCNAntd, en: enUS };
const dayjsLocales: Record<Lang, string> = { 'zh-CN': 'zh-cn', en: 'en' };

interface I18nContextValue extends Translator {
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18nContextValue | null>(null);

function initialLang(): Lang {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    stored = null;
  }
  return detectLang(stored, window.navigator.language);
}

function applyLang(lang: Lang) {
  dayjs.locale(dayjsLocales[lang]);
  document.documentElement.lang = lang;
}

/** Provides `t`, the language switch, and antd's and dayjs' locales. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang();
    applyLang(l);
    return l;
  });

  useEffect(() => applyLang(lang), [lang]);

  const setLang = useCallback((l: Lang) => {
    try {
      window.localStorage.setItem(LANG_STORAGE_KEY, l);
    } catch {
      // storage unavailable (private mode): the choice lasts for this page only
    }
    applyLang(l);
    setLangState(l);
  }, []);

  const value = useMemo<I18nContextValue>(() => ({ ...createTranslator(lang), setLang }), [lang, setLang]);

  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider
        locale={antdLocales[lang]}
        theme={{
          algorithm: theme.defaultAlgorithm,
          token: { colorPrimary: '#2f54eb', borderRadius: 6 },
          components: { Layout: { headerBg: '#ffffff', siderBg: '#001529' } },
        }}
      >
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18nContextValue {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}
