import { useMemo } from 'react';
import { Card } from 'antd';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { deliveriesApi, type DeliveryDay } from '../../api/messaging';
import { useFetched } from '../../hooks/useFetched';
import { useI18n } from '../../i18n/I18nProvider';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const DAYS = 30;
const SERIES: { key: Exclude<keyof DeliveryDay, 'date'>; color: string }[] = [
  { key: 'delivered', color: '#52c41a' },
  { key: 'sent', color: '#1677ff' },
  { key: 'waiting', color: '#faad14' },
  { key: 'failed', color: '#ff4d4f' },
  { key: 'skipped', color: '#bfbfbf' },
];

/** The last 30 days of deliveries as stacked bars, one stack a day, coloured by where the messages are now. */
export function DeliveryChart({ reloadKey }: { reloadKey: number }) {
  const { t } = useI18n();
  const fetched = useFetched<DeliveryDay[]>((signal) => deliveriesApi.daily(DAYS, signal), `daily-${reloadKey}`, []).data;
  const data = useMemo(() => fetched ?? [], [fetched]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: data.map((d) => d.date.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: SERIES.map((s) => ({
        name: t(`msg.deliveries.chart.${s.key}`),
        type: 'bar',
        stack: 'all',
        itemStyle: { color: s.color },
        data: data.map((d) => d[s.key]),
      })),
    }),
    [data, t],
  );
  const total = data.reduce((n, d) => n + d.waiting + d.sent + d.delivered + d.failed + d.skipped, 0);
  return (
    <Card size="small" title={t('msg.deliveries.chart.title')} style={{ marginBottom: 16 }} data-testid="deliveries-chart" data-total={total}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 180, width: '100%' }} />
    </Card>
  );
}
