import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Card, Col, DatePicker, Flex, Row, Segmented, Select, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  RFM_QUADRANTS,
  RFM_SEGMENTS,
  metricsApi,
  type RfmFilter,
  type RfmOverview,
  type RfmRow,
  type RfmSegment,
} from '../../api/metrics';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { PlatformTag } from '../../components/PlatformTag';
import { useApiError } from '../../hooks/useApiError';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useShops } from '../../hooks/useShops';
import { useI18n } from '../../i18n/I18nProvider';
import { formatNumber } from '../../lib/format';
import { countsOf, type HeatmapMetric } from '../../lib/rfm';
import { MetricsSettingsDrawer } from './MetricsSettingsDrawer';
import { MigrationsPanel } from './MigrationsPanel';
import { QuadrantCards } from './QuadrantCards';
import { RebuildMetricsButton } from './RebuildMetricsButton';
import { RfmCustomersTable } from './RfmCustomersTable';
import { RfmHeatmap } from './RfmHeatmap';
import { ScaleSummary } from './ScaleSummary';
import { SegmentBars } from './SegmentBars';

const DAY = 'YYYY-MM-DD';

/**
 * RFM: as-of day and shop, the summary and scale, the R×F heatmap, the four quadrants and eleven named segments,
 * the customers (by segment or cell) and the migrations between monthly snapshots; settings for managers.
 */
export default function RfmPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const canManage = can('segment.manage');
  const { shops } = useShops();
  const showError = useApiError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;

  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const [shopId, setShopId] = useState<string | undefined>(undefined);
  const [overview, setOverview] = useState<RfmOverview | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const [metric, setMetric] = useState<HeatmapMetric>('customers');
  const [grid, setGrid] = useState<RfmSegment[] | undefined>(undefined);
  const [settingsOpen, setSettingsOpen] = useState(false);

  const table = useCursorTable<RfmRow, RfmFilter>((f, p, signal) => metricsApi.rfm(f, p, signal), {});
  const { setFilters, reload: reloadTable } = table;

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    metricsApi
      .overview({ asOf, shopId }, controller.signal)
      .then((o) => !controller.signal.aborted && setOverview(o))
      .catch((err: unknown) => {
        if (!controller.signal.aborted) showErrorRef.current(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [asOf, shopId, tick]);

  useEffect(() => {
    const controller = new AbortController();
    metricsApi
      .settings(controller.signal)
      .then((s) => !controller.signal.aborted && setGrid(s.settings.rfm.grid))
      .catch(() => undefined);
    return () => controller.abort();
  }, [tick]);

  // the table follows the page's scope
  useEffect(() => {
    setFilters((f) => (f.asOf === asOf && f.shopId === shopId ? f : { ...f, asOf, shopId }));
  }, [asOf, shopId, setFilters]);

  const refresh = useCallback(() => {
    setTick((n) => n + 1);
    reloadTable();
  }, [reloadTable]);

  const selectCell = useCallback(
    (r: number, f: number) => setFilters((prev) => ({ ...prev, r, f, segment: undefined })),
    [setFilters],
  );
  const selectSegment = useCallback(
    (segment: RfmSegment) => setFilters((prev) => ({ ...prev, segment, r: undefined, f: undefined })),
    [setFilters],
  );

  const segments = useMemo(() => countsOf(RFM_SEGMENTS, overview?.segments), [overview]);
  const quadrants = useMemo(() => countsOf(RFM_QUADRANTS, overview?.quadrants), [overview]);

  return (
    <>
      <PageHeader
        title={t('rfm.title')}
        subtitle={t('rfm.subtitle')}
        extra={
          <>
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('common.refresh')} />
            </Tooltip>
            {canManage && <RebuildMetricsButton onDone={refresh} />}
            {canManage && (
              <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="rfm-settings">
                {t('rfm.settings')}
              </Button>
            )}
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
          <Typography.Text>{t('rfm.asOf')}</Typography.Text>
          <DatePicker
            allowClear
            placeholder={t('rfm.today')}
            value={asOf ? dayjs(asOf, DAY) : null}
            disabledDate={(d: Dayjs) => d.isAfter(dayjs(), 'day')}
            onChange={(d: Dayjs | null) => setAsOf(d ? d.format(DAY) : undefined)}
            data-testid="rfm-asof"
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="search"
            placeholder={t('rfm.allShops')}
            style={{ width: 240 }}
            value={shopId}
            onChange={(v?: string) => setShopId(v)}
            options={shops.map((s) => ({
              value: s.id,
              search: s.name,
              label: (
                <Flex gap={4} align="center">
                  <PlatformTag platform={s.platform} />
                  <span>{s.name}</span>
                </Flex>
              ),
            }))}
            data-testid="rfm-shop"
          />
          {overview && (
            <Tooltip title={t(overview.live ? 'rfm.liveHelp' : 'rfm.computedHelp')}>
              <Tag color={overview.live ? 'green' : 'blue'} data-testid="rfm-source">
                {t(overview.live ? 'rfm.live' : 'rfm.computed')}
              </Tag>
            </Tooltip>
          )}
        </Flex>
        <Row gutter={[24, 16]} data-testid="rfm-summary">
          <Col xs={12} md={6}>
            <Statistic
              title={t('rfm.summary.customers')}
              value={overview ? formatNumber(overview.customers, lang) : '—'}
              valueRender={(node) => <span data-testid="rfm-summary-customers">{node}</span>}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('rfm.summary.purchasers')}
              value={overview ? formatNumber(overview.purchasers, lang) : '—'}
              valueRender={(node) => <span data-testid="rfm-summary-purchasers">{node}</span>}
            />
          </Col>
          <Col xs={24} md={12}>
            <ScaleSummary scale={overview?.scale} testId="rfm-scale" />
          </Col>
        </Row>
      </Card>

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={14}>
          <Card
            title={t('rfm.heatmap.title')}
            loading={loading && !overview}
            extra={
              <Segmented<HeatmapMetric>
                size="small"
                value={metric}
                onChange={setMetric}
                options={[
                  { value: 'customers', label: t('rfm.heatmap.customers') },
                  { value: 'revenue', label: t('rfm.heatmap.revenue') },
                ]}
                data-testid="rfm-heatmap-metric"
              />
            }
          >
            <Typography.Text type="secondary">{t('rfm.heatmap.hint')}</Typography.Text>
            <RfmHeatmap
              cells={overview?.cells ?? []}
              metric={metric}
              grid={grid}
              selected={{ r: table.filters.r, f: table.filters.f }}
              onSelect={selectCell}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('rfm.quadrants.title')} loading={loading && !overview} style={{ height: '100%' }}>
            <QuadrantCards counts={quadrants} />
          </Card>
        </Col>
      </Row>

      <Card title={t('rfm.segments.title')} loading={loading && !overview} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('rfm.segments.hint')}</Typography.Text>
        <SegmentBars counts={segments} selected={table.filters.segment} onSelect={selectSegment} />
      </Card>

      <Card title={t('rfm.table.title')} className="ll-table-card" style={{ marginBottom: 16 }}>
        <RfmCustomersTable table={table} />
      </Card>

      <Card title={t('rfm.migrations.title')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('rfm.migrations.help')}</Typography.Text>
          <MigrationsPanel canManage={canManage} reloadKey={tick} />
        </Space>
      </Card>

      {canManage && (
        <MetricsSettingsDrawer open={settingsOpen} onClose={() => setSettingsOpen(false)} onSaved={refresh} />
      )}
    </>
  );
}
