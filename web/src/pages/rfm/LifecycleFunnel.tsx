import { useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { LIFECYCLE_STAGES, type LifecycleStage } from '../../api/metrics';
import { useI18n } from '../../i18n/I18nProvider';
import { formatNumber } from '../../lib/format';
import { sharePercent } from '../../lib/rfm';
import { echarts } from './charts';
import { STAGE_COLORS, stageLabel } from './labels';

/** The six lifecycle stages as an ECharts funnel, in life order (prospect on top), with counts and shares. */
export function LifecycleFunnel({ counts }: { counts: Record<LifecycleStage, number> }) {
  const tr = useI18n();
  const { lang } = tr;
  const total = LIFECYCLE_STAGES.reduce((n, s) => n + counts[s], 0);
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number }) =>
          `${p.name}: ${formatNumber(p.value, lang)} (${sharePercent(p.value, total).toFixed(1)}%)`,
      },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '10%',
          width: '80%',
          top: 8,
          bottom: 8,
          minSize: '15%',
          gap: 2,
          label: {
            show: true,
            position: 'inside',
            formatter: (p: { name: string; value: number }) => `${p.name}  ${formatNumber(p.value, lang)}`,
          },
          data: LIFECYCLE_STAGES.map((s) => ({
            name: stageLabel(tr, s),
            value: counts[s],
            itemStyle: { color: STAGE_COLORS[s] },
          })),
        },
      ],
    }),
    [counts, total, tr, lang],
  );
  return (
    <div data-testid="lifecycle-funnel" data-total={total}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 360, width: '100%' }} />
    </div>
  );
}
