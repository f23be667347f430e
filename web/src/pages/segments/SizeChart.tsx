import { useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { SizePoint } from '../../api/segments';
import { formatDateTime } from '../../lib/format';

echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** A tiny line of a segment's last sizes (oldest first), for the list. */
export function Sparkline({ values }: { values: number[] }) {
  const option = useMemo(
    () => ({
      grid: { left: 0, right: 0, top: 2, bottom: 2 },
      xAxis: { type: 'category', show: false, data: values.map((_, i) => i) },
      yAxis: { type: 'value', show: false, scale: true },
      series: [{ type: 'line', data: values, symbol: 'none', smooth: true, lineStyle: { width: 1.5 }, areaStyle: { opacity: 0.15 } }],
    }),
    [values],
  );
  if (values.length < 2) return <span>—</span>;
  return <ReactEChartsCore echarts={echarts} option={option} style={{ width: 120, height: 28 }} notMerge />;
}

/** The size history of a segment. */
export function SizeChart({ points }: { points: SizePoint[] }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: points.map((p) => formatDateTime(p.at)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'line', data: points.map((p) => p.size), areaStyle: { opacity: 0.2 }, smooth: true }],
    }),
    [points],
  );
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 240 }} notMerge data-testid="segment-size-chart" />;
}
