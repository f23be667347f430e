import { Empty, Popover, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { ShoppingOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { CustomerEvent, CustomerOrder } from '../../api/types';
import { ORDER_STATUS_COLORS, OrderStatusTag } from '../../components/OrderStatusTag';
import { ShopLabel } from '../../components/ShopLabel';
import { useI18n } from '../../i18n/I18nProvider';
import { eventLabel, sourceLabel } from '../../i18n/labels';
import { buildTimeline, formatMoney, itemCount, shortId, summarizeProperties } from '../../lib/customer';
import { formatDateTime } from '../../lib/format';

/** antd Timeline takes preset names or CSS colours; the tag colours map onto these. */
const DOT_COLORS: Record<string, string> = {
  default: 'gray',
  blue: 'blue',
  cyan: '#13c2c2',
  geekblue: '#2f54eb',
  green: 'green',
  red: 'red',
  orange: '#fa8c16',
};

function OrderEntry({ order }: { order: CustomerOrder }) {
  const { t, lang } = useI18n();
  const count = itemCount(order);
  return (
    <div data-testid="timeline-order">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(order.orderedAt)}
      </Typography.Text>
      <div>
        <Space size={6} wrap>
          <Typography.Text strong>{t('timeline.order', { id: order.externalId || shortId(order.id) })}</Typography.Text>
          <OrderStatusTag status={order.status} />
          <span>{formatMoney(order.paidAmount ?? order.itemTotal, order.currency, lang)}</span>
          {count > 0 && <Typography.Text type="secondary">{t('order.itemCount', { count })}</Typography.Text>}
          <ShopLabel shopId={order.shopId} />
        </Space>
      </div>
      {order.items && order.items.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {order.items
            .slice(0, 3)
            .map((i) => `${i.productName || i.sku || '?'} × ${i.quantity}`)
            .join(lang === 'zh-CN' ? '，' : ', ')}
          {order.items.length > 3 ? ` ${t('timeline.more', { count: order.items.length - 3 })}` : ''}
        </Typography.Text>
      )}
    </div>
  );
}

function EventEntry({ event }: { event: CustomerEvent }) {
  const tr = useI18n();
  const { t } = tr;
  const { parts, more } = summarizeProperties(event.properties);
  return (
    <div data-testid="timeline-event">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(event.occurredAt)}
      </Typography.Text>
      <div>
        <Space size={6} wrap>
          <Tooltip title={<code>{event.type === 'custom' ? `custom: ${event.customName ?? ''}` : event.type}</code>}>
            <Tag color="purple" data-testid="timeline-event-type">
              {eventLabel(tr, event)}
            </Tag>
          </Tooltip>
          {event.shopId && <ShopLabel shopId={event.shopId} />}
          {event.source && <Typography.Text type="secondary">{sourceLabel(tr, event.source)}</Typography.Text>}
        </Space>
      </div>
      {parts.length > 0 && (
        <Popover
          title={t('timeline.properties')}
          content={
            <pre style={{ margin: 0, maxWidth: 480, maxHeight: 360, overflow: 'auto', fontSize: 12 }}>
              {JSON.stringify(event.properties, null, 2)}
            </pre>
          }
        >
          <Typography.Text type="secondary" style={{ fontSize: 13, cursor: 'help' }}>
            {parts.join(' · ')}
            {more > 0 ? ` ${t('timeline.more', { count: more })}` : ''}
          </Typography.Text>
        </Popover>
      )}
    </div>
  );
}

/** Recent orders and events interleaved by time, newest first. */
export function CustomerTimeline({
  orders,
  events,
}: {
  orders: CustomerOrder[] | null | undefined;
  events: CustomerEvent[] | null | undefined;
}) {
  const { t } = useI18n();
  const entries = buildTimeline(orders, events);
  if (entries.length === 0) return <Empty description={t('customer.noEvents')} data-testid="customer-timeline-empty" />;
  return (
    <div data-testid="customer-timeline" style={{ paddingTop: 8 }}>
      <Timeline
        items={entries.map((e) =>
          e.kind === 'order'
            ? {
                key: e.key,
                color: DOT_COLORS[ORDER_STATUS_COLORS[e.order.status] ?? 'default'] ?? 'gray',
                dot: <ShoppingOutlined />,
                children: <OrderEntry order={e.order} />,
              }
            : {
                key: e.key,
                color: '#722ed1',
                dot: <ThunderboltOutlined />,
                children: <EventEntry event={e.event} />,
              },
        )}
      />
    </div>
  );
}
