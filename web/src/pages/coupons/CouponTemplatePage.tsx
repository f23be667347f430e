import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Input,
  Popconfirm,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import {
  ArrowLeftOutlined,
  EditOutlined,
  GiftOutlined,
  InboxOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  ReloadOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { ApiError } from '../../api/api';
import {
  COUPON_STATUSES,
  couponTemplatesApi,
  couponsApi,
  type Coupon,
  type CouponFilter,
  type CouponStatus,
  type CouponTemplate,
  type TemplateStats,
  type TemplateStatus,
} from '../../api/coupons';
import type { PageRequest } from '../../api/services';
import { useAuth } from '../../auth/AuthContext';
import { CursorPager } from '../../components/CursorPager';
import { CustomerLink } from '../../components/CustomerLink';
import { PageHeader } from '../../components/PageHeader';
import { ShopLabel } from '../../components/ShopLabel';
import { TableEmpty } from '../../components/TableEmpty';
import { useApiError } from '../../hooks/useApiError';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useLoyaltyTiers } from '../../hooks/useLoyaltyTiers';
import { useI18n } from '../../i18n/I18nProvider';
import { couponStatusLabel } from '../../i18n/labels';
import { describeStock, describeTerms, describeValidity, formatPercent, templateInputOf } from '../../lib/coupons';
import { formatMoney } from '../../lib/customer';
import { formatDateTime, formatNumber } from '../../lib/format';
import { CouponDailyChart } from './CouponCharts';
import { CouponKindTag, CouponStatusTag, TemplateStatusTag } from './CouponTags';
import { IssueCouponsModal } from './IssueCouponsModal';
import { TemplateFormDrawer } from './TemplateFormDrawer';

function Figure({ title, value, testId, help }: { title: string; value: string; testId: string; help?: string }) {
  const stat = <Statistic title={title} value={value} valueRender={(node) => <span data-testid={testId}>{node}</span>} />;
  return help ? (
    <Tooltip title={help}>
      <div>{stat}</div>
    </Tooltip>
  ) : (
    stat
  );
}

function StatsCards({ stats }: { stats: TemplateStats | null }) {
  const { t, lang } = useI18n();
  const n = (v: number | undefined) => (v === undefined ? '—' : formatNumber(v, lang));
  const money = (v: TemplateStats['gmv'] | undefined) => (stats ? formatMoney(v, stats.currency, lang) : '—');
  return (
    <Card style={{ marginBottom: 16 }} loading={!stats} data-testid="coupon-stats">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6} xl={3}>
          <Figure title={t('coupon.stat.issued')} value={n(stats?.issued)} testId="coupon-stat-issued" />
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Figure title={t('coupon.stat.redeemed')} value={n(stats?.redeemed)} testId="coupon-stat-redeemed" />
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Figure title={t('coupon.stat.expired')} value={n(stats?.expired)} testId="coupon-stat-expired" />
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Figure title={t('coupon.stat.revoked')} value={n(stats?.revoked)} testId="coupon-stat-revoked" />
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Figure title={t('coupon.stat.outstanding')} value={n(stats?.outstanding)} testId="coupon-stat-outstanding" help={t('coupon.stat.outstandingHelp')} />
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Figure title={t('coupon.stat.rate')} value={formatPercent(stats?.redemptionRate, lang)} testId="coupon-stat-rate" help={t('coupon.list.rateHelp')} />
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Figure title={t('coupon.stat.gmv')} value={money(stats?.gmv)} testId="coupon-stat-gmv" help={t('coupon.stat.gmvHelp')} />
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Figure title={t('coupon.stat.discountTotal')} value={money(stats?.discountTotal)} testId="coupon-stat-discount" />
        </Col>
      </Row>
    </Card>
  );
}

