import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Result, Space, Spin, Tabs, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, EyeOutlined, LockOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/api';
import { customersApi } from '../../api/services';
import type { CustomerView } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { CustomerPredictionsCard } from '../../components/CustomerPredictionsCard';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { genderLabel, sourceLabel } from '../../i18n/labels';
import { importIdOfSource, regionText, shortId } from '../../lib/customer';
import { formatDateTime } from '../../lib/format';
import { CustomerMetricsCard } from './CustomerMetricsCard';
import { CustomerTimeline } from './CustomerTimeline';
import { IdentitiesTable } from './IdentitiesTable';
import { CustomerMessagesCard } from './CustomerMessagesCard';
import { MergeHistory } from './MergeHistory';
import { OrdersPanel } from './OrdersPanel';
import { CustomerTagsCard } from './CustomerTagsCard';
import { CustomerCouponsCard } from './CustomerCouponsCard';
import { CustomerLoyaltyCard } from './CustomerLoyaltyCard';
import { CustomerJourneysCard } from './CustomerJourneysCard';

/** Route state when the console replaced a merged-away id by its survivor. */
interface MergedState {
  mergedFrom?: string;
}

function isNotFound(err: unknown): boolean {
  // 400: not a UUID at all
  return err instanceof ApiError && (err.status === 404 || err.status === 400);
}

