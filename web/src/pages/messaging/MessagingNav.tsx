import { Tabs } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/I18nProvider';

const TABS = [
  { key: '/messaging/channels', label: 'msg.tab.channels', testId: 'msg-tab-channels' },
  { key: '/messaging/templates', label: 'msg.tab.templates', testId: 'msg-tab-templates' },
  { key: '/messaging/consents', label: 'msg.tab.consents', testId: 'msg-tab-consents' },
  { key: '/messaging/deliveries', label: 'msg.tab.deliveries', testId: 'msg-tab-deliveries' },
  { key: '/messaging/settings', label: 'msg.tab.settings', testId: 'msg-tab-settings' },
] as const;

/** The messaging pages' own navigation under the one 消息 / Messaging menu entry. */
export function MessagingNav() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const active = TABS.find((tab) => pathname === tab.key || pathname.startsWith(`${tab.key}/`))?.key ?? TABS[0].key;
  return (
    <Tabs
      activeKey={active}
      onChange={(key) => navigate(key)}
      style={{ marginBottom: 8 }}
      items={TABS.map((tab) => ({ key: tab.key, label: <span data-testid={tab.testId}>{t(tab.label)}</span> }))}
      data-testid="msg-nav"
    />
  );
}
