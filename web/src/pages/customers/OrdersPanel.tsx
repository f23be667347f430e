import { Card, Col, Empty, Flex, Row, Space, Statistic, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import type { CustomerOrder, CustomerOrderSummary, OrderItem } from '../../api/types';
import { OrderStatusTag } from '../../components/OrderStatusTag';
import { ShopLabel } from '../../components/ShopLabel';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { formatMoney, itemCount, shopStatsRows, shortId, toAmount, type ShopStatsRow } from '../../lib/customer';

function Kpi({ title, value, testId }: { title: string; value: string | number; testId: string }) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic title={title} value={value} data-testid={testId} valueStyle={{ fontSize: 20 }} />
    </Card>
  );
}

type ItemRow = OrderItem & { rowKey: string };

function ItemsTable({ order }: { order: CustomerOrder }) {
  const { t, lang } = useI18n();
  const money = (v: OrderItem['amount']) => formatMoney(v, order.currency, lang);
  const columns: TableColumnsType<ItemRow> = [
    { title: t('order.item.sku'), dataIndex: 'sku', key: 'sku', render: (v: string | null) => (v ? <code>{v}</code> : '—') },
    { title: t('order.item.product'), dataIndex: 'productName', key: 'productName', render: (v: string | null) => v || '—' },
    { title: t('order.item.category'), dataIndex: 'category', key: 'category', render: (v: string | null) => v || '—' },
    { title: t('order.item.quantity'), dataIndex: 'quantity', key: 'quantity', align: 'right' },
    { title: t('order.item.unitPrice'), dataIndex: 'unitPrice', key: 'unitPrice', align: 'right', render: money },
    { title: t('order.item.amount'), dataIndex: 'amount', key: 'amount', align: 'right', render: money },
  ];
  const hasDiscount = (toAmount(order.discount) ?? 0) !== 0;
  const hasShipping = (toAmount(order.shipping) ?? 0) !== 0;
  return (
    <Table<ItemRow>
      rowKey="rowKey"
      size="small"
      columns={columns}
      dataSource={(order.items ?? []).map((i, n) => ({ ...i, rowKey: `${n}-${i.sku ?? ''}` }))}
      pagination={false}
      footer={
        hasDiscount || hasShipping
          ? () => (
              <Space size="large" data-testid="order-adjustments">
                {hasDiscount && (
                  <span>
                    {t('order.discount')}: {formatMoney(order.discount, order.currency, lang)}
                  </span>
                )}
                {hasShipping && (
                  <span>
                    {t('order.shipping')}: {formatMoney(order.shipping, order.currency, lang)}
                  </span>
                )}
              </Space>
            )
          : undefined
      }
      data-testid="order-items"
    />
  );
}

/** The order summary (KPIs, per shop) and the recent orders with their items; empty until the server sends them. */
export function OrdersPanel({
  summary,
  orders,
}: {
  summary: CustomerOrderSummary | null | undefined;
  orders: CustomerOrder[] | null | undefined;
}) {
  const { t, lang } = useI18n();
  const list = orders ?? [];

  if (!summary && list.length === 0) {
    return <Empty description={t('customer.noOrders')} data-testid="customer-orders-empty" />;
  }

  const currency = summary?.currency ?? null;
  const shopRows = summary ? shopStatsRows(summary, list) : [];
  const shopColumns: TableColumnsType<ShopStatsRow> = [
    { title: t('order.col.shop'), dataIndex: 'shopId', key: 'shopId', render: (id: string) => <ShopLabel shopId={id} /> },
    { title: t('customer.kpi.orderCount'), dataIndex: 'orderCount', key: 'orderCount', align: 'right' },
    {
      title: t('customer.kpi.totalSpent'),
      dataIndex: 'totalSpent',
      key: 'totalSpent',
      align: 'right',
      render: (v: ShopStatsRow['totalSpent'], row) => formatMoney(v, row.currency, lang),
    },
  ];

  const orderColumns: TableColumnsType<CustomerOrder> = [
    {
      title: t('order.col.orderedAt'),
      dataIndex: 'orderedAt',
      key: 'orderedAt',
      className: 'll-nowrap',
      render: formatDateTime,
    },
    {
      title: t('order.col.externalId'),
      key: 'externalId',
      render: (_, o) => <code>{o.externalId || shortId(o.id)}</code>,
    },
    { title: t('order.col.shop'), dataIndex: 'shopId', key: 'shopId', render: (id: string | null) => <ShopLabel shopId={id} /> },
    { title: t('order.col.status'), dataIndex: 'status', key: 'status', render: (s: string) => <OrderStatusTag status={s} /> },
    {
      title: (
        <Tooltip title={t('order.col.receiverHelp')}>
          {t('order.col.receiver')} <LockOutlined />
        </Tooltip>
      ),
      dataIndex: 'receiverMasked',
      key: 'receiver',
      render: (v: string | null | undefined) =>
        v ? (
          <Typography.Text className="ll-mono" style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid="order-receiver">
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('order.col.items'),
      key: 'items',
      align: 'right',
      render: (_, o) => (o.items?.length ? t('order.itemCount', { count: itemCount(o) }) : '—'),
    },
    {
      title: t('order.col.itemTotal'),
      dataIndex: 'itemTotal',
      key: 'itemTotal',
      align: 'right',
      className: 'll-nowrap',
      render: (v: CustomerOrder['itemTotal'], o) => formatMoney(v, o.currency ?? currency, lang),
    },
    {
      title: t('order.col.paid'),
      dataIndex: 'paidAmount',
      key: 'paidAmount',
      align: 'right',
      className: 'll-nowrap',
      render: (v: CustomerOrder['paidAmount'], o) => <strong>{formatMoney(v, o.currency ?? currency, lang)}</strong>,
    },
    {
      title: t('order.col.refunded'),
      dataIndex: 'refundedAmount',
      key: 'refundedAmount',
      align: 'right',
      className: 'll-nowrap',
      render: (v: CustomerOrder['refundedAmount'], o) =>
        (toAmount(v) ?? 0) > 0 ? (
          <Typography.Text type="danger">{formatMoney(v, o.currency ?? currency, lang)}</Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      {summary && (
        <Row gutter={[16, 16]} data-testid="customer-kpis">
          <Col xs={12} md={8} xl={4}>
            <Kpi title={t('customer.kpi.orderCount')} value={summary.orderCount} testId="kpi-orderCount" />
          </Col>
          <Col xs={12} md={8} xl={5}>
            <Kpi title={t('customer.kpi.totalSpent')} value={formatMoney(summary.totalSpent, currency, lang)} testId="kpi-totalSpent" />
          </Col>
          <Col xs={12} md={8} xl={5}>
            <Kpi title={t('customer.kpi.aov')} value={formatMoney(summary.averageOrderValue, currency, lang)} testId="kpi-aov" />
          </Col>
          <Col xs={12} md={12} xl={5}>
            <Kpi title={t('customer.kpi.firstOrder')} value={formatDateTime(summary.firstOrderAt)} testId="kpi-firstOrder" />
          </Col>
          <Col xs={24} md={12} xl={5}>
            <Kpi title={t('customer.kpi.lastOrder')} value={formatDateTime(summary.lastOrderAt)} testId="kpi-lastOrder" />
          </Col>
        </Row>
      )}
      {shopRows.length > 0 && (
        <Card size="small" title={t('customer.shopsBreakdown')}>
          <Table<ShopStatsRow>
            rowKey="key"
            size="small"
            columns={shopColumns}
            dataSource={shopRows}
            pagination={false}
            data-testid="customer-shop-stats"
          />
        </Card>
      )}
      <Card size="small" title={t('customer.ordersTitle')}>
        <Table<CustomerOrder>
          rowKey="id"
          size="middle"
          columns={orderColumns}
          dataSource={list}
          pagination={list.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          expandable={{
            expandedRowRender: (o) => <ItemsTable order={o} />,
            rowExpandable: (o) => (o.items?.length ?? 0) > 0,
          }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.noOrders')} /> }}
          data-testid="customer-orders"
        />
      </Card>
    </Flex>
  );
}
