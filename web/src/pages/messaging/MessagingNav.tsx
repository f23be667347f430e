import { SectionTabs, type SectionTab } from '../../components/SectionTabs';

const TABS: readonly SectionTab[] = [
  { key: '/messaging/channels', label: 'msg.tab.channels', testId: 'msg-tab-channels' },
  { key: '/messaging/templates', label: 'msg.tab.templates', testId: 'msg-tab-templates' },
  { key: '/messaging/consents', label: 'msg.tab.consents', testId: 'msg-tab-consents' },
  { key: '/messaging/deliveries', label: 'msg.tab.deliveries', testId: 'msg-tab-deliveries' },
  { key: '/messaging/settings', label: 'msg.tab.settings', testId: 'msg-tab-settings' },
];

/** The messaging pages' own navigation under the one 消息 / Messaging menu entry. */
export function MessagingNav() {
  return <SectionTabs tabs={TABS} testId="msg-nav" />;
}
