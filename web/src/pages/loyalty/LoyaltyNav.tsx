import { SectionTabs, type SectionTab } from '../../components/SectionTabs';

const TABS: readonly SectionTab[] = [
  { key: '/loyalty', label: 'loyalty.tab.overview', testId: 'loyalty-tab-overview' },
  { key: '/loyalty/tiers', label: 'loyalty.tab.tiers', testId: 'loyalty-tab-tiers' },
  { key: '/loyalty/members', label: 'loyalty.tab.members', testId: 'loyalty-tab-members' },
  { key: '/loyalty/tasks', label: 'loyalty.tab.tasks', testId: 'loyalty-tab-tasks' },
];

/** The loyalty pages' own navigation: program, tiers, members, tasks and badges. */
export function LoyaltyNav() {
  return <SectionTabs tabs={TABS} testId="loyalty-nav" />;
}