function Terms({ template }: { template: CouponTemplate }) {
  const { tiers } = useLoyaltyTiers();
  const tr = useI18n();
  const { t, lang } = tr;
  return (
    <Card size="small" title={t('coupon.detail.terms')} style={{ marginBottom: 16 }}>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="coupon-terms">
        <Descriptions.Item label={t('coupon.col.terms')}>
          <Space size={4} wrap>
            <CouponKindTag kind={template.kind} />
            <span data-testid="coupon-terms-text">{describeTerms(tr, template)}</span>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('coupon.col.validity')}>{describeValidity(tr, template)}</Descriptions.Item>
        <Descriptions.Item label={t('coupon.col.stock')}>
          <span data-testid="coupon-terms-stock">{describeStock(tr, template, lang)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('coupon.field.perCustomerLimit')}>{formatNumber(template.perCustomerLimit, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('coupon.field.shops')}>
          {template.shopIds.length === 0 ? (
            t('coupon.scope.allShops')
          ) : (
            <Space size={[8, 4]} wrap>
              {template.shopIds.map((s) => (
                <ShopLabel key={s} shopId={s} />
              ))}
            </Space>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('coupon.field.categories')}>
          {template.categories.length === 0 ? (
            t('coupon.scope.allCategories')
          ) : (
            <Space size={[4, 4]} wrap>
              {template.categories.map((c) => (
                <Tag key={c}>{c}</Tag>
              ))}
            </Space>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('coupon.field.minTier')}>
          <span data-testid="coupon-detail-minTier">
            {template.minTier ? (tiers?.find((x) => x.code === template.minTier)?.name ?? template.minTier) : t('coupon.field.minTierNone')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('coupon.field.restoreOnCancel')}>{t(template.restoreOnCancel ? 'common.yes' : 'common.no')}</Descriptions.Item>
        <Descriptions.Item label={t('coupon.field.expiringNoticeDays')}>
          {template.expiringNoticeDays > 0 ? t('coupon.detail.noticeDays', { days: template.expiringNoticeDays }) : t('coupon.detail.noNotice')}
        </Descriptions.Item>
        <Descriptions.Item label={t('coupon.field.currency')}>
          <code>{template.currency}</code>
        </Descriptions.Item>
        <Descriptions.Item label={t('coupon.detail.created')}>
          {template.createdBy ? `${template.createdBy} · ` : ''}
          {formatDateTime(template.createdAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('coupon.detail.updated')}>
          {template.updatedBy ? `${template.updatedBy} · ` : ''}
          {formatDateTime(template.updatedAt)}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** One template: terms, figures, a daily chart, its coupons, and the actions (issue, edit, pause, archive). */
export default function CouponTemplatePage() {
  const { id = '' } = useParams<{ id: string }>();
  const tr = useI18n();
  const { t, lang } = tr;
  const { can } = useAuth();
  const manage = can('coupon.manage');
  const { message } = App.useApp();
  const showError = useApiError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  const [template, setTemplate] = useState<CouponTemplate | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [stats, setStats] = useState<TemplateStats | null>(null);
  const [tick, setTick] = useState(0);
  const [editing, setEditing] = useState<{ open: boolean; key: number }>({ open: false, key: 0 });
  const [issuing, setIssuing] = useState(false);
  const [changing, setChanging] = useState<TemplateStatus | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    couponTemplatesApi
      .get(id, controller.signal)
      .then((tpl) => !controller.signal.aborted && setTemplate(tpl))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        if (!(e instanceof ApiError && (e.status === 404 || e.status === 400))) showErrorRef.current(e);
      });
    couponTemplatesApi
      .stats(id, controller.signal)
      .then((s) => !controller.signal.aborted && setStats(s))
      .catch((e: unknown) => {
        if (!controller.signal.aborted && !(e instanceof ApiError && (e.status === 404 || e.status === 400))) showErrorRef.current(e);
      });
    return () => controller.abort();
  }, [id, tick]);

  const fetchCoupons = useCallback(
    (f: CouponFilter, p: PageRequest, signal: AbortSignal) => couponTemplatesApi.coupons(id, f, p, signal),
    [id],
  );
  const coupons = useCursorTable<Coupon, CouponFilter>(fetchCoupons, {});

  const refresh = useCallback(() => {
    setTick((n) => n + 1);
    coupons.reload({ silent: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const setStatus = (status: TemplateStatus) => {
    if (!template) return;
    setChanging(status);
    couponTemplatesApi
      .update(template.id, templateInputOf(template, { status }))
      .then((saved) => {
        setTemplate(saved);
        message.success(t('coupon.detail.statusChanged', { status: tr.tOr(`coupon.templateStatus.${status}`, status) }));
      })
      .catch(showError)
      .finally(() => setChanging(null));
  };

  const revoke = (c: Coupon) =>
    couponsApi
      .revoke(c.code)
      .then((updated) => {
        message.success(t('coupon.revoked', { code: updated.code }));
        coupons.replaceItem((x) => x.id === updated.id, updated);
        setTick((n) => n + 1);
      })
      .catch(showError);

  const back = (
    <Link to="/coupons" data-testid="coupon-back">
      <ArrowLeftOutlined /> {t('coupon.detail.back')}
    </Link>
  );

  if (!template || template.id !== id) {
    if (error) {
      const missing = error instanceof ApiError && (error.status === 404 || error.status === 400);
      return (
        <Result
          status={missing ? '404' : 'warning'}
          title={missing ? '404' : t('common.loadFailed')}
          subTitle={missing ? t('coupon.detail.notFound') : undefined}
          extra={
            <Space>
              {back}
              {!missing && (
                <Button type="primary" icon={<ReloadOutlined />} onClick={refresh}>
                  {t('common.retry')}
                </Button>
              )}
            </Space>
          }
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

  const columns: TableColumnsType<Coupon> = [
    {
      title: t('coupon.col.code'),
      dataIndex: 'code',
      render: (c: string) => (
        <Typography.Text copyable={{ text: c }} className="ll-mono" data-testid="coupon-code">
          {c}
        </Typography.Text>
      ),
    },
    {
      title: t('coupon.col.customer'),
      dataIndex: 'customerId',
      render: (cid: string) => (can('customer.read') ? <CustomerLink id={cid} /> : <span className="ll-mono">{cid}</span>),
    },
    { title: t('coupon.field.status'), dataIndex: 'status', render: (s: CouponStatus) => <CouponStatusTag status={s} /> },
    { title: t('coupon.col.issuedAt'), dataIndex: 'issuedAt', className: 'll-nowrap', render: formatDateTime },
    { title: t('coupon.col.validUntil'), dataIndex: 'validUntil', className: 'll-nowrap', render: formatDateTime },
    { title: t('coupon.col.redeemedAt'), dataIndex: 'redeemedAt', className: 'll-nowrap', render: formatDateTime },
    {
      title: t('coupon.col.order'),
      key: 'order',
      render: (_, c) =>
        c.redemption ? (
          <span className="ll-nowrap">
            <span className="ll-mono">{c.redemption.orderId}</span>
            <Typography.Text type="secondary">
              {' · '}
              {t('coupon.col.discountOf', { amount: formatMoney(c.redemption.discount, template.currency, lang) })}
              {c.redemption.freeShipping ? ` · ${t('coupon.freeShipping')}` : ''}
            </Typography.Text>
          </span>
        ) : (
          '—'
        ),
    },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) =>
        c.status === 'issued' ? (
          <Popconfirm title={t('coupon.revokeConfirm')} description={t('coupon.revokeHint')} onConfirm={() => revoke(c)} okButtonProps={{ danger: true }}>
            <Button size="small" type="link" danger icon={<StopOutlined />} data-testid="coupon-row-revoke">
              {t('coupon.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    });
  }

  const active = template.status === 'active';
  return (
    <>
      <div style={{ marginBottom: 8 }}>{back}</div>
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="coupon-template-name">{template.name}</span>
            <TemplateStatusTag status={template.status} />
          </Space>
        }
        subtitle={template.description ?? undefined}
        extra={
          <>
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('common.refresh')} data-testid="coupon-refresh" />
            </Tooltip>
            {manage && (
              <>
                <Tooltip title={active ? undefined : t('coupon.issue.notActive')}>
                  <Button type="primary" icon={<GiftOutlined />} disabled={!active} onClick={() => setIssuing(true)} data-testid="coupon-issue">
                    {t('coupon.issue.button')}
                  </Button>
                </Tooltip>
                <Button icon={<EditOutlined />} onClick={() => setEditing((e) => ({ open: true, key: e.key + 1 }))} data-testid="coupon-edit">
                  {t('common.edit')}
                </Button>
                {template.status === 'active' && (
                  <Button icon={<PauseCircleOutlined />} loading={changing === 'paused'} onClick={() => setStatus('paused')} data-testid="coupon-pause">
                    {t('coupon.action.pause')}
                  </Button>
                )}
                {template.status !== 'active' && (
                  <Button icon={<PlayCircleOutlined />} loading={changing === 'active'} onClick={() => setStatus('active')} data-testid="coupon-activate">
                    {t('coupon.action.activate')}
                  </Button>
                )}
                {template.status !== 'archived' && (
                  <Popconfirm title={t('coupon.action.archiveConfirm')} description={t('coupon.action.archiveHint')} onConfirm={() => setStatus('archived')}>
                    <Button icon={<InboxOutlined />} loading={changing === 'archived'} data-testid="coupon-archive">
                      {t('coupon.action.archive')}
                    </Button>
                  </Popconfirm>
                )}
              </>
            )}
          </>
        }
      />
      <Terms template={template} />
      <StatsCards stats={stats} />
      <Card size="small" title={t('coupon.detail.daily')} style={{ marginBottom: 16 }} loading={!stats}>
        {stats && <CouponDailyChart daily={stats.daily} />}
      </Card>
      <Card className="ll-table-card" title={t('coupon.detail.coupons')}>
        <Flex gap={8} wrap className="ll-filters">
          <Input.Search
            allowClear
            placeholder={t('coupon.detail.codeSearch')}
            style={{ width: 260 }}
            onSearch={(code) => coupons.setFilters((f) => ({ ...f, code: code.trim() || undefined }))}
            data-testid="coupon-code-search"
          />
          <Select
            allowClear
            placeholder={t('coupon.field.status')}
            style={{ width: 160 }}
            value={coupons.filters.status}
            options={COUPON_STATUSES.map((s) => ({ value: s, label: couponStatusLabel(tr, s) }))}
            onChange={(status?: CouponStatus) => coupons.setFilters((f) => ({ ...f, status }))}
            data-testid="coupon-filter-status"
          />
        </Flex>
        <Table<Coupon>
          rowKey="id"
          size="small"
          loading={coupons.loading}
          dataSource={coupons.items}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <TableEmpty
                error={coupons.error}
                onRetry={() => coupons.reload()}
                description={coupons.filters.code || coupons.filters.status ? t('coupon.detail.noMatch') : t('coupon.detail.noCoupons')}
              />
            ),
          }}
          data-testid="coupon-coupons"
        />
        <CursorPager table={coupons} />
      </Card>
      <TemplateFormDrawer
        key={editing.key}
        open={editing.open}
        template={template}
        onClose={() => setEditing((e) => ({ ...e, open: false }))}
        onSaved={(saved) => {
          setEditing((e) => ({ ...e, open: false }));
          setTemplate(saved);
          setTick((n) => n + 1);
        }}
      />
      {issuing && <IssueCouponsModal template={template} onClose={() => setIssuing(false)} onIssued={refresh} />}
    </>
  );
}
