import { useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { DailyCouponStats } from '../../api/coupons';
import { useI18n } from '../../i18n/I18nProvider';
import { formatPercent } from '../../lib/coupons';
import { formatNumber } from '../../lib/format';

echarts.use([FunnelChart, LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export const COUPON_CHART_COLORS = { issued: '#2f54eb', redeemed: '#52c41a', expired: '#bfbfbf' } as const;

/** Issued → redeemed as a funnel, with the expired coupons below it; shares are of the issued ones. */
export function CouponFunnel({ issued, redeemed, expired }: { issued: number; redeemed: number; expired: number }) {
  const { t, lang } = useI18n();
  const option = useMemo(() => {
    const share = (v: number) => formatPercent(issued > 0 ? v / issued : null, lang);
    const data = [
      { key: 'issued', name: t('coupon.stat.issued'), value: issued, itemStyle: { color: COUPON_CHART_COLORS.issued } },
      { key: 'redeemed', name: t('coupon.stat.redeemed'), value: redeemed, itemStyle: { color: COUPON_CHART_COLORS.redeemed } },
      { key: 'expired', name: t('coupon.stat.expired'), value: expired, itemStyle: { color: COUPON_CHART_COLORS.expired } },
    ];
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number }) => `${p.name}: ${formatNumber(p.value, lang)} (${share(p.value)})`,
      },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '4%',
          width: '56%',
          top: 8,
          bottom: 8,
          min: 0,
          max: Math.max(issued, 1),
          minSize: '12%',
          gap: 2,
          // labels beside the funnel: the expired level can be too narrow to hold its own
          label: {
            show: true,
            position: 'right',
            formatter: (p: { name: string; value: number }) => `${p.name}  ${formatNumber(p.value, lang)}  ${share(p.value)}`,
          },
          labelLine: { show: true, length: 12 },
          data,
        },
      ],
    };
  }, [issued, redeemed, expired, t, lang]);
  return (
    <div data-testid="coupon-funnel" data-issued={issued} data-redeemed={redeemed} data-expired={expired}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 200, width: '100%' }} />
    </div>
  );
}

/** Coupons issued, redeemed and expired per day. */
export function CouponDailyChart({ daily }: { daily: DailyCouponStats[] }) {
  const { t } = useI18n();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: daily.map((d) => d.date.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('coupon.stat.issued'), type: 'bar', data: daily.map((d) => d.issued), itemStyle: { color: COUPON_CHART_COLORS.issued } },
        { name: t('coupon.stat.redeemed'), type: 'line', smooth: true, data: daily.map((d) => d.redeemed), itemStyle: { color: COUPON_CHART_COLORS.redeemed } },
        { name: t('coupon.stat.expired'), type: 'line', smooth: true, data: daily.map((d) => d.expired), itemStyle: { color: '#8c8c8c' } },
      ],
    }),
    [daily, t],
  );
  return (
    <div data-testid="coupon-daily-chart" data-days={daily.length}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 260, width: '100%' }} />
    </div>
  );
}
