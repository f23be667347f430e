import { useEffect, useState } from 'react';
import { Card, Empty, Flex, Progress, Statistic, Tag, Tooltip, Typography } from 'antd';
import { FundOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { clvApi, type CustomerPrediction } from '../api/clv';
import { useApiError } from '../hooks/useApiError';
import { useI18n } from '../i18n/I18nProvider';
import { formatDateTime } from '../lib/format';
import { CHURN_TAG_COLORS, formatMoney, formatProbability } from '../lib/clv';
import { ShopLabel } from './ShopLabel';

/**
 * A customer's CLV predictions, one row per scope (the whole merchant first, then shops): P(alive), purchases in
 * the next 90 days, spend per purchase, 12-month CLV and churn risk. Shown on the customer page to holders of
 * analytics.read.
 */
export function CustomerPredictionsCard({ customerId }: { customerId: string }) {
  const { t, lang } = useI18n();
  const showError = useApiError();
  const [predictions, setPredictions] = useState<CustomerPrediction[] | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setPredictions(null);
    clvApi
      .customerPredictions(customerId, controller.signal)
      .then((p) => !controller.signal.aborted && setPredictions(p))
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setPredictions([]);
        showError(err);
      });
    return () => controller.abort();
  }, [customerId, showError]);

  return (
    <Card
      title={t('clv.card.title')}
      size="small"
      loading={predictions === null}
      style={{ marginBottom: 16 }}
      extra={
        <Link to="/models/clv">
          <FundOutlined /> {t('clv.card.open')}
        </Link>
      }
      data-testid="customer-predictions"
    >
      {predictions !== null && predictions.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('clv.card.none')} />
      )}
      {predictions?.map((p) => (
        <Flex key={p.scopeId} gap={24} wrap align="center" style={{ padding: '4px 0' }} data-testid="customer-prediction">
          <div style={{ minWidth: 160 }}>
            {p.shopId ? <ShopLabel shopId={p.shopId} /> : <Typography.Text strong>{t('clv.scope.merchant')}</Typography.Text>}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('clv.card.predictedAt', { time: formatDateTime(p.predictedAt) })}
              </Typography.Text>
            </div>
          </div>
          <div style={{ width: 140 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('clv.card.pAlive')}
            </Typography.Text>
            <Tooltip title={formatProbability(p.pAlive)}>
              <Progress percent={Math.round(p.pAlive * 1000) / 10} size="small" data-testid="prediction-p-alive" />
            </Tooltip>
          </div>
          <Statistic title={t('clv.card.purchases90d')} value={p.expectedPurchases90d.toFixed(2)} valueStyle={{ fontSize: 18 }} />
          <Statistic title={t('clv.card.avgSpend')} value={formatMoney(p.expectedAvgSpend, lang)} valueStyle={{ fontSize: 18 }} />
          <Statistic
            title={t('clv.card.clv12m')}
            value={formatMoney(p.clv12m, lang)}
            valueStyle={{ fontSize: 18 }}
            data-testid="prediction-clv"
          />
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {t('clv.card.risk')}
            </Typography.Text>
            <Tag color={CHURN_TAG_COLORS[p.churnRisk]} data-testid="prediction-risk">
              {t(`clv.risk.${p.churnRisk}`)}
            </Tag>
          </div>
        </Flex>
      ))}
    </Card>
  );
}
