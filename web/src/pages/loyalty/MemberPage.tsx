import { useCallback, useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Progress,
  Result,
  Row,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, EditOutlined, ReloadOutlined, ShoppingOutlined, UserAddOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/api';
import { loyaltyApi, type AwardedBadge, type Member, type PointsEntry, type TaskProgress, type Tier, type TierChange } from '../../api/loyalty';
import type { PageRequest } from '../../api/services';
import { useAuth } from '../../auth/AuthContext';
import { CursorPager } from '../../components/CursorPager';
import { CustomerLink } from '../../components/CustomerLink';
import { PageHeader } from '../../components/PageHeader';
import { TableEmpty } from '../../components/TableEmpty';
import { useApiError } from '../../hooks/useApiError';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useI18n } from '../../i18n/I18nProvider';
import { enrolledByLabel, qualifyByLabel } from '../../i18n/labels';
import { formatDateTime, formatNumber } from '../../lib/format';
import { formatMeasure, formatSignedPoints, progressPercent, tierName } from '../../lib/loyalty';
import { CustomerCouponsCard } from '../customers/CustomerCouponsCard';
import { EntryKindTag, TierChangeTag, TierTag } from './LoyaltyTags';
import { PointsDialog, type PointsMode } from './PointsDialog';
import { actionLabel, periodLabel } from './TaskForms';

function isMissing(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 404 || err.status === 400);
}

/** The way to the next tier: a bar from the member's figure over the last 12 months to the threshold. */
function TierProgressCard({ member, tiers }: { member: Member; tiers: Tier[] }) {
  const tr = useI18n();
  const { t } = tr;
  const p = member.progress;
  let body;
  if (p) {
    const next = tierName(tiers, p.nextTier, p.nextTier);
    const pct = progressPercent(p);
    body = (
      <div data-testid="member-progress" data-next={p.nextTier} data-percent={pct}>
        <Typography.Paragraph style={{ marginBottom: 4 }} data-testid="member-progress-text">
          {t('loyalty.progress.toNext', {
            remaining: formatMeasure(tr, p.qualifyBy, p.remaining),
            tier: next,
          })}
        </Typography.Paragraph>
        <Progress percent={pct} status="active" />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('loyalty.progress.figures', {
            measure: qualifyByLabel(tr, p.qualifyBy),
            current: formatMeasure(tr, p.qualifyBy, p.current),
            needed: formatMeasure(tr, p.qualifyBy, p.needed),
          })}
        </Typography.Text>
      </div>
    );
  } else {
    body = (
      <Typography.Text type="secondary" data-testid="member-progress-none">
        {t(tiers.length === 0 ? 'loyalty.progress.noTiers' : 'loyalty.progress.top')}
      </Typography.Text>
    );
  }
  return (
    <Card size="small" title={t('loyalty.progress.title')} style={{ height: '100%' }}>
      {body}
    </Card>
  );
}

/** `/loyalty/members/:customerId`: one member's tier, balance, progress, tier history and points statement. */
export default function MemberPage() {
  const { customerId = '' } = useParams<{ customerId: string }>();
  // a fresh page per member: the statement's pages belong to one
  return <MemberView key={customerId} customerId={customerId} />;
}

