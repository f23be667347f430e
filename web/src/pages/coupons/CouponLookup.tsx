import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Flex, Input, Popconfirm, Typography } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/api';
import { couponTemplatesApi, couponsApi, type Coupon } from '../../api/coupons';
import { useAuth } from '../../auth/AuthContext';
import { CustomerLink } from '../../components/CustomerLink';
import { ShopLabel } from '../../components/ShopLabel';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { formatMoney } from '../../lib/customer';
import { formatDateTime } from '../../lib/format';
import { CouponKindTag, CouponStatusTag } from './CouponTags';

/** One coupon, found by its code: status, validity and redemption, with Revoke for an issued one. */
export function CouponDetails({ coupon, currency, onRevoked }: { coupon: Coupon; currency?: string | null; onRevoked: (c: Coupon) => void }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const [revoking, setRevoking] = useState(false);
  const r = coupon.redemption;
  const revoke = () => {
    setRevoking(true);
    couponsApi
      .revoke(coupon.code)
      .then((c) => {
        message.success(t('coupon.revoked', { code: c.code }));
        onRevoked(c);
      })
      .catch(showError)
      .finally(() => setRevoking(false));
  };
  return (
    <div data-testid="coupon-lookup-result" data-code={coupon.code}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Flex align="center" gap={8} wrap>
          <Typography.Text strong copyable={{ text: coupon.code }} className="ll-mono" data-testid="coupon-lookup-code">
            {coupon.code}
          </Typography.Text>
          <CouponStatusTag status={coupon.status} />
          <CouponKindTag kind={coupon.kind} />
        </Flex>
        {can('coupon.manage') && coupon.status === 'issued' && (
          <Popconfirm title={t('coupon.revokeConfirm')} description={t('coupon.revokeHint')} onConfirm={revoke} okButtonProps={{ danger: true }}>
            <Button danger icon={<StopOutlined />} loading={revoking} data-testid="coupon-revoke">
              {t('coupon.revoke')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('coupon.col.template')}>
          <Link to={`/coupons/${encodeURIComponent(coupon.templateId)}`}>{coupon.templateName}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('coupon.col.customer')}>
          {can('customer.read') ? <CustomerLink id={coupon.customerId} /> : <span className="ll-mono">{coupon.customerId}</span>}
        </Descriptions.Item>
        <Descriptions.Item label={t('coupon.col.issuedAt')}>{formatDateTime(coupon.issuedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('coupon.col.validFrom')}>{formatDateTime(coupon.validFrom)}</Descriptions.Item>
        <Descriptions.Item label={t('coupon.col.validUntil')}>{formatDateTime(coupon.validUntil)}</Descriptions.Item>
        <Descriptions.Item label={t('coupon.col.redeemedAt')}>{formatDateTime(coupon.redeemedAt)}</Descriptions.Item>
        {coupon.expiredAt && <Descriptions.Item label={t('coupon.col.expiredAt')}>{formatDateTime(coupon.expiredAt)}</Descriptions.Item>}
        {coupon.revokedAt && (
          <Descriptions.Item label={t('coupon.col.revokedAt')}>
            <span data-testid="coupon-lookup-revokedAt">{formatDateTime(coupon.revokedAt)}</span>
          </Descriptions.Item>
        )}
        {r && (
          <>
            <Descriptions.Item label={t('coupon.col.shop')}>
              <ShopLabel shopId={r.shopId} />
            </Descriptions.Item>
            <Descriptions.Item label={t('coupon.col.order')}>
              <span className="ll-mono">{r.orderId}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('coupon.col.orderAmount')}>{formatMoney(r.orderAmount, currency, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('coupon.col.discount')}>
              {formatMoney(r.discount, currency, lang)}
              {r.freeShipping ? ` · ${t('coupon.freeShipping')}` : ''}
            </Descriptions.Item>
          </>
        )}
      </Descriptions>
    </div>
  );
}

/** Looks one coupon up by the code a customer reads out (any case, with or without dashes). */
export function CouponLookup({ onChanged }: { onChanged?: () => void }) {
  const { t } = useI18n();
  const showError = useApiError();
  const [coupon, setCoupon] = useState<Coupon | null>(null);
  const [currency, setCurrency] = useState<string | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const lookUp = (typed: string) => {
    const code = typed.trim();
    setMissing(null);
    if (!code) {
      setCoupon(null);
      return;
    }
    setLoading(true);
    couponsApi
      .byCode(code)
      .then((c) => {
        setCoupon(c);
        setCurrency(null);
        // the redemption's amounts are in the template's currency
        couponTemplatesApi
          .get(c.templateId)
          .then((tpl) => setCurrency(tpl.currency))
          .catch(() => undefined);
      })
      .catch((err: unknown) => {
        setCoupon(null);
        if (err instanceof ApiError && (err.status === 404 || err.status === 400)) setMissing(code);
        else showError(err);
      })
      .finally(() => setLoading(false));
  };

  return (
    <Card size="small" title={t('coupon.lookup.title')} style={{ marginBottom: 16 }} data-testid="coupon-lookup">
      <Input.Search
        allowClear
        enterButton={t('coupon.lookup.button')}
        placeholder={t('coupon.lookup.placeholder')}
        style={{ maxWidth: 480, marginBottom: coupon || missing ? 12 : 0 }}
        loading={loading}
        onSearch={lookUp}
        data-testid="coupon-lookup-input"
      />
      {missing && <Alert type="warning" showIcon message={t('coupon.lookup.notFound', { code: missing })} data-testid="coupon-lookup-missing" />}
      {coupon && (
        <CouponDetails
          coupon={coupon}
          currency={currency}
          onRevoked={(c) => {
            setCoupon(c);
            onChanged?.();
          }}
        />
      )}
    </Card>
  );
}
