import { useCallback, useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { Card, Col, Empty, Input, Row, Select, Statistic, Table, Tooltip, Typography } from 'antd';
import {
  ENROLMENT_STATES,
  journeysApi,
  type Enrolment,
  type EnrolmentFilter,
  type EnrolmentState,
  type JourneyStats,
  type VariantStats,
} from '../../api/journeys';
import type { PageRequest } from '../../api/services';
import { CursorTableCard } from '../../components/CursorTable';
import { CustomerLink } from '../../components/CustomerLink';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useI18n } from '../../i18n/I18nProvider';
import { formatMoney } from '../../lib/customer';
import { formatDateTime, formatNumber } from '../../lib/format';
import { formatPValue, formatRatePercent } from '../../lib/journeys';
import { EnrolmentStateTag } from './JourneyTags';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const SIGNIFICANT = 0.05;

function variantName(t: ReturnType<typeof useI18n>['t'], key: string) {
  return key === 'holdout' ? t('journey.results.holdout') : t('journey.handle.variant', { key });
}

/** Conversion rate per variant as bars (holdout in grey). */
function VariantChart({ variants }: { variants: VariantStats[] }) {
  const { t, lang } = useI18n();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v.toFixed(1)}%` },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: variants.map((v) => variantName(t, v.key)) },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          name: t('journey.results.conversionRate'),
          barMaxWidth: 48,
          label: { show: true, position: 'top', formatter: (p: { value: number }) => formatRatePercent(p.value / 100, lang) },
          data: variants.map((v) => ({ value: Math.round(v.conversionRate * 1000) / 10, itemStyle: { color: v.key === 'holdout' ? '#bfbfbf' : '#2f54eb' } })),
        },
      ],
    }),
    [variants, t, lang],
  );
  return (
    <div data-testid="journey-variant-chart" data-variants={variants.map((v) => `${v.key}:${v.converted}/${v.enrolled}`).join(',')}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 280, width: '100%' }} />
    </div>
  );
}

/** Totals, the per-variant table with conversion rate, revenue and p-values, and the chart. */
export function JourneyResults({ stats }: { stats: JourneyStats | null }) {
  const { t, lang } = useI18n();
  if (!stats) return <Empty description={t('journey.results.none')} data-testid="journey-results-empty" />;
  const tot = stats.totals;
  const n = (v: number) => formatNumber(v, lang);
  const figures: [string, string, string][] = [
    ['enrolled', t('journey.results.enrolled'), n(tot.enrolled)],
    ['active', t('journey.results.active'), n(tot.active)],
    ['completed', t('journey.results.completed'), n(tot.completed)],
    ['exited', t('journey.results.exited'), n(tot.exited)],
    ['converted', t('journey.results.converted'), n(tot.converted)],
    ['rate', t('journey.results.conversionRate'), formatRatePercent(tot.enrolled > 0 ? tot.converted / tot.enrolled : null, lang)],
    ['revenue', t('journey.results.revenue'), formatMoney(tot.revenue, tot.currency, lang)],
  ];
  const p = (v: number | null) => (
    <Typography.Text strong={v != null && v < SIGNIFICANT} type={v != null && v < SIGNIFICANT ? 'success' : undefined}>
      {formatPValue(v)}
    </Typography.Text>
  );
  return (
    <div data-testid="journey-results">
      <Card size="small" style={{ marginBottom: 16 }} title={t('journey.results.version', { version: stats.version ?? '—' })}>
        <Row gutter={[16, 16]}>
          {figures.map(([key, title, value]) => (
            <Col key={key} xs={12} md={6} xl={3}>
              <Statistic title={title} value={value} valueRender={(node) => <span data-testid={`journey-total-${key}`}>{node}</span>} />
            </Col>
          ))}
        </Row>
      </Card>
      {stats.variants.length > 0 && (
        <Row gutter={16}>
          <Col xs={24} xl={14}>
            <Card size="small" title={t('journey.results.variants')} style={{ marginBottom: 16 }}>
              <Table<VariantStats>
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={stats.variants}
                data-testid="journey-variants"
                columns={[
                  { title: t('journey.results.variant'), dataIndex: 'key', render: (k: string) => variantName(t, k) },
                  { title: t('journey.results.enrolled'), dataIndex: 'enrolled', align: 'right', render: n },
                  { title: t('journey.results.converted'), dataIndex: 'converted', align: 'right', render: n },
                  { title: t('journey.results.conversionRate'), dataIndex: 'conversionRate', align: 'right', render: (r: number) => formatRatePercent(r, lang) },
                  { title: t('journey.results.revenue'), dataIndex: 'revenue', align: 'right', render: (r: VariantStats['revenue']) => formatMoney(r, tot.currency, lang) },
                  {
                    title: <Tooltip title={t('journey.results.pHoldoutHelp')}>{t('journey.results.pHoldout')}</Tooltip>,
                    dataIndex: 'pValueVsHoldout',
                    align: 'right',
                    render: p,
                  },
                  {
                    title: <Tooltip title={t('journey.results.pFirstHelp')}>{t('journey.results.pFirst')}</Tooltip>,
                    dataIndex: 'pValueVsFirst',
                    align: 'right',
                    render: p,
                  },
                ]}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('journey.results.pHelp', { alpha: SIGNIFICANT })}
              </Typography.Text>
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title={t('journey.results.chart')} style={{ marginBottom: 16 }}>
              <VariantChart variants={stats.variants} />
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}

/** The journey's enrolments, newest first, by state or customer, in cursor pages. */
export function EnrolmentsTable({ journeyId, nodeName }: { journeyId: string; nodeName: (id: string) => string }) {
  const { t } = useI18n();
  const fetchPage = useCallback(
    (f: EnrolmentFilter, p: PageRequest, signal: AbortSignal) => journeysApi.enrolments(journeyId, f, p, signal),
    [journeyId],
  );
  const table = useCursorTable<Enrolment, EnrolmentFilter>(fetchPage, {});
  return (
    <CursorTableCard
      table={table}
      rowKey="id"
      size="small"
      testId="enrolments-table"
      cardTestId="journey-enrolments"
      emptyText={t('journey.enrolments.empty')}
      filters={
        <>
          <Select
            allowClear
            placeholder={t('journey.enrolments.state')}
            style={{ width: 160 }}
            value={table.filters.state}
            options={ENROLMENT_STATES.map((s) => ({ value: s, label: t(`journey.state.${s}`) }))}
            onChange={(state?: EnrolmentState) => table.setFilters((f) => ({ ...f, state }))}
            data-testid="enrolments-filter-state"
          />
          <Input.Search
            allowClear
            placeholder={t('journey.enrolments.customerId')}
            style={{ width: 320 }}
            onSearch={(v) => table.setFilters((f) => ({ ...f, customerId: v.trim() || undefined }))}
            data-testid="enrolments-filter-customer"
          />
        </>
      }
      columns={[
        { title: t('journey.enrolments.customer'), key: 'customer', render: (_, e) => <CustomerLink id={e.customerId} name={e.customerName} /> },
        {
          title: t('journey.enrolments.state'),
          key: 'state',
          render: (_, e) => (
            <>
              <EnrolmentStateTag state={e.state} />
              {e.lastError && (
                <Tooltip title={e.lastError}>
                  <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="enrolment-error">
                    {t('journey.enrolments.error')}
                  </Typography.Text>
                </Tooltip>
              )}
            </>
          ),
        },
        { title: t('journey.enrolments.version'), dataIndex: 'version', align: 'right' },
        { title: t('journey.enrolments.currentNode'), dataIndex: 'currentNode', render: (id: string | null) => (id ? nodeName(id) : '—') },
        { title: t('journey.enrolments.variant'), dataIndex: 'variant', render: (v: string | null) => (v ? variantName(t, v) : '—') },
        { title: t('journey.enrolments.dueAt'), dataIndex: 'dueAt', className: 'll-nowrap', render: formatDateTime },
        { title: t('journey.enrolments.enteredAt'), dataIndex: 'enteredAt', className: 'll-nowrap', render: formatDateTime },
        { title: t('journey.enrolments.finishedAt'), dataIndex: 'finishedAt', className: 'll-nowrap', render: formatDateTime },
      ]}
    />
  );
}