function MemberView({ customerId }: { customerId: string }) {
  const tr = useI18n();
  const { t, lang } = tr;
  const navigate = useNavigate();
  const { can } = useAuth();
  const manage = can('loyalty.manage');
  const { message } = App.useApp();
  const showError = useApiError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  const [member, setMember] = useState<Member | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tiers, setTiers] = useState<Tier[]>([]);
  const [history, setHistory] = useState<TierChange[] | null>(null);
  const [tick, setTick] = useState(0);
  const [dialog, setDialog] = useState<PointsMode | null>(null);
  const [enrolling, setEnrolling] = useState(false);
  const [taskProgress, setTaskProgress] = useState<TaskProgress[] | null>(null);
  const [awarded, setAwarded] = useState<AwardedBadge[] | null>(null);
  const [checkingIn, setCheckingIn] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    loyaltyApi
      .member(customerId, controller.signal)
      .then((m) => {
        if (controller.signal.aborted) return;
        if (m.customerId !== customerId) {
          // a merged-away customer: the survivor is the member
          navigate(`/loyalty/members/${encodeURIComponent(m.customerId)}`, { replace: true });
          return;
        }
        setMember(m);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        if (!isMissing(e)) showErrorRef.current(e);
      });
    loyaltyApi
      .memberTasks(customerId, controller.signal)
      .then((l) => !controller.signal.aborted && setTaskProgress(l))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setTaskProgress([]);
        if (!isMissing(e)) showErrorRef.current(e);
      });
    loyaltyApi
      .memberBadges(customerId, controller.signal)
      .then((l) => !controller.signal.aborted && setAwarded(l))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setAwarded([]);
        if (!isMissing(e)) showErrorRef.current(e);
      });
    loyaltyApi
      .tierHistory(customerId, controller.signal)
      .then((h) => !controller.signal.aborted && setHistory(h))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setHistory([]);
        if (!isMissing(e)) showErrorRef.current(e);
      });
    return () => controller.abort();
  }, [customerId, tick, navigate]);

  useEffect(() => {
    const controller = new AbortController();
    loyaltyApi
      .tiers(controller.signal)
      .then((l) => !controller.signal.aborted && setTiers(l.tiers))
      .catch((e: unknown) => !controller.signal.aborted && showErrorRef.current(e));
    return () => controller.abort();
  }, []);

  const fetchStatement = useCallback(
    (_f: object, p: PageRequest, signal: AbortSignal) => loyaltyApi.statement(customerId, p, signal),
    [customerId],
  );
  const statement = useCursorTable<PointsEntry, object>(fetchStatement, {});

  const refresh = useCallback(() => {
    setTick((n) => n + 1);
    statement.reload({ silent: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const rankOf = useMemo(() => new Map(tiers.map((x) => [x.code, x.rank])), [tiers]);

  const enrol = () => {
    setEnrolling(true);
    loyaltyApi
      .enrol(customerId)
      .then((m) => {
        message.success(t('loyalty.enrol.done', { memberNo: m.memberNo }));
        setMember(m);
        refresh();
      })
      .catch(showError)
      .finally(() => setEnrolling(false));
  };

  /** Today's check-in for the member (the first active check_in task); again the same day the server answers the same check-in (replayed). */
  const checkIn = () => {
    setCheckingIn(true);
    loyaltyApi
      .checkIn(customerId)
      .then((c) => {
        if (c.replayed) message.info(t('loyalty.checkIn.replayed'));
        else message.success(t('loyalty.checkIn.done', { points: formatNumber(c.points, lang) }));
        refresh();
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && (e.status === 409 || e.status === 404)) message.warning(e.problem.detail || e.problem.title);
        else showError(e);
      })
      .finally(() => setCheckingIn(false));
  };

  const back = (
    <Link to="/loyalty/members" data-testid="member-back">
      <ArrowLeftOutlined /> {t('loyalty.member.back')}
    </Link>
  );

  if (!member || member.customerId !== customerId) {
    if (error) {
      const missing = isMissing(error);
      return (
        <Result
          status={missing ? '404' : 'warning'}
          title={missing ? t('loyalty.member.notMember') : t('common.loadFailed')}
          subTitle={missing ? (error as ApiError).problem.detail : undefined}
          extra={
            <Space wrap>
              {back}
              {missing && can('customer.read') && <Link to={`/customers/${encodeURIComponent(customerId)}`}>{t('loyalty.member.toCustomer')}</Link>}
              {missing && manage && (
                <Button type="primary" icon={<UserAddOutlined />} loading={enrolling} onClick={enrol} data-testid="member-enrol">
                  {t('loyalty.enrol.button')}
                </Button>
              )}
              {!missing && (
                <Button type="primary" icon={<ReloadOutlined />} onClick={refresh}>
                  {t('common.retry')}
                </Button>
              )}
            </Space>
          }
          data-testid="member-missing"
        />
      );
    }
    return (
      <>
        <div style={{ marginBottom: 8 }}>{back}</div>
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      </>
    );
  }

  const m = member;
  const historyColumns: TableColumnsType<TierChange> = [
    { title: t('loyalty.history.at'), dataIndex: 'at', className: 'll-nowrap', render: formatDateTime },
    { title: t('loyalty.history.change'), dataIndex: 'change', render: (c: string) => <TierChangeTag change={c} /> },
    {
      title: t('loyalty.history.tiers'),
      key: 'tiers',
      render: (_, h) => (
        <span className="ll-nowrap">
          {tierName(tiers, h.fromTier, t('loyalty.tier.none'))} → {tierName(tiers, h.toTier, t('loyalty.tier.none'))}
        </span>
      ),
    },
    { title: t('loyalty.history.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
  ];
  const statementColumns: TableColumnsType<PointsEntry> = [
    { title: t('loyalty.statement.at'), dataIndex: 'at', className: 'll-nowrap', render: formatDateTime },
    { title: t('loyalty.statement.kind'), dataIndex: 'kind', render: (k: string) => <EntryKindTag kind={k} /> },
    {
      title: t('loyalty.statement.points'),
      dataIndex: 'points',
      align: 'right',
      render: (p: number) => (
        <Typography.Text type={p < 0 ? 'danger' : 'success'} className="ll-nowrap" data-testid="entry-points">
          {formatSignedPoints(p, lang)}
        </Typography.Text>
      ),
    },
    {
      title: t('loyalty.statement.balanceAfter'),
      dataIndex: 'balanceAfter',
      align: 'right',
      render: (b: number) => formatNumber(b, lang),
    },
    {
      title: t('loyalty.statement.reason'),
      key: 'reason',
      render: (_, e) => {
        // the order's ref is `<shop id>/<external id>`; the reason of an order's entry names the external id already
        const external = e.orderRef?.slice(e.orderRef.lastIndexOf('/') + 1);
        return (
          <span>
            {e.reason ?? '—'}
            {e.orderRef && external && !e.reason?.includes(external) && (
              <Tooltip title={e.orderRef}>
                <Typography.Text type="secondary" className="ll-mono" style={{ marginLeft: 8, fontSize: 12 }}>
                  {external}
                </Typography.Text>
              </Tooltip>
            )}
          </span>
        );
      },
    },
    { title: t('loyalty.statement.actor'), dataIndex: 'actor', render: (a: string | null) => a ?? t('loyalty.statement.system') },
  ];

  const taskColumns: TableColumnsType<TaskProgress> = [
    { title: t('loyalty.tasks.name'), key: 'name', render: (_, p) => <span data-testid="member-task-name">{p.task.name}</span> },
    {
      title: t('loyalty.tasks.action'),
      key: 'how',
      render: (_, p) => (
        <span className="ll-nowrap">
          {actionLabel(t, p.task.action)} · {periodLabel(t, p.task.period)}
        </span>
      ),
    },
    { title: t('loyalty.tasks.reward'), key: 'reward', align: 'right', render: (_, p) => `+${formatNumber(p.task.rewardPoints, lang)}` },
    {
      title: t('loyalty.memberTasks.progress'),
      key: 'progress',
      align: 'right',
      render: (_, p) => (
        <span className="ll-nowrap" data-testid="member-task-progress">
          {p.done} / {p.task.limitPerPeriod}
        </span>
      ),
    },
    {
      title: t('loyalty.memberTasks.periodKey'),
      dataIndex: 'periodKey',
      render: (k: string) => <span className="ll-mono ll-nowrap">{k === 'once' ? periodLabel(t, 'once') : k}</span>,
    },
    {
      key: 'state',
      render: (_, p) =>
        p.available ? (
          <Tag color="blue" data-testid="member-task-state">
            {t('loyalty.memberTasks.available')}
          </Tag>
        ) : (
          <Tag color="green" data-testid="member-task-state">
            {t('loyalty.memberTasks.done')}
          </Tag>
        ),
    },
  ];
  const badgeColumns: TableColumnsType<AwardedBadge> = [
    { title: t('loyalty.tasks.name'), key: 'name', render: (_, b) => <span data-testid="member-badge-name">{b.badge.name}</span> },
    { title: t('loyalty.memberBadges.awardedAt'), dataIndex: 'awardedAt', className: 'll-nowrap', render: formatDateTime },
  ];

  return (
    <>
      <div style={{ marginBottom: 8 }}>{back}</div>
      <PageHeader
        title={
          <Space wrap>
            <span>
              {t('loyalty.member.title')} <span className="ll-mono" data-testid="member-no">{m.memberNo}</span>
            </span>
            <span data-testid="member-tier">
              <TierTag code={m.tier} name={m.tierName} rank={m.tier ? rankOf.get(m.tier) : null} />
            </span>
          </Space>
        }
        extra={
          <>
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('common.refresh')} data-testid="member-refresh" />
            </Tooltip>
            {manage && (
              <>
                <Button icon={<CheckCircleOutlined />} loading={checkingIn} onClick={checkIn} data-testid="member-check-in">
                  {t('loyalty.checkIn.button')}
                </Button>
                <Button icon={<EditOutlined />} onClick={() => setDialog('adjust')} data-testid="member-adjust">
                  {t('loyalty.points.adjust')}
                </Button>
                <Button type="primary" icon={<ShoppingOutlined />} onClick={() => setDialog('spend')} data-testid="member-spend">
                  {t('loyalty.points.spend')}
                </Button>
              </>
            )}
          </>
        }
      />
      {m.downgradeDueAt && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('loyalty.member.downgradeDue', { tier: m.tierName ?? m.tier ?? '', time: formatDateTime(m.downgradeDueAt) })}
          description={t('loyalty.member.downgradeHelp')}
          data-testid="member-downgrade"
        />
      )}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={14}>
          <Card size="small" style={{ height: '100%' }}>
            <Flex gap={32} wrap align="flex-start">
              <Statistic
                title={t('loyalty.member.balance')}
                value={formatNumber(m.balance, lang)}
                valueRender={(node) => <span data-testid="member-balance">{node}</span>}
              />
              <Descriptions size="small" column={{ xs: 1, xxl: 2 }} style={{ flex: 1, minWidth: 280 }} data-testid="member-profile">
                <Descriptions.Item label={t('loyalty.member.customer')}>
                  {can('customer.read') ? <CustomerLink id={m.customerId} /> : <span className="ll-mono">{m.customerId}</span>}
                </Descriptions.Item>
                <Descriptions.Item label={t('loyalty.member.tierSince')}>
                  <span className="ll-nowrap">{formatDateTime(m.tierSince)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('loyalty.member.enrolledAt')}>
                  <span className="ll-nowrap">{formatDateTime(m.enrolledAt)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('loyalty.member.enrolledBy')}>{m.enrolledBy ? enrolledByLabel(tr, m.enrolledBy) : '—'}</Descriptions.Item>
              </Descriptions>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <TierProgressCard member={m} tiers={tiers} />
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('loyalty.memberTasks.title')} style={{ height: '100%' }}>
            <Table<TaskProgress>
              rowKey={(p) => p.task.code}
              size="small"
              loading={taskProgress === null}
              dataSource={taskProgress ?? []}
              columns={taskColumns}
              pagination={false}
              scroll={{ x: 'max-content' }}
              onRow={(p) => ({ 'data-code': p.task.code, 'data-testid': 'member-task' }) as HTMLAttributes<HTMLElement>}
              locale={{ emptyText: t('loyalty.memberTasks.empty') }}
              data-testid="member-tasks"
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('loyalty.memberBadges.title')} style={{ height: '100%' }}>
            <Table<AwardedBadge>
              rowKey={(b) => b.badge.code}
              size="small"
              loading={awarded === null}
              dataSource={awarded ?? []}
              columns={badgeColumns}
              pagination={false}
              locale={{ emptyText: t('loyalty.memberBadges.empty') }}
              data-testid="member-badges"
            />
          </Card>
        </Col>
      </Row>
      <Card className="ll-table-card" title={t('loyalty.statement.title')} style={{ marginBottom: 16 }}>
        <Table<PointsEntry>
          rowKey="id"
          size="small"
          loading={statement.loading}
          dataSource={statement.items}
          columns={statementColumns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <TableEmpty error={statement.error} onRetry={() => statement.reload()} description={t('loyalty.statement.empty')} /> }}
          data-testid="member-statement"
        />
        <CursorPager table={statement} />
      </Card>
      <Card size="small" title={t('loyalty.history.title')}>
        <Table<TierChange>
          rowKey="seq"
          size="small"
          loading={history === null}
          dataSource={history ?? []}
          columns={historyColumns}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: t('loyalty.history.empty') }}
          data-testid="member-history"
        />
      </Card>
      {can('coupon.read') && (
        <div style={{ marginTop: 16 }}>
          <CustomerCouponsCard customerId={m.customerId} />
        </div>
      )}
      {dialog && (
        <PointsDialog
          mode={dialog}
          member={m}
          onClose={() => setDialog(null)}
          onPosted={() => {
            setDialog(null);
            refresh();
          }}
          onConflict={() => setTick((n) => n + 1)}
        />
      )}
    </>
  );
}
