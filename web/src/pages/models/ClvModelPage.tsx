import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Row, Segmented, Select, Spin, Statistic, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/api';
import { CHURN_RISKS, clvApi, type ClvDistribution, type ClvHistoryFilter, type ClvModel } from '../../api/clv';
import { useAuth } from '../../auth/AuthContext';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { ShopLabel } from '../../components/ShopLabel';
import { TableEmpty } from '../../components/TableEmpty';
import { useApiError } from '../../hooks/useApiError';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useShops } from '../../hooks/useShops';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { CHURN_TAG_COLORS, MERCHANT_SCOPE, churnShares, formatMoney, formatParameter } from '../../lib/clv';
import { ClvCalibrationChart, ClvDistributionChart } from './ClvCharts';
import { ClvFitForm } from './ClvFitForm';

type HistoryScope = 'this' | 'all';

function historyFilter(scope: string, which: HistoryScope): ClvHistoryFilter {
  if (which === 'all') return { scope: 'all' };
  return scope === MERCHANT_SCOPE ? { scope: 'merchant' } : { shopId: scope };
}

/** The CLV model page: the latest fit of a scope, its calibration/holdout chart, the predictions and the history. */
export default function ClvModelPage() {
  const tr = useI18n();
  const { t, lang } = tr;
  const { can } = useAuth();
  const showError = useApiError();
  const { shops } = useShops();
  const [params, setParams] = useSearchParams();
  const scope = params.get('shopId') || MERCHANT_SCOPE;
  const shopId = scope === MERCHANT_SCOPE ? null : scope;

  const [model, setModel] = useState<ClvModel | null>(null);
  const [distribution, setDistribution] = useState<ClvDistribution | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'none' | 'error'>('loading');
  const [tick, setTick] = useState(0);
  const [which, setWhich] = useState<HistoryScope>('this');

  useEffect(() => {
    const controller = new AbortController();
    setState('loading');
    Promise.all([clvApi.latest(shopId, controller.signal), clvApi.distribution(shopId, controller.signal)])
      .then(([m, d]) => {
        if (controller.signal.aborted) return;
        setModel(m);
        setDistribution(d);
        setState('ready');
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setModel(null);
        setDistribution(null);
        if (err instanceof ApiError && err.status === 404) {
          setState('none');
        } else {
          setState('error');
          showError(err);
        }
      });
    return () => controller.abort();
  }, [shopId, tick, showError]);

  const history = useCursorTable(
    (f: ClvHistoryFilter, p, signal) => clvApi.history(f, p, signal),
    historyFilter(scope, which),
    10,
  );
  const { setFilters, reload: reloadHistory } = history;
  const filterKey = JSON.stringify(historyFilter(scope, which));
  const appliedKey = useRef(filterKey);
  useEffect(() => {
    if (appliedKey.current === filterKey) return;
    appliedKey.current = filterKey;
    setFilters(JSON.parse(filterKey) as ClvHistoryFilter);
  }, [filterKey, setFilters]);

  const setScope = useCallback(
    (next: string) => setParams(next === MERCHANT_SCOPE ? {} : { shopId: next }, { replace: true }),
    [setParams],
  );

  const onFitted = useCallback(
    (fitted: string) => {
      if (fitted !== scope) setScope(fitted);
      setTick((n) => n + 1);
      reloadHistory();
    },
    [scope, setScope, reloadHistory],
  );

  const scopeOptions = useMemo(
    () => [{ value: MERCHANT_SCOPE, label: t('clv.scope.merchant') }, ...shops.map((s) => ({ value: s.id, label: s.name }))],
    [shops, t],
  );

  const columns: TableColumnsType<ClvModel> = [
    { title: t('clv.history.col.id'), dataIndex: 'id', key: 'id', render: (id: number) => <code>#{id}</code> },
    {
      title: t('clv.history.col.scope'),
      dataIndex: 'shopId',
      key: 'scope',
      render: (s: string | null) => (s ? <ShopLabel shopId={s} /> : t('clv.scope.merchant')),
    },
    {
      title: t('clv.history.col.periods'),
      key: 'periods',
      className: 'll-nowrap',
      render: (_, m) => `${m.calibrationEnd} → ${m.holdoutEnd}`,
    },
    {
      title: t('clv.history.col.bgnbd'),
      key: 'bgnbd',
      className: 'll-mono',
      render: (_, m) => [m.r, m.alpha, m.a, m.b].map(formatParameter).join(' / '),
    },
    {
      title: t('clv.history.col.gg'),
      key: 'gg',
      className: 'll-mono',
      render: (_, m) => [m.p, m.q, m.gamma].map(formatParameter).join(' / '),
    },
    {
      title: t('clv.history.col.ll'),
      dataIndex: 'logLikelihood',
      key: 'll',
      render: (v: number) => v.toFixed(2),
    },
    {
      title: t('clv.history.col.customers'),
      key: 'customers',
      render: (_, m) => `${m.customers.toLocaleString(lang)} / ${m.repeaters.toLocaleString(lang)}`,
    },
    { title: t('clv.history.col.fittedAt'), dataIndex: 'fittedAt', key: 'fittedAt', className: 'll-nowrap', render: formatDateTime },
    { title: t('clv.history.col.fittedBy'), dataIndex: 'fittedBy', key: 'fittedBy', render: (v: string | null) => v ?? '—' },
  ];

  const shares = distribution ? churnShares(distribution) : null;

  return (
    <>
      <PageHeader
        title={t('clv.title')}
        subtitle={t('clv.subtitle')}
        extra={
          <>
            <Select
              value={scope}
              onChange={setScope}
              options={scopeOptions}
              showSearch
              optionFilterProp="label"
              style={{ minWidth: 220 }}
              aria-label={t('clv.scope')}
              data-testid="clv-scope"
            />
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} aria-label={t('common.refresh')} />
            </Tooltip>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('clv.params.title')} data-testid="clv-params">
            {state === 'loading' && (
              <Flex justify="center" style={{ padding: 24 }}>
                <Spin />
              </Flex>
            )}
            {state === 'none' && (
              <Empty description={<span data-testid="clv-no-model">{t('clv.noModel')}</span>}>
                <Typography.Text type="secondary">{t('clv.noModelHint')}</Typography.Text>
              </Empty>
            )}
            {state === 'error' && <Alert type="warning" showIcon message={t('common.loadFailed')} />}
            {state === 'ready' && model && (
              <>
                <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} title={t('clv.params.bgnbd')}>
                  <Descriptions.Item label="r">
                    <span data-testid="clv-param-r">{formatParameter(model.r)}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label="α">
                    <span data-testid="clv-param-alpha">{formatParameter(model.alpha)}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label="a">
                    <span data-testid="clv-param-a">{formatParameter(model.a)}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label="b">
                    <span data-testid="clv-param-b">{formatParameter(model.b)}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('clv.params.ll')} span={4}>
                    <span data-testid="clv-param-ll">{model.logLikelihood.toFixed(2)}</span>
                  </Descriptions.Item>
                </Descriptions>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {t('clv.params.rHint')} · {t('clv.params.abHint')}
                </Typography.Paragraph>
                <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} title={t('clv.params.gg')}>
                  <Descriptions.Item label="p">
                    <span data-testid="clv-param-p">{formatParameter(model.p)}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label="q">
                    <span data-testid="clv-param-q">{formatParameter(model.q)}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label="γ">
                    <span data-testid="clv-param-gamma">{formatParameter(model.gamma)}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('clv.params.ll')}>{model.ggLogLikelihood.toFixed(2)}</Descriptions.Item>
                </Descriptions>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {t('clv.params.ggHint')}
                </Typography.Paragraph>
                <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
                  <Descriptions.Item label={t('clv.params.calibrationEnd')}>{model.calibrationEnd}</Descriptions.Item>
                  <Descriptions.Item label={t('clv.params.holdoutEnd')}>{model.holdoutEnd}</Descriptions.Item>
                  <Descriptions.Item label={t('clv.params.discount')}>{(model.annualDiscountRate * 100).toFixed(1)}%</Descriptions.Item>
                  <Descriptions.Item label={t('clv.params.customers')}>{model.customers.toLocaleString(lang)}</Descriptions.Item>
                  <Descriptions.Item label={t('clv.params.repeaters')}>{model.repeaters.toLocaleString(lang)}</Descriptions.Item>
                  <Descriptions.Item label={t('clv.params.scored')}>{model.scored.toLocaleString(lang)}</Descriptions.Item>
                  <Descriptions.Item label={t('clv.params.fittedAt')}>{formatDateTime(model.fittedAt)}</Descriptions.Item>
                  <Descriptions.Item label={t('clv.params.fittedBy')}>{model.fittedBy ?? '—'}</Descriptions.Item>
                </Descriptions>
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('clv.fit.title')}>
            {can('analytics.manage') ? (
              <ClvFitForm scope={scope} onFitted={onFitted} />
            ) : (
              <Alert type="info" showIcon message={t('clv.fit.noPermission')} />
            )}
          </Card>
        </Col>
        {state === 'ready' && model && (
          <Col xs={24} xl={12}>
            <Card title={t('clv.chart.title')} extra={<Typography.Text type="secondary">{t('clv.timeUnit')}</Typography.Text>}>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('clv.chart.hint')}
              </Typography.Paragraph>
              {model.calibration.length > 0 ? (
                <ClvCalibrationChart bins={model.calibration} />
              ) : (
                <Empty description={t('clv.chart.empty')} />
              )}
            </Card>
          </Col>
        )}
        {state === 'ready' && distribution && shares && (
          <Col xs={24} xl={12}>
            <Card title={t('clv.dist.title')} data-testid="clv-distribution">
              <Flex gap={24} wrap style={{ marginBottom: 8 }}>
                <Statistic title={t('clv.dist.totalClv')} value={formatMoney(distribution.totalClv12m, lang)} />
                <Statistic
                  title={t('clv.dist.meanPurchases')}
                  value={distribution.meanExpectedPurchases90d == null ? '—' : distribution.meanExpectedPurchases90d.toFixed(2)}
                />
                <Flex vertical gap={4}>
                  <Typography.Text type="secondary">{t('clv.dist.bands')}</Typography.Text>
                  <Flex gap={4} wrap>
                    {CHURN_RISKS.map((r) => (
                      <Tag key={r} color={CHURN_TAG_COLORS[r]} data-testid={`clv-band-${r}`}>
                        {t(`clv.risk.${r}`)} {distribution[r].toLocaleString(lang)} ({shares[r]}%)
                      </Tag>
                    ))}
                  </Flex>
                </Flex>
              </Flex>
              <ClvDistributionChart distribution={distribution} />
            </Card>
          </Col>
        )}
        <Col span={24}>
          <Card
            title={t('clv.history.title')}
            extra={
              <Segmented<HistoryScope>
                value={which}
                onChange={setWhich}
                options={[
                  { value: 'this', label: t('clv.history.thisScope') },
                  { value: 'all', label: t('clv.history.allScopes') },
                ]}
                data-testid="clv-history-scope"
              />
            }
          >
            <Table<ClvModel>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={history.items}
              loading={history.loading}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <TableEmpty error={history.error} onRetry={() => history.reload()} /> }}
              data-testid="clv-history"
            />
            <CursorPager table={history} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
