import { Tabs } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/I18nProvider';

const TABS = [
  { key: '/loyalty', label: 'loyalty.tab.overview', testId: 'loyalty-tab-overview' },
  { key: '/loyalty/tiers', label: 'loyalty.tab.tiers', testId: 'loyalty-tab-tiers' },
  { key: '/loyalty/members', label: 'loyalty.tab.members', testId: 'loyalty-tab-members' },
  { key: '/loyalty/tasks', label: 'loyalty.tab.tasks', testId: 'loyalty-tab-tasks' },
] as const;

/** The loyalty pages' own navigation: program, tiers, members, tasks and badges. */
export function LoyaltyNav() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const active = [...TABS].reverse().find((tab) => pathname === tab.key || pathname.startsWith(`${tab.key}/`))?.key ?? '/loyalty';
  return (
    <Tabs
      activeKey={active}
      onChange={(key) => navigate(key)}
      style={{ marginBottom: 8 }}
      items={TABS.map((tab) => ({ key: tab.key, label: <span data-testid={tab.testId}>{t(tab.label)}</span> }))}
      data-testid="loyalty-nav"
    />
  );
}
