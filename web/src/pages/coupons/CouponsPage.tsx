import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Col, Flex, Input, Row, Select, Statistic, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, GiftOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  TEMPLATE_STATUSES,
  couponTemplatesApi,
  couponsApi,
  type CouponTemplate,
  type CouponsOverview,
  type TemplateFilter,
} from '../../api/coupons';
import type { PageRequest } from '../../api/services';
import { useAuth } from '../../auth/AuthContext';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { TableEmpty } from '../../components/TableEmpty';
import { useApiError } from '../../hooks/useApiError';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useI18n } from '../../i18n/I18nProvider';
import { templateStatusLabel } from '../../i18n/labels';
import { describeStock, describeTerms, describeValidity, formatPercent, redemptionRate } from '../../lib/coupons';
import { formatMoney } from '../../lib/customer';
import { formatNumber } from '../../lib/format';
import { DEFAULT_CURRENCY } from '../../lib/shops';
import { CouponFunnel } from './CouponCharts';
import { CouponLookup } from './CouponLookup';
import { CouponKindTag, TemplateStatusTag } from './CouponTags';
import { IssueCouponsModal } from './IssueCouponsModal';
import { TemplateFormDrawer } from './TemplateFormDrawer';

/** One figure of the overview; `testId` sits on the value. */
function Figure({ title, value, testId }: { title: string; value: string; testId: string }) {
  return <Statistic title={title} value={value} valueRender={(node) => <span data-testid={testId}>{node}</span>} />;
}

/** All templates' totals and the issued → redeemed funnel. */
function Overview({ data }: { data: CouponsOverview | null }) {
  const { t, lang } = useI18n();
  const n = (v: number | undefined) => (v === undefined ? '—' : formatNumber(v, lang));
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} xl={14}>
        <Card style={{ height: '100%' }} loading={!data} data-testid="coupons-overview">
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Figure title={t('coupon.stat.templates')} value={n(data?.templates)} testId="coupons-overview-templates" />
            </Col>
            <Col xs={12} md={6}>
              <Figure title={t('coupon.stat.issued')} value={n(data?.issued)} testId="coupons-overview-issued" />
            </Col>
            <Col xs={12} md={6}>
              <Figure title={t('coupon.stat.redeemed')} value={n(data?.redeemed)} testId="coupons-overview-redeemed" />
            </Col>
            <Col xs={12} md={6}>
              <Figure title={t('coupon.stat.expired')} value={n(data?.expired)} testId="coupons-overview-expired" />
            </Col>
            <Col xs={12} md={6}>
              <Figure title={t('coupon.stat.outstanding')} value={n(data?.outstanding)} testId="coupons-overview-outstanding" />
            </Col>
            <Col xs={12} md={6}>
              <Figure title={t('coupon.stat.rate')} value={formatPercent(data?.redemptionRate, lang)} testId="coupons-overview-rate" />
            </Col>
            <Col xs={24} md={12}>
              <Tooltip title={t('coupon.stat.gmvHelp')}>
                <div>
                  <Figure
                    title={t('coupon.stat.gmv')}
                    value={data ? formatMoney(data.gmv, DEFAULT_CURRENCY, lang) : '—'}
                    testId="coupons-overview-gmv"
                  />
                </div>
              </Tooltip>
            </Col>
          </Row>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('coupon.funnel.title')} style={{ height: '100%' }} loading={!data}>
          {data && <CouponFunnel issued={data.issued} redeemed={data.redeemed} expired={data.expired} />}
        </Card>
      </Col>
    </Row>
  );
}

