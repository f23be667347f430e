import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Table, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/api';
import { couponsApi, type Coupon, type CouponStatus } from '../../api/coupons';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { CouponStatusTag } from '../coupons/CouponTags';

const SHOWN = 20;

/** The coupons a customer holds or held (newest first), on the 360° page. */
export function CustomerCouponsCard({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const showError = useApiError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  const [items, setItems] = useState<Coupon[] | null>(null);
  const [more, setMore] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    couponsApi
      .ofCustomer(customerId, SHOWN, controller.signal)
      .then((page) => {
        if (controller.signal.aborted) return;
        setItems(page.items);
        setMore(!!page.nextCursor);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setItems([]);
        // the page itself says when the customer does not exist
        if (!(err instanceof ApiError && err.status === 404)) showErrorRef.current(err);
      });
    return () => controller.abort();
  }, [customerId, tick]);

  return (
    <Card
      size="small"
      title={t('customerCoupons.title')}
      style={{ marginBottom: 16 }}
      data-testid="customer-coupons"
      extra={
        <Tooltip title={t('common.refresh')}>
          <Button size="small" type="text" icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} aria-label={t('common.refresh')} />
        </Tooltip>
      }
    >
      <Table<Coupon>
        size="small"
        rowKey="id"
        loading={items === null}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: t('customerCoupons.none') }}
        columns={[
          {
            title: t('coupon.col.code'),
            dataIndex: 'code',
            render: (c: string) => (
              <Typography.Text copyable={{ text: c }} className="ll-mono" data-testid="customer-coupon-code">
                {c}
              </Typography.Text>
            ),
          },
          {
            title: t('coupon.col.template'),
            key: 'template',
            render: (_, c) => <Link to={`/coupons/${encodeURIComponent(c.templateId)}`}>{c.templateName}</Link>,
          },
          { title: t('coupon.field.status'), dataIndex: 'status', render: (s: CouponStatus) => <CouponStatusTag status={s} /> },
          { title: t('coupon.col.validUntil'), dataIndex: 'validUntil', className: 'll-nowrap', render: formatDateTime },
          { title: t('coupon.col.redeemedAt'), dataIndex: 'redeemedAt', className: 'll-nowrap', render: formatDateTime },
        ]}
      />
      {more && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('customerCoupons.latest', { count: SHOWN })}
        </Typography.Text>
      )}
    </Card>
  );
}
