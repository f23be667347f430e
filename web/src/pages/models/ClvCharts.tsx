import { useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { CHURN_RISKS, type CalibrationBin, type ClvDistribution } from '../../api/clv';
import { useI18n } from '../../i18n/I18nProvider';
import { CHURN_CHART_COLORS, calibrationSeries, decileLabels } from '../../lib/clv';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Actual vs predicted mean holdout purchases per calibration frequency (lifetimes' calibration/holdout plot). */
export function ClvCalibrationChart({ bins }: { bins: CalibrationBin[] }) {
  const { t } = useI18n();
  const option = useMemo(() => {
    const s = calibrationSeries(bins);
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (items: { dataIndex: number; seriesName: string; value: number; marker: string }[]) => {
          const i = items[0]?.dataIndex ?? 0;
          const lines = items.map((it) => `${it.marker}${it.seriesName}: ${it.value}`);
          return [`${t('clv.chart.xAxis')}: ${s.labels[i]}`, ...lines, `${t('clv.chart.customers')}: ${s.customers[i]}`].join('<br/>');
        },
      },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 40 },
      xAxis: { type: 'category', data: s.labels, name: t('clv.chart.xAxis'), nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'value' },
      series: [
        { name: t('clv.chart.actual'), type: 'bar', data: s.actual, itemStyle: { color: '#1677ff' } },
        {
          name: t('clv.chart.predicted'),
          type: 'line',
          data: s.predicted,
          symbolSize: 8,
          itemStyle: { color: '#fa8c16' },
        },
      ],
    };
  }, [bins, t]);
  return (
    <div data-testid="clv-calibration-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 280, width: '100%' }} />
    </div>
  );
}

/** Customers per tenth of P(alive) (bars) and per churn band (doughnut). */
export function ClvDistributionChart({ distribution }: { distribution: ClvDistribution }) {
  const { t } = useI18n();
  const option = useMemo(() => {
    const labels = decileLabels(distribution.pAliveDeciles.length);
    return {
      tooltip: { trigger: 'item' },
      grid: { left: 48, right: '42%', top: 24, bottom: 40 },
      xAxis: { type: 'category', data: labels, name: t('clv.dist.pAlive'), nameLocation: 'middle', nameGap: 26, axisLabel: { fontSize: 10 } },
      yAxis: { type: 'value' },
      series: [
        { name: t('clv.dist.pAlive'), type: 'bar', data: distribution.pAliveDeciles, itemStyle: { color: '#13c2c2' } },
        {
          name: t('clv.dist.bands'),
          type: 'pie',
          radius: ['35%', '60%'],
          center: ['80%', '50%'],
          label: { show: false },
          data: CHURN_RISKS.map((r) => ({
            name: t(`clv.risk.${r}`),
            value: distribution[r],
            itemStyle: { color: CHURN_CHART_COLORS[r] },
          })).filter((d) => d.value > 0),
        },
      ],
    };
  }, [distribution, t]);
  return (
    <div data-testid="clv-distribution-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 260, width: '100%' }} />
    </div>
  );
}