/** Coupon templates: overview, funnel, code lookup and the list with issue and edit. */
export default function CouponsPage() {
  const tr = useI18n();
  const { t, lang } = tr;
  const { can } = useAuth();
  const manage = can('coupon.manage');
  const showError = useApiError();
  const [overview, setOverview] = useState<CouponsOverview | null>(null);
  const [drawer, setDrawer] = useState<{ open: boolean; template: CouponTemplate | null; key: number }>({ open: false, template: null, key: 0 });
  const [issueFor, setIssueFor] = useState<CouponTemplate | null>(null);

  const fetchPage = useCallback(
    (f: TemplateFilter, p: PageRequest, signal: AbortSignal) => couponTemplatesApi.list(f, p, signal),
    [],
  );
  const table = useCursorTable<CouponTemplate, TemplateFilter>(fetchPage, {});

  const loadOverview = useCallback(() => {
    couponsApi.overview().then(setOverview).catch(showError);
  }, [showError]);
  useEffect(loadOverview, [loadOverview]);

  const refresh = () => {
    loadOverview();
    table.reload({ silent: true });
  };

  const openDrawer = (template: CouponTemplate | null) => setDrawer((d) => ({ open: true, template, key: d.key + 1 }));
  const closeDrawer = () => setDrawer((d) => ({ ...d, open: false }));

  const columns: TableColumnsType<CouponTemplate> = [
    {
      title: t('coupon.field.name'),
      key: 'name',
      render: (_, tpl) => (
        <Link to={`/coupons/${encodeURIComponent(tpl.id)}`} data-testid="coupon-template-link">
          {tpl.name}
        </Link>
      ),
    },
    { title: t('coupon.field.kind'), dataIndex: 'kind', render: (k: CouponTemplate['kind']) => <CouponKindTag kind={k} /> },
    { title: t('coupon.col.terms'), key: 'terms', render: (_, tpl) => <span data-testid="coupon-template-terms">{describeTerms(tr, tpl)}</span> },
    { title: t('coupon.col.validity'), key: 'validity', render: (_, tpl) => describeValidity(tr, tpl) },
    {
      title: t('coupon.col.stock'),
      key: 'stock',
      align: 'right',
      className: 'll-nowrap',
      render: (_, tpl) => <span data-testid="coupon-template-stock">{describeStock(tr, tpl, lang)}</span>,
    },
    {
      title: t('coupon.stat.redeemed'),
      dataIndex: 'redeemed',
      align: 'right',
      render: (v: number) => <span data-testid="coupon-template-redeemed">{formatNumber(v, lang)}</span>,
    },
    {
      title: t('coupon.stat.rate'),
      key: 'rate',
      align: 'right',
      render: (_, tpl) => <span data-testid="coupon-template-rate">{formatPercent(redemptionRate(tpl.redeemed, tpl.issued), lang)}</span>,
    },
    { title: t('coupon.field.status'), dataIndex: 'status', render: (s: CouponTemplate['status']) => <TemplateStatusTag status={s} /> },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, tpl) => (
        <Flex gap={4}>
          <Tooltip title={tpl.status !== 'active' ? t('coupon.issue.notActive') : undefined}>
            <Button
              size="small"
              icon={<GiftOutlined />}
              disabled={tpl.status !== 'active'}
              onClick={() => setIssueFor(tpl)}
              data-testid="coupon-template-issue"
            >
              {t('coupon.issue.button')}
            </Button>
          </Tooltip>
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => openDrawer(tpl)} data-testid="coupon-template-edit">
            {t('common.edit')}
          </Button>
        </Flex>
      ),
    });
  }

  const filtered = !!table.filters.q || !!table.filters.status;
  return (
    <>
      <PageHeader
        title={t('coupon.list.title')}
        subtitle={t('coupon.list.subtitle')}
        extra={
          <>
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('common.refresh')} />
            </Tooltip>
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => openDrawer(null)} data-testid="coupons-new">
                {t('coupon.new')}
              </Button>
            )}
          </>
        }
      />
      <Overview data={overview} />
      <CouponLookup onChanged={refresh} />
      <Card className="ll-table-card">
        <Flex gap={8} wrap className="ll-filters">
          <Input.Search
            allowClear
            placeholder={t('coupon.list.search')}
            style={{ width: 260 }}
            onSearch={(q) => table.setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
            data-testid="coupons-search"
          />
          <Select
            allowClear
            placeholder={t('coupon.field.status')}
            style={{ width: 160 }}
            value={table.filters.status}
            options={TEMPLATE_STATUSES.map((s) => ({ value: s, label: templateStatusLabel(tr, s) }))}
            onChange={(status?: CouponTemplate['status']) => table.setFilters((f) => ({ ...f, status }))}
            data-testid="coupons-filter-status"
          />
        </Flex>
        <Table<CouponTemplate>
          rowKey="id"
          size="middle"
          loading={table.loading}
          dataSource={table.items}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(tpl) => (tpl.status === 'archived' ? 'll-row-muted' : '')}
          locale={{
            emptyText: (
              <TableEmpty
                error={table.error}
                onRetry={() => table.reload()}
                description={filtered ? t('coupon.list.noMatch') : t(manage ? 'coupon.list.emptyManage' : 'coupon.list.empty')}
              />
            ),
          }}
          data-testid="coupons-table"
        />
        <CursorPager table={table} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('coupon.list.rateHelp')}
        </Typography.Text>
      </Card>
      <TemplateFormDrawer
        key={drawer.key}
        open={drawer.open}
        template={drawer.template}
        onClose={closeDrawer}
        onSaved={(saved, created) => {
          closeDrawer();
          if (created) loadOverview();
          table.replaceItem((x) => x.id === saved.id, saved);
          table.reload({ silent: true });
        }}
      />
      {issueFor && (
        <IssueCouponsModal
          template={issueFor}
          onClose={() => setIssueFor(null)}
          onIssued={refresh}
        />
      )}
    </>
  );
}
