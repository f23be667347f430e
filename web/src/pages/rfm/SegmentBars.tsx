import { useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { RFM_SEGMENTS, type RfmSegment } from '../../api/metrics';
import { useI18n } from '../../i18n/I18nProvider';
import { formatNumber } from '../../lib/format';
import { sharePercent } from '../../lib/rfm';
import { echarts } from './charts';
import { segmentLabel } from './labels';

interface Props {
  counts: Record<RfmSegment, number>;
  selected: RfmSegment | undefined;
  onSelect: (segment: RfmSegment) => void;
}

/** The eleven named segments as horizontal bars (champions on top); a click filters the customer list. */
export function SegmentBars({ counts, selected, onSelect }: Props) {
  const tr = useI18n();
  const { t, lang } = tr;
  const total = RFM_SEGMENTS.reduce((n, s) => n + counts[s], 0);
  const option = useMemo(() => {
    const order = [...RFM_SEGMENTS].reverse();
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number }) =>
          `${p.name}: ${formatNumber(p.value, lang)} (${sharePercent(p.value, total).toFixed(1)}%)`,
      },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: order.map((s) => segmentLabel(tr, s)) },
      series: [
        {
          type: 'bar',
          data: order.map((s) => ({
            value: counts[s],
            segment: s,
            itemStyle: { color: selected === s ? '#fa541c' : '#597ef7' },
          })),
          label: { show: true, position: 'right' },
          barMaxWidth: 18,
        },
      ],
    };
  }, [counts, selected, tr, lang, total]);

  const onEvents = useMemo(
    () => ({
      click: (params: { data?: { segment?: RfmSegment } }) => {
        if (params.data?.segment) onSelect(params.data.segment);
      },
    }),
    [onSelect],
  );

  return (
    <div data-testid="rfm-segments" data-total={total} aria-label={t('rfm.segments.title')}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge onEvents={onEvents} style={{ height: 340, width: '100%' }} />
    </div>
  );
}
