import { useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import type { RfmCell, RfmSegment } from '../../api/metrics';
import { useI18n } from '../../i18n/I18nProvider';
import { formatMoney } from '../../lib/customer';
import { formatNumber } from '../../lib/format';
import { SCORE_VALUES, gridIndex, heatmapPoints, type HeatmapMetric } from '../../lib/rfm';
import { echarts } from './charts';
import { segmentLabel } from './labels';

interface Props {
  cells: RfmCell[];
  metric: HeatmapMetric;
  /** The segment of each cell (25 codes, row R=1 first), to name cells in the tooltip. */
  grid: RfmSegment[] | undefined;
  selected: { r?: number; f?: number };
  onSelect: (r: number, f: number) => void;
}

interface ClickParams {
  value?: unknown;
}

/** The 5×5 R×F heatmap (R = 5 on top), coloured by customers or revenue; a click picks a cell. */
export function RfmHeatmap({ cells, metric, grid, selected, onSelect }: Props) {
  const tr = useI18n();
  const { t, lang } = tr;
  const points = useMemo(() => heatmapPoints(cells), [cells]);
  const total = points.reduce((n, p) => n + p.customers, 0);

  const option = useMemo(() => {
    const value = (p: (typeof points)[number]) => (metric === 'customers' ? p.customers : Math.round(p.revenue * 100) / 100);
    const max = Math.max(1, ...points.map(value));
    const fmt = (v: number) => (metric === 'customers' ? formatNumber(v, lang) : formatMoney(v, null, lang));
    return {
      tooltip: {
        formatter: (params: { value: [number, number, number] }) => {
          const [fi, ri] = params.value;
          const r = ri + 1;
          const f = fi + 1;
          const p = points[gridIndex(r, f)];
          const segment = grid?.[gridIndex(r, f)];
          return [
            `<b>${t('rfm.heatmap.cell', { r, f })}</b>${segment ? ` · ${segmentLabel(tr, segment)}` : ''}`,
            t('rfm.heatmap.tipCustomers', { count: formatNumber(p.customers, lang) }),
            t('rfm.heatmap.tipRevenue', { amount: formatMoney(p.revenue, null, lang) }),
          ].join('<br/>');
        },
      },
      grid: { left: 56, right: 16, top: 16, bottom: 72 },
      xAxis: {
        type: 'category',
        name: t('rfm.heatmap.fAxis'),
        nameLocation: 'middle',
        nameGap: 28,
        data: SCORE_VALUES.map((f) => `F${f}`),
        splitArea: { show: true },
      },
      yAxis: {
        type: 'category',
        name: t('rfm.heatmap.rAxis'),
        nameLocation: 'middle',
        nameGap: 36,
        data: SCORE_VALUES.map((r) => `R${r}`),
        splitArea: { show: true },
      },
      visualMap: {
        min: 0,
        max,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        inRange: { color: metric === 'customers' ? ['#f0f5ff', '#1d39c4'] : ['#fcffe6', '#d46b08'] },
        formatter: (v: number) => fmt(v),
      },
      series: [
        {
          type: 'heatmap',
          data: points.map((p) => ({
            value: [p.f - 1, p.r - 1, value(p)],
            itemStyle:
              selected.r === p.r && selected.f === p.f ? { borderColor: '#ff4d4f', borderWidth: 3 } : undefined,
          })),
          label: {
            show: true,
            formatter: (params: { value: [number, number, number] }) =>
              params.value[2] > 0 ? fmt(params.value[2]) : '',
            fontSize: 11,
          },
          emphasis: { itemStyle: { shadowBlur: 8, shadowColor: 'rgba(0,0,0,0.3)' } },
        },
      ],
    };
  }, [points, metric, grid, selected.r, selected.f, t, tr, lang]);

  const onEvents = useMemo(
    () => ({
      click: (params: ClickParams) => {
        const v = params.value as [number, number, number] | undefined;
        if (Array.isArray(v)) onSelect(v[1] + 1, v[0] + 1);
      },
    }),
    [onSelect],
  );

  return (
    <div data-testid="rfm-heatmap" data-customers={total} data-cells={cells.length}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge onEvents={onEvents} style={{ height: 340, width: '100%' }} />
    </div>
  );
}
