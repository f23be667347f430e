import { Link } from 'react-router-dom';
import { Card, Table, Typography } from 'antd';
import { couponsApi, type Coupon, type CouponStatus } from '../../api/coupons';
import type { CursorPage } from '../../api/types';
import { RefreshButton } from '../../components/RefreshButton';
import { useFetched } from '../../hooks/useFetched';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { CouponStatusTag } from '../coupons/CouponTags';

const SHOWN = 20;

/** The coupons a customer holds or held (newest first), on the 360° page. */
export function CustomerCouponsCard({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const { data: page, reload } = useFetched(
    (signal) => couponsApi.ofCustomer(customerId, SHOWN, signal),
    customerId,
    { items: [], nextCursor: null } as CursorPage<Coupon>,
    true,
  );
  const items = page?.items ?? null;
  const more = !!page?.nextCursor;

  return (
    <Card
      size="small"
      title={t('customerCoupons.title')}
      style={{ marginBottom: 16 }}
      data-testid="customer-coupons"
      extra={<RefreshButton size="small" type="text" onClick={reload} />}
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
