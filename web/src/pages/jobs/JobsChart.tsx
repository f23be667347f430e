import { useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { PieChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { JOB_STATUSES, type Job } from '../../api/types';
import { JOB_STATUS_COLORS } from '../../components/JobStatusTag';
import { useI18n } from '../../i18n/I18nProvider';
import { jobStatusLabel } from '../../i18n/labels';

echarts.use([PieChart, LegendComponent, TooltipComponent, CanvasRenderer]);

/** A doughnut of the loaded jobs by status. */
export function JobsChart({ jobs }: { jobs: Job[] }) {
  const tr = useI18n();
  const option = useMemo(() => {
    const data = JOB_STATUSES.map((s) => ({
      name: jobStatusLabel(tr, s),
      value: jobs.filter((j) => j.status === s).length,
      itemStyle: { color: JOB_STATUS_COLORS[s] },
    })).filter((d) => d.value > 0);
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { orient: 'vertical', right: 0, top: 'middle', itemWidth: 10, itemHeight: 10 },
      series: [
        {
          type: 'pie',
          radius: ['45%', '72%'],
          center: ['35%', '50%'],
          avoidLabelOverlap: true,
          label: { show: false },
          data,
        },
      ],
    };
  }, [jobs, tr]);

  return (
    <div data-testid="jobs-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 180, width: '100%' }} />
    </div>
  );
}
