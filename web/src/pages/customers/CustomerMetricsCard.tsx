import { useEffect, useRef, useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Row, Space, Statistic, Tag, Timeline, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/api';
import { metricsApi, type CustomerMetricsResponse } from '../../api/metrics';
import { ShopLabel } from '../../components/ShopLabel';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { formatMoney, toAmount } from '../../lib/customer';
import { formatDateTime, formatNumber } from '../../lib/format';
import { QUADRANT_COLORS, SEGMENT_COLORS, STAGE_COLORS, quadrantLabel, segmentLabel, stageLabel } from '../rfm/labels';

const HISTORY_SHOWN = 5;

function percent(v: string | number | null | undefined, lang: string): string {
  const n = toAmount(v);
  return n === undefined ? '—' : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(n);
}

/**
 * A customer's metrics on the 360° page: orders, spend, AOV, refund rate, preferences, RFM scores with segment and
 * quadrant, and the lifecycle stage with its recent history.
 */
export function CustomerMetricsCard({ customerId }: { customerId: string }) {
  const tr = useI18n();
  const { t, lang } = tr;
  const showError = useApiError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  const [data, setData] = useState<CustomerMetricsResponse | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    metricsApi
      .ofCustomer(customerId, controller.signal)
      .then((d) => !controller.signal.aborted && setData(d))
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        // the page itself says when the customer does not exist
        if (!(err instanceof ApiError && err.status === 404)) showErrorRef.current(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [customerId, tick]);

  const m = data?.customerId === customerId ? data.metrics : null;
  const history = data?.customerId === customerId ? data.lifecycleHistory : [];
  const money = (v: string | number | null | undefined) => formatMoney(v ?? null, null, lang);

  return (
    <Card
      title={t('cmetrics.title')}
      size="small"
      style={{ marginBottom: 16 }}
      loading={loading && !data}
      data-testid="customer-metrics"
      extra={
        <Tooltip title={t('common.refresh')}>
          <Button
            size="small"
            type="text"
            icon={<ReloadOutlined />}
            onClick={() => setTick((n) => n + 1)}
            aria-label={t('common.refresh')}
          />
        </Tooltip>
      }
    >
      {!m ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cmetrics.none')} data-testid="customer-metrics-none" />
      ) : (
        <Row gutter={[24, 12]}>
          <Col xs={24} xl={16}>
            <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('cmetrics.orders')}
                  value={formatNumber(m.orderCount, lang)}
                  valueRender={(node) => <span data-testid="cmetrics-orders">{node}</span>}
                  suffix={
                    m.cancelledCount > 0 ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('cmetrics.cancelled', { count: m.cancelledCount })}
                      </Typography.Text>
                    ) : undefined
                  }
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('cmetrics.netSpent')}
                  value={money(m.netSpent)}
                  valueRender={(node) => <span data-testid="cmetrics-net">{node}</span>}
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('cmetrics.aov')} value={money(m.aov)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('cmetrics.refundRate')} value={percent(m.refundRate, lang)} />
              </Col>
            </Row>
            <Descriptions size="small" column={{ xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 3 }}>
              <Descriptions.Item label={t('cmetrics.rfm')}>
                {m.r === null ? (
                  <Typography.Text type="secondary">{t('rfm.noPurchase')}</Typography.Text>
                ) : (
                  <Space size={4} wrap>
                    <span className="ll-mono" data-testid="cmetrics-scores">
                      R{m.r} F{m.f} M{m.m}
                    </span>
                    {m.rfmSegment && (
                      <Tag color={SEGMENT_COLORS[m.rfmSegment]} data-testid="cmetrics-segment">
                        {segmentLabel(tr, m.rfmSegment)}
                      </Tag>
                    )}
                    {m.rfmQuadrant && (
                      <Tag color={QUADRANT_COLORS[m.rfmQuadrant]} data-testid="cmetrics-quadrant">
                        {quadrantLabel(tr, m.rfmQuadrant)}
                      </Tag>
                    )}
                  </Space>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('cmetrics.recency')}>
                {m.recencyDays === null ? '—' : t('cmetrics.daysAgo', { days: m.recencyDays })}
              </Descriptions.Item>
              <Descriptions.Item label={t('cmetrics.preferredCategory')}>{m.preferredCategory || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('cmetrics.preferredShop')}>
                <ShopLabel shopId={m.preferredShopId} />
              </Descriptions.Item>
              <Descriptions.Item label={t('cmetrics.avgDays')}>
                {toAmount(m.avgDaysBetweenOrders) === undefined
                  ? '—'
                  : t('cmetrics.days', { days: new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(toAmount(m.avgDaysBetweenOrders) ?? 0) })}
              </Descriptions.Item>
              <Descriptions.Item label={t('cmetrics.lastActivity')}>{formatDateTime(m.lastActivityAt)}</Descriptions.Item>
              <Descriptions.Item label={t('cmetrics.firstOrder')}>{formatDateTime(m.firstOrderAt)}</Descriptions.Item>
              <Descriptions.Item label={t('cmetrics.lastOrder')}>{formatDateTime(m.lastOrderAt)}</Descriptions.Item>
            </Descriptions>
          </Col>
          <Col xs={24} xl={8}>
            <Typography.Text type="secondary">{t('cmetrics.lifecycle')}</Typography.Text>
            <div style={{ margin: '4px 0 12px' }}>
              <Tag color={STAGE_COLORS[m.lifecycleStage]} style={{ fontSize: 14, padding: '2px 8px' }} data-testid="cmetrics-stage">
                {stageLabel(tr, m.lifecycleStage)}
              </Tag>
              {m.lifecycleSince && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('cmetrics.since', { date: formatDateTime(m.lifecycleSince) })}
                </Typography.Text>
              )}
            </div>
            {history.length > 0 && (
              <Timeline
                data-testid="cmetrics-history"
                items={history.slice(0, HISTORY_SHOWN).map((h) => ({
                  key: h.seq,
                  color: STAGE_COLORS[h.to],
                  children: (
                    <>
                      <div>
                        {h.from
                          ? t('cmetrics.moved', { from: stageLabel(tr, h.from), to: stageLabel(tr, h.to) })
                          : t('cmetrics.became', { to: stageLabel(tr, h.to) })}
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(h.changedAt)}
                      </Typography.Text>
                    </>
                  ),
                }))}
              />
            )}
          </Col>
        </Row>
      )}
    </Card>
  );
}
