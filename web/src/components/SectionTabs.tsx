import { Tabs } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/core';

export interface SectionTab {
  /** The route the tab opens. */
  key: string;
  label: MessageKey;
  testId: string;
}

/**
 * The tabs of a section's pages (under one menu entry): the tab of the longest route the location starts with is
 * active, else the first.
 */
export function SectionTabs({ tabs, testId }: { tabs: readonly SectionTab[]; testId: string }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const active =
    [...tabs]
      .filter((tab) => pathname === tab.key || pathname.startsWith(`${tab.key}/`))
      .sort((a, b) => b.key.length - a.key.length)[0]?.key ?? tabs[0]?.key;
  return (
    <Tabs
      activeKey={active}
      onChange={(key) => navigate(key)}
      style={{ marginBottom: 8 }}
      items={tabs.map((tab) => ({ key: tab.key, label: <span data-testid={tab.testId}>{t(tab.label)}</span> }))}
      data-testid={testId}
    />
  );
}
