import { useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { MonthPoints, TierCount } from '../../api/loyalty';
import { useI18n } from '../../i18n/I18nProvider';
import { formatNumber } from '../../lib/format';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export const POINTS_COLORS = {
  earned: '#52c41a',
  spent: '#2f54eb',
  expired: '#bfbfbf',
  reversed: '#fa8c16',
  adjusted: '#722ed1',
} as const;

const TIER_BAR_COLORS = ['#d9d9d9', '#8c8c8c', '#2f54eb', '#faad14', '#722ed1', '#eb2f96', '#fa541c'];

/** Members per tier, those without a tier first (grey), then the tiers from the lowest up. */
export function TierDistributionChart({ tiers }: { tiers: TierCount[] }) {
  const { t, lang } = useI18n();
  const option = useMemo(() => {
    const names = tiers.map((c) => (c.tier ? c.name || c.tier : t('loyalty.tier.none')));
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: number) => formatNumber(v, lang),
      },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: names, inverse: true },
      series: [
        {
          type: 'bar',
          name: t('loyalty.stat.members'),
          barMaxWidth: 28,
          label: { show: true, position: 'right', formatter: (p: { value: number }) => formatNumber(p.value, lang) },
          data: tiers.map((c, i) => ({ value: c.members, itemStyle: { color: TIER_BAR_COLORS[Math.min(i, TIER_BAR_COLORS.length - 1)] } })),
        },
      ],
    };
  }, [tiers, t, lang]);
  return (
    <div
      data-testid="loyalty-tier-chart"
      data-tiers={tiers.map((c) => `${c.tier ?? ''}:${c.members}`).join(',')}
    >
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: Math.max(300, 44 * tiers.length + 24), width: '100%' }} />
    </div>
  );
}

/** Points earned, spent, expired and reversed per month as bars, adjustments (signed) as a line. */
export function PointsMonthlyChart({ months }: { months: MonthPoints[] }) {
  const { t, lang } = useI18n();
  const option = useMemo(() => {
    const bar = (key: 'earned' | 'spent' | 'expired' | 'reversed', label: string) => ({
      name: label,
      type: 'bar',
      barMaxWidth: 14,
      data: months.map((m) => m[key]),
      itemStyle: { color: POINTS_COLORS[key] },
    });
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatNumber(v, lang) },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => m.month) },
      yAxis: { type: 'value' },
      series: [
        bar('earned', t('loyalty.points.earned')),
        bar('spent', t('loyalty.points.spent')),
        bar('expired', t('loyalty.points.expired')),
        bar('reversed', t('loyalty.points.reversed')),
        {
          name: t('loyalty.points.adjusted'),
          type: 'line',
          smooth: true,
          data: months.map((m) => m.adjusted),
          itemStyle: { color: POINTS_COLORS.adjusted },
        },
      ],
    };
  }, [months, t, lang]);
  return (
    <div data-testid="loyalty-points-chart" data-months={months.length}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 300, width: '100%' }} />
    </div>
  );
}
