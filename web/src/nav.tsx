import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  AuditOutlined,
  CloudUploadOutlined,
  ContactsOutlined,
  CrownOutlined,
  DeploymentUnitOutlined,
  DashboardOutlined,
  FunnelPlotOutlined,
  HeatMapOutlined,
  IdcardOutlined,
  FundOutlined,
  GiftOutlined,
  KeyOutlined,
  MessageOutlined,
  MergeCellsOutlined,
  PartitionOutlined,
  CarryOutOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShopOutlined,
  TagsOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { OpenConflictsBadge } from './components/OpenConflictsBadge';
import type { MessageKey } from './i18n/core';

type Page = LazyExoticComponent<ComponentType>;

const HomePage = lazy(() => import('./pages/HomePage'));
const UsersPage = lazy(() => import('./pages/users/UsersPage'));
const RolesPage = lazy(() => import('./pages/RolesPage'));
const TokensPage = lazy(() => import('./pages/tokens/TokensPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const JobsPage = lazy(() => import('./pages/jobs/JobsPage'));
const JobDetailPage = lazy(() => import('./pages/jobs/JobDetailPage'));
const CustomersPage = lazy(() => import('./pages/customers/CustomersPage'));
const CustomerPage = lazy(() => import('./pages/customers/CustomerPage'));
const ConflictsPage = lazy(() => import('./pages/conflicts/ConflictsPage'));
const OneIdRulesPage = lazy(() => import('./pages/oneid/OneIdRulesPage'));
const ShopsPage = lazy(() => import('./pages/shops/ShopsPage'));
const ImportsPage = lazy(() => import('./pages/imports/ImportsPage'));
const ImportPage = lazy(() => import('./pages/imports/ImportPage'));
// customer metrics: RFM and lifecycle
const RfmPage = lazy(() => import('./pages/rfm/RfmPage'));
const LifecyclePage = lazy(() => import('./pages/rfm/LifecyclePage'));
// feature: tags and segments
const SegmentsPage = lazy(() => import('./pages/segments/SegmentsPage'));
const SegmentEditPage = lazy(() => import('./pages/segments/SegmentEditPage'));
const SegmentDetailPage = lazy(() => import('./pages/segments/SegmentDetailPage'));
const TagsPage = lazy(() => import('./pages/tags/TagsPage'));
const ClvModelPage = lazy(() => import('./pages/models/ClvModelPage'));
// coupons
const CouponsPage = lazy(() => import('./pages/coupons/CouponsPage'));
const CouponTemplatePage = lazy(() => import('./pages/coupons/CouponTemplatePage'));
// messaging: channels, templates, consent and suppression, deliveries, settings
const MessagingHome = lazy(() => import('./pages/messaging/MessagingHome'));
const ChannelsPage = lazy(() => import('./pages/messaging/ChannelsPage'));
const MessageTemplatesPage = lazy(() => import('./pages/messaging/TemplatesPage'));
const ConsentsPage = lazy(() => import('./pages/messaging/ConsentsPage'));
const DeliveriesPage = lazy(() => import('./pages/messaging/DeliveriesPage'));
const MessagingSettingsPage = lazy(() => import('./pages/messaging/SettingsPage'));
// loyalty: program, tiers, members and points
const LoyaltyPage = lazy(() => import('./pages/loyalty/LoyaltyPage'));
const TiersPage = lazy(() => import('./pages/loyalty/TiersPage'));
const MembersPage = lazy(() => import('./pages/loyalty/MembersPage'));
const MemberPage = lazy(() => import('./pages/loyalty/MemberPage'));
const TasksPage = lazy(() => import('./pages/loyalty/TasksPage'));
// journeys: list, canvas, follow-up tasks
const JourneysPage = lazy(() => import('./pages/journeys/JourneysPage'));
const JourneyPage = lazy(() => import('./pages/journeys/JourneyPage'));
const JourneyTasksPage = lazy(() => import('./pages/journeys/JourneyTasksPage'));

export interface RouteEntry {
  /** Route path as React Router understands it. */
  path: string;
  /** Needed to see the page; none means every signed-in user. */
  permission?: string;
  page: Page;
}

/** A page in the side navigation. Later modules add pages by adding entries here. */
export interface NavEntry extends RouteEntry {
  /** Stable id: the menu item gets `data-testid="nav-<key>"`. */
  key: string;
  icon: ReactNode;
  labelKey: MessageKey;
  /** One line shown on the overview's quick links. */
  descriptionKey?: MessageKey;
  /** Shown after the menu label, e.g. a count of things waiting (rendered only for users who see the entry). */
  badge?: ComponentType;
}

export const navEntries: NavEntry[] = [
  { key: 'home', path: '/', icon: <DashboardOutlined />, labelKey: 'nav.home', page: HomePage },
  {
    key: 'customers',
    path: '/customers',
    icon: <ContactsOutlined />,
    labelKey: 'nav.customers',
    descriptionKey: 'home.link.customers',
    permission: 'customer.read',
    page: CustomersPage,
  },
  {
    key: 'conflicts',
    path: '/identity-conflicts',
    icon: <MergeCellsOutlined />,
    labelKey: 'nav.conflicts',
    descriptionKey: 'home.link.conflicts',
    permission: 'customer.read',
    page: ConflictsPage,
    badge: OpenConflictsBadge,
  },
  {
    key: 'oneid-rules',
    path: '/one-id-rules',
    icon: <IdcardOutlined />,
    labelKey: 'nav.oneid',
    descriptionKey: 'home.link.oneid',
    permission: 'customer.read',
    page: OneIdRulesPage,
  },
  // customer metrics: RFM and lifecycle
  {
    key: 'rfm',
    path: '/rfm',
    icon: <HeatMapOutlined />,
    labelKey: 'nav.rfm',
    descriptionKey: 'home.link.rfm',
    permission: 'segment.read',
    page: RfmPage,
  },
  {
    key: 'lifecycle',
    path: '/lifecycle',
    icon: <FunnelPlotOutlined />,
    labelKey: 'nav.lifecycle',
    descriptionKey: 'home.link.lifecycle',
    permission: 'segment.read',
    page: LifecyclePage,
  },
  // feature: tags and segments
  {
    key: 'segments',
    path: '/segments',
    icon: <PartitionOutlined />,
    labelKey: 'nav.segments',
    descriptionKey: 'home.link.segments',
    permission: 'segment.read',
    page: SegmentsPage,
  },
  {
    key: 'tags',
    path: '/tags',
    icon: <TagsOutlined />,
    labelKey: 'nav.tags',
    descriptionKey: 'home.link.tags',
    permission: 'segment.read',
    page: TagsPage,
  },
  // coupons: templates, issuance, redemption
  {
    key: 'coupons',
    path: '/coupons',
    icon: <GiftOutlined />,
    labelKey: 'nav.coupons',
    descriptionKey: 'home.link.coupons',
    permission: 'coupon.read',
    page: CouponsPage,
  },

  // loyalty: program, tiers, members and points
  {
    key: 'loyalty',
    path: '/loyalty',
    icon: <CrownOutlined />,
    labelKey: 'nav.loyalty',
    descriptionKey: 'home.link.loyalty',
    permission: 'loyalty.read',
    page: LoyaltyPage,
  },
  // journeys: marketing automation
  {
    key: 'journeys',
    path: '/journeys',
    icon: <DeploymentUnitOutlined />,
    labelKey: 'nav.journeys',
    descriptionKey: 'home.link.journeys',
    permission: 'journey.read',
    page: JourneysPage,
  },
  {
    key: 'journey-tasks',
    path: '/journey-tasks',
    icon: <CarryOutOutlined />,
    labelKey: 'nav.journeyTasks',
    descriptionKey: 'home.link.journeyTasks',
    permission: 'journey.read',
    page: JourneyTasksPage,
  },
  // messaging: one menu entry, its pages under tabs
  {
    key: 'messaging',
    path: '/messaging',
    icon: <MessageOutlined />,
    labelKey: 'nav.messaging',
    descriptionKey: 'home.link.messaging',
    permission: 'messaging.read',
    page: MessagingHome,
  },  {
    key: 'imports',
    path: '/imports',
    icon: <CloudUploadOutlined />,
    labelKey: 'nav.imports',
    descriptionKey: 'home.link.imports',
    permission: 'order.read',
    page: ImportsPage,
  },
  // --- CLV models: feature/clv ---
  {
    key: 'models-clv',
    path: '/models/clv',
    icon: <FundOutlined />,
    labelKey: 'nav.modelsClv',
    descriptionKey: 'home.link.modelsClv',
    permission: 'analytics.read',
    page: ClvModelPage,
  },
  {
    key: 'shops',
    path: '/shops',
    icon: <ShopOutlined />,
    labelKey: 'nav.shops',
    descriptionKey: 'home.link.shops',
    page: ShopsPage,
  },
  {
    key: 'users',
    path: '/users',
    icon: <TeamOutlined />,
    labelKey: 'nav.users',
    descriptionKey: 'home.link.users',
    permission: 'user.read',
    page: UsersPage,
  },
  {
    key: 'roles',
    path: '/roles',
    icon: <SafetyCertificateOutlined />,
    labelKey: 'nav.roles',
    descriptionKey: 'home.link.roles',
    permission: 'user.read',
    page: RolesPage,
  },
  {
    key: 'tokens',
    path: '/tokens',
    icon: <KeyOutlined />,
    labelKey: 'nav.tokens',
    descriptionKey: 'home.link.tokens',
    permission: 'token.manage',
    page: TokensPage,
  },
  {
    key: 'audit',
    path: '/audit',
    icon: <AuditOutlined />,
    labelKey: 'nav.audit',
    descriptionKey: 'home.link.audit',
    permission: 'audit.read',
    page: AuditPage,
  },
  {
    key: 'jobs',
    path: '/jobs',
    icon: <ScheduleOutlined />,
    labelKey: 'nav.jobs',
    descriptionKey: 'home.link.jobs',
    permission: 'job.read',
    page: JobsPage,
  },
];

/** Routes inside the console that have no menu item of their own. */
export const extraRoutes: RouteEntry[] = [
  { path: '/jobs/:id', permission: 'job.read', page: JobDetailPage },
  { path: '/customers/:id', permission: 'customer.read', page: CustomerPage },
  { path: '/imports/:id', permission: 'order.read', page: ImportPage },
  // feature: tags and segments
  { path: '/segments/new', permission: 'segment.manage', page: SegmentEditPage },
  { path: '/segments/:id', permission: 'segment.read', page: SegmentDetailPage },
  { path: '/segments/:id/edit', permission: 'segment.manage', page: SegmentEditPage },
  // coupons
  { path: '/coupons/:id', permission: 'coupon.read', page: CouponTemplatePage },
  // messaging
  { path: '/messaging/channels', permission: 'messaging.read', page: ChannelsPage },
  { path: '/messaging/templates', permission: 'messaging.read', page: MessageTemplatesPage },
  { path: '/messaging/consents', permission: 'messaging.read', page: ConsentsPage },
  { path: '/messaging/deliveries', permission: 'messaging.read', page: DeliveriesPage },
  { path: '/messaging/settings', permission: 'messaging.read', page: MessagingSettingsPage },
  // loyalty
  { path: '/loyalty/tiers', permission: 'loyalty.read', page: TiersPage },
  { path: '/loyalty/tasks', permission: 'loyalty.read', page: TasksPage },
  { path: '/loyalty/members', permission: 'loyalty.read', page: MembersPage },
  { path: '/loyalty/members/:customerId', permission: 'loyalty.read', page: MemberPage },
  // journeys
  { path: '/journeys/:id', permission: 'journey.read', page: JourneyPage },
];

/** The nav entry a location belongs to: the longest matching path prefix (`/` only exactly). */
export function activeNavEntry(pathname: string, entries: readonly NavEntry[] = navEntries): NavEntry | undefined {
  let best: NavEntry | undefined;
  for (const e of entries) {
    const matches = e.path === '/' ? pathname === '/' : pathname === e.path || pathname.startsWith(`${e.path}/`);
    if (matches && (!best || e.path.length > best.path.length)) best = e;
  }
  return best;
}