/** The 360° view of one customer: profile, orders and events, identities, merges and open conflicts. */
export default function CustomerPage() {
  const tr = useI18n();
  const { t } = tr;
  const { id = '' } = useParams<{ id: string }>();
  const location = useLocation();
  const navigate = useNavigate();
  const { can } = useAuth();
  const showError = useApiError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  const mergedFrom = (location.state as MergedState | null)?.mergedFrom;

  const [view, setView] = useState<CustomerView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  // the survivor's view fetched through a merged-away id, handed over to the survivor's route (no second fetch)
  const handoff = useRef<CustomerView | null>(null);

  useEffect(() => {
    const handed = handoff.current;
    if (handed?.id === id) {
      setView(handed);
      setError(null);
      return undefined;
    }
    handoff.current = null;
    const controller = new AbortController();
    setError(null);
    customersApi
      .get(id, controller.signal)
      .then((v) => {
        if (controller.signal.aborted) return;
        if (v.id !== id) {
          // the server answered 307 to the survivor and fetch followed it
          handoff.current = v;
          navigate(`/customers/${encodeURIComponent(v.id)}`, { replace: true, state: { mergedFrom: id } satisfies MergedState });
          return;
        }
        setView(v);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err);
        if (!isNotFound(err)) showErrorRef.current(err);
      });
    return () => controller.abort();
  }, [id, tick, navigate]);

  const refresh = () => {
    handoff.current = null;
    setTick((n) => n + 1);
  };

  const back = (
    <Link to="/customers" data-testid="customer-back">
      <ArrowLeftOutlined /> {t('customer.back')}
    </Link>
  );

  const current = view?.id === id ? view : null;

  if (!current && error) {
    return isNotFound(error) ? (
      <div data-testid="customer-not-found">
        <Result status="404" title="404" subTitle={t('customer.notFound')} extra={back} />
      </div>
    ) : (
      <Result
        status="warning"
        title={t('common.loadFailed')}
        extra={
          <Space>
            {back}
            <Button type="primary" icon={<ReloadOutlined />} onClick={refresh}>
              {t('common.retry')}
            </Button>
          </Space>
        }
      />
    );
  }

  if (!current) {
    return (
      <>
        <div style={{ marginBottom: 8 }}>{back}</div>
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      </>
    );
  }

  const v = current;
  const sourceImport = importIdOfSource(v.source);
  const hasOrders = !!v.summary || (v.recentOrders?.length ?? 0) > 0;
  const name = v.displayName?.trim() || t('customers.unnamed');

  return (
    <>
      <div style={{ marginBottom: 8 }}>{back}</div>
      {mergedFrom && mergedFrom !== v.id && (
        <Alert
          type="info"
          showIcon
          closable
          style={{ marginBottom: 16 }}
          message={t('customer.mergedBanner', { id: shortId(mergedFrom), name })}
          data-testid="customer-merged-banner"
        />
      )}
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="customer-name">{name}</span>
            {v.piiVisible ? (
              <Tooltip title={t('customer.piiVisibleHint')}>
                <Tag color="gold" icon={<EyeOutlined />} data-testid="customer-pii-visible">
                  {t('customer.piiVisible')}
                </Tag>
              </Tooltip>
            ) : (
              <Tag icon={<LockOutlined />} data-testid="customer-pii-masked">
                {t('customer.piiMaskedTag')}
              </Tag>
            )}
          </Space>
        }
        subtitle={v.piiVisible ? undefined : t('customer.piiMasked')}
        extra={
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('common.refresh')} />
          </Tooltip>
        }
      />
      {v.openConflicts.length > 0 && (
        <Alert
          type="warning"
          showIcon
          icon={<WarningOutlined />}
          style={{ marginBottom: 16 }}
          data-testid="customer-conflicts"
          message={
            <Space size={[8, 4]} wrap>
              <span>{t('customer.conflicts', { count: v.openConflicts.length })}</span>
              {v.openConflicts.map((c) => (
                <Link key={c} to={`/identity-conflicts?highlight=${c}`} data-testid="customer-conflict-link">
                  {t('customer.conflictLink', { id: c })}
                </Link>
              ))}
            </Space>
          }
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3, xxl: 4 }} data-testid="customer-profile">
          <Descriptions.Item label={t('customer.field.gender')}>
            {v.gender ? genderLabel(tr, v.gender) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('customer.field.birthday')}>{v.birthday || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('customer.field.region')}>{regionText(v.province, v.city) ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('customer.field.realName')}>{v.realName || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('customer.field.firstSeen')}>{formatDateTime(v.firstSeenAt)}</Descriptions.Item>
          <Descriptions.Item label={t('customer.field.lastSeen')}>{formatDateTime(v.lastSeenAt)}</Descriptions.Item>
          <Descriptions.Item label={t('customer.field.source')}>
            {v.source ? (
              sourceImport && can('order.read') ? (
                <Link to={`/imports/${encodeURIComponent(sourceImport)}`} data-testid="customer-source-import">
                  {sourceLabel(tr, v.source)} {shortId(sourceImport)}
                </Link>
              ) : (
                sourceLabel(tr, v.source)
              )
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('customer.field.id')}>
            <Typography.Text copyable={{ text: v.id }} className="ll-mono">
              {shortId(v.id)}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {/* metrics, RFM and lifecycle (segment module) */}
      <CustomerMetricsCard customerId={v.id} />
      <CustomerTagsCard customerId={v.id} />
      {/* membership (loyalty module) */}
      {can('loyalty.read') && <CustomerLoyaltyCard customerId={v.id} />}
      {/* messages received (messaging module) */}
      <CustomerMessagesCard customerId={v.id} />
      {/* --- CLV predictions: feature/clv --- */}
      {can('analytics.read') && <CustomerPredictionsCard customerId={v.id} />}
      {/* coupons (coupon module) */}
      {can('coupon.read') && <CustomerCouponsCard customerId={v.id} />}
      {/* journeys joined (journey module) */}
      {can('journey.read') && <CustomerJourneysCard customerId={v.id} />}
      <Card>
        <Tabs
          key={v.id}
          defaultActiveKey={hasOrders ? 'orders' : 'identities'}
          data-testid="customer-tabs"
          items={[
            {
              key: 'orders',
              label: <span data-testid="customer-tab-orders">{t('customer.tab.orders')}</span>,
              children: <OrdersPanel summary={v.summary} orders={v.recentOrders} />,
            },
            {
              key: 'timeline',
              label: <span data-testid="customer-tab-timeline">{t('customer.tab.timeline')}</span>,
              children: <CustomerTimeline orders={v.recentOrders} events={v.recentEvents} />,
            },
            {
              key: 'identities',
              label: (
                <span data-testid="customer-tab-identities">
                  {t('customer.tab.identities', { count: v.identities.length })}
                </span>
              ),
              children: <IdentitiesTable customerId={v.id} identities={v.identities} />,
            },
            {
              key: 'merges',
              label: <span data-testid="customer-tab-merges">{t('customer.tab.merges', { count: v.merges.length })}</span>,
              children: <MergeHistory customerId={v.id} merges={v.merges} onChanged={refresh} />,
            },
          ]}
        />
      </Card>
    </>
  );
}
