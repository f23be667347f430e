import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Table, Typography } from 'antd';
import { deliveriesApi, type Delivery, type Purpose } from '../../api/messaging';
import type { CursorPage } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { RefreshButton } from '../../components/RefreshButton';
import { useFetched } from '../../hooks/useFetched';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { DeliveryDrawer, DeliveryStatusCell, deliveryTitle } from '../messaging/DeliveriesPage';
import { PurposeTag } from '../messaging/MessagingTags';

const SHOWN = 20;

/** The messages a customer was sent (or that were skipped), newest first, on the 360° page. */
export function CustomerMessagesCard({ customerId }: { customerId: string }) {
  const { t, tOr } = useI18n();
  const { can } = useAuth();
  const { data, reload } = useFetched<CursorPage<Delivery>>(
    (signal) => deliveriesApi.ofCustomer(customerId, SHOWN, signal),
    customerId,
    { items: [], nextCursor: null },
    true,
  );
  const [open, setOpen] = useState<string | null>(null);
  const log = can('messaging.read');
  return (
    <Card
      size="small"
      title={t('customerMessages.title')}
      style={{ marginBottom: 16 }}
      data-testid="customer-messages"
      extra={
        <>
          {log && (
            <Link to={`/messaging/deliveries?customerId=${encodeURIComponent(customerId)}`} style={{ marginRight: 8 }} data-testid="customer-messages-log">
              {t('customerMessages.all')}
            </Link>
          )}
          <RefreshButton size="small" type="text" onClick={reload} />
        </>
      }
    >
      <Table<Delivery>
        size="small"
        rowKey="id"
        loading={data === null}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('customerMessages.none') }}
        columns={[
          { title: t('msg.col.createdAt'), dataIndex: 'createdAt', className: 'll-nowrap', render: formatDateTime },
          {
            title: t('msg.col.channel'),
            key: 'channel',
            render: (_, d) => (
              <>
                {tOr(`msg.kind.${d.channel}`, d.channel)} <PurposeTag purpose={d.purpose as Purpose} />
              </>
            ),
          },
          {
            title: t('msg.col.content'),
            key: 'content',
            render: (_, d) =>
              log ? (
                <Typography.Link onClick={() => setOpen(d.id)} data-testid="customer-message-open">
                  {deliveryTitle(d) || t('common.details')}
                </Typography.Link>
              ) : (
                deliveryTitle(d)
              ),
          },
          { title: t('msg.delivery.status'), key: 'status', render: (_, d) => <DeliveryStatusCell d={d} /> },
          { title: t('msg.delivery.openedAt'), dataIndex: 'openedAt', className: 'll-nowrap', render: formatDateTime },
        ]}
      />
      {data?.nextCursor && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('customerMessages.latest', { count: SHOWN })}
        </Typography.Text>
      )}
      {open && <DeliveryDrawer deliveryId={open} onClose={() => setOpen(null)} onChanged={reload} />}
    </Card>
  );
}
