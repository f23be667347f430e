import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, HeatmapChart, SankeyChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

/** The ECharts parts the RFM and lifecycle pages use, registered once. */
echarts.use([HeatmapChart, BarChart, FunnelChart, SankeyChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };
