import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Drawer, Spin, Typography, type TableColumnsType } from 'antd';
import { RedoOutlined } from '@ant-design/icons';
import {
  CHANNEL_KINDS,
  DELIVERY_STATUSES,
  deliveriesApi,
  type Delivery,
  type DeliveryFilter,
  type DeliveryStatus,
  type Purpose,
} from '../../api/messaging';
import type { PageRequest } from '../../api/services';
import { useAuth } from '../../auth/AuthContext';
import { CursorTableCard } from '../../components/CursorTable';
import { CustomerLink } from '../../components/CustomerLink';
import { CustomerPicker } from '../../components/CustomerPicker';
import { PageHeader } from '../../components/PageHeader';
import { RefreshButton } from '../../components/RefreshButton';
import { TableFilterSelect, TableSearch } from '../../components/TableFilters';
import { useApiError } from '../../hooks/useApiError';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useFetched } from '../../hooks/useFetched';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { DeliveryChart } from './DeliveryChart';
import { MessagingNav } from './MessagingNav';
import { DeliveryStatusTag, PurposeTag } from './MessagingTags';

/** Whether a delivery can be queued again by hand (`:retry`: dead, or failed for good). */
export const retryable = (d: Delivery): boolean => d.status === 'dead' || (d.status === 'failed' && !d.nextAttemptAt);

/** A delivery's status, with the skip reason of a skipped one. */
export function DeliveryStatusCell({ d }: { d: Delivery }) {
  const { tOr } = useI18n();
  return (
    <>
      <DeliveryStatusTag status={d.status} />
      {d.skipReason && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="delivery-skip-reason">
          {tOr(`msg.skip.${d.skipReason}`, d.skipReason)}
        </Typography.Text>
      )}
    </>
  );
}

/** The subject, or the start of the body, in one line. */
export function deliveryTitle(d: Delivery): string {
  const text = d.subject || (d.body ?? '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** One delivery in full: rendered content, attempts, provider id and receipt, error, opened and clicked. */
export function DeliveryDrawer({ deliveryId, onClose, onChanged }: { deliveryId: string; onClose: () => void; onChanged?: (d: Delivery) => void }) {
  const { t, tOr } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const showError = useApiError();
  const { data, reload } = useFetched<Delivery | undefined>((signal) => deliveriesApi.get(deliveryId, signal), deliveryId, undefined);
  const [retrying, setRetrying] = useState(false);
  const retry = async (d: Delivery) => {
    setRetrying(true);
    try {
      const queued = await deliveriesApi.retry(d.id);
      message.success(t('msg.delivery.retried'));
      onChanged?.(queued);
      reload();
    } catch (e) {
      showError(e);
    } finally {
      setRetrying(false);
    }
  };
  const d = data;
  return (
    <Drawer
      open
      onClose={onClose}
      width={720}
      title={t('msg.delivery.title')}
      extra={
        d && can('messaging.manage') && retryable(d) ? (
          <Button icon={<RedoOutlined />} loading={retrying} onClick={() => void retry(d)} data-testid="delivery-retry">
            {t('msg.delivery.retry')}
          </Button>
        ) : undefined
      }
      data-testid="delivery-drawer"
    >
      {data === null ? (
        <Spin />
      ) : d ? (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('msg.delivery.status')} span={2}>
              <DeliveryStatusCell d={d} />
            </Descriptions.Item>
            <Descriptions.Item label={t('msg.col.customer')}>
              <CustomerLink id={d.customerId} />
            </Descriptions.Item>
            <Descriptions.Item label={t('msg.col.channel')}>
              {tOr(`msg.kind.${d.channel}`, d.channel)} <PurposeTag purpose={d.purpose} />
            </Descriptions.Item>
            <Descriptions.Item label={t('msg.col.address')}>
              <span className="ll-mono">{d.address ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('msg.delivery.attempts')}>
              <span data-testid="delivery-attempts">{d.attempts}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('msg.delivery.providerId')} span={2}>
              {d.providerMessageId ? (
                <Typography.Text className="ll-mono" copyable data-testid="delivery-provider-id">
                  {d.providerMessageId}
                </Typography.Text>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            {d.providerReceipt && (
              <Descriptions.Item label={t('msg.delivery.receipt')} span={2}>
                <span className="ll-mono">{d.providerReceipt}</span>
              </Descriptions.Item>
            )}
            {d.error && (
              <Descriptions.Item label={t('msg.delivery.error')} span={2}>
                <Typography.Text type="danger" data-testid="delivery-error">
                  {d.error}
                </Typography.Text>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('msg.col.createdAt')}>{formatDateTime(d.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('msg.delivery.notBefore')}>{formatDateTime(d.notBefore)}</Descriptions.Item>
            <Descriptions.Item label={t('msg.delivery.sentAt')}>{formatDateTime(d.sentAt)}</Descriptions.Item>
            <Descriptions.Item label={t('msg.delivery.deliveredAt')}>{formatDateTime(d.deliveredAt)}</Descriptions.Item>
            <Descriptions.Item label={t('msg.delivery.openedAt')}>{formatDateTime(d.openedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('msg.delivery.clickedAt')}>{formatDateTime(d.clickedAt)}</Descriptions.Item>
            {d.nextAttemptAt && <Descriptions.Item label={t('msg.delivery.nextAttempt')} span={2}>{formatDateTime(d.nextAttemptAt)}</Descriptions.Item>}
            <Descriptions.Item label={t('msg.delivery.source')} span={2}>
              {[d.source, d.sourceRef].filter(Boolean).join(' · ') || '—'}
            </Descriptions.Item>
          </Descriptions>
          {d.subject && (
            <Typography.Title level={5} style={{ marginTop: 16 }} data-testid="delivery-subject">
              {d.subject}
            </Typography.Title>
          )}
          {d.providerParams && d.providerParams.length > 0 && (
            <Descriptions size="small" column={1} title={t('msg.template.smsParams')} style={{ marginTop: 12 }}>
              {d.providerParams.map((p) => (
                <Descriptions.Item key={p.name} label={p.name}>
                  {p.value}
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
          {d.body &&
            (d.channel === 'email' ? (
              <iframe title="message" sandbox="" srcDoc={d.body} style={{ width: '100%', height: 360, border: '1px solid #f0f0f0', marginTop: 8 }} />
            ) : (
              <Card size="small" style={{ marginTop: 8 }}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{d.body}</Typography.Paragraph>
              </Card>
            ))}
          {d.body && d.channel === 'email' && (
            <details style={{ marginTop: 8 }}>
              <summary>{t('msg.preview.source')}</summary>
              <pre className="ll-mono" style={{ whiteSpace: 'pre-wrap', fontSize: 12 }} data-testid="delivery-body">
                {d.body}
              </pre>
            </details>
          )}
        </>
      ) : null}
    </Drawer>
  );
}

/**
 * The delivery log, newest first: status (dead is the dead-letter view), channel, customer and text filters, cursor
 * pages, the detail drawer and Retry. The API has no per-day counts, so there is no chart.
 */
export default function DeliveriesPage() {
  const { t, tOr } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const manage = can('messaging.manage');
  const showError = useApiError();
  const [params] = useSearchParams();
  const fetchPage = useCallback((f: DeliveryFilter, p: PageRequest, signal: AbortSignal) => deliveriesApi.list(f, p, signal), []);
  const [chartKey, setChartKey] = useState(0);
  const table = useCursorTable<Delivery, DeliveryFilter>(fetchPage, {
    status: (params.get('status') as DeliveryStatus | null) ?? undefined,
    customerId: params.get('customerId') ?? undefined,
  });
  const [open, setOpen] = useState<string | null>(null);

  const retry = async (d: Delivery) => {
    try {
      const queued = await deliveriesApi.retry(d.id);
      table.replaceItem((x) => x.id === d.id, queued);
      message.success(t('msg.delivery.retried'));
    } catch (e) {
      showError(e);
    }
  };

  const columns: TableColumnsType<Delivery> = [
    { title: t('msg.col.createdAt'), dataIndex: 'createdAt', className: 'll-nowrap', render: formatDateTime },
    { title: t('msg.col.customer'), dataIndex: 'customerId', render: (id: string) => <CustomerLink id={id} /> },
    {
      title: t('msg.col.channel'),
      key: 'channel',
      render: (_, d) => (
        <>
          {tOr(`msg.kind.${d.channel}`, d.channel)} <PurposeTag purpose={d.purpose as Purpose} />
        </>
      ),
    },
    { title: t('msg.col.address'), dataIndex: 'address', render: (a: string | null) => <span className="ll-mono">{a ?? '—'}</span> },
    {
      title: t('msg.col.content'),
      key: 'content',
      render: (_, d) => (
        <Typography.Link onClick={() => setOpen(d.id)} data-testid="delivery-open">
          {deliveryTitle(d) || t('common.details')}
        </Typography.Link>
      ),
    },
    { title: t('msg.delivery.status'), key: 'status', render: (_, d) => <DeliveryStatusCell d={d} /> },
    { title: t('msg.delivery.attempts'), dataIndex: 'attempts' },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, d) =>
        retryable(d) ? (
          <Button size="small" icon={<RedoOutlined />} onClick={() => void retry(d)} data-testid="delivery-row-retry">
            {t('msg.delivery.retry')}
          </Button>
        ) : null,
    });
  }

  return (
    <>
      <PageHeader title={t('msg.title')} subtitle={t('msg.deliveries.subtitle')} extra={<RefreshButton onClick={() => { table.reload(); setChartKey((k) => k + 1); }} />} />
      <MessagingNav />
      <DeliveryChart reloadKey={chartKey} />
      <CursorTableCard<Delivery, DeliveryFilter>
        table={table}
        columns={columns}
        rowKey="id"
        testId="deliveries-table"
        emptyText={t('msg.deliveries.empty')}
        filters={
          <>
            <TableFilterSelect
              table={table}
              field="status"
              placeholder={t('msg.delivery.status')}
              options={DELIVERY_STATUSES.map((s) => ({ value: s, label: tOr(`msg.delivery.status.${s}`, s) }))}
              testId="deliveries-status"
            />
            <TableFilterSelect
              table={table}
              field="channel"
              placeholder={t('msg.col.channel')}
              width={140}
              options={CHANNEL_KINDS.map((k) => ({ value: k, label: tOr(`msg.kind.${k}`, k) }))}
              testId="deliveries-channel"
            />
            <CustomerPicker
              value={table.filters.customerId}
              onChange={(id) => table.setFilters((f) => ({ ...f, customerId: id }))}
              testId="deliveries-customer"
            />
            <TableSearch table={table} placeholder={t('msg.deliveries.search')} width={260} testId="deliveries-search" />
          </>
        }
      />
      {open && (
        <DeliveryDrawer
          deliveryId={open}
          onClose={() => setOpen(null)}
          onChanged={(d) => table.replaceItem((x) => x.id === d.id, d)}
        />
      )}
    </>
  );
}
