import { useMemo } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Row, Statistic, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { PieChart } from 'echarts/charts';
import { LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { importsApi } from '../../api/services';
import type { ImportView } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { importFieldLabel } from '../../i18n/labels';
import { formatDuration, formatNumber, formatRate } from '../../lib/format';
import { durationSeconds, REPORT_COUNTERS, type ReportCounter } from '../../lib/imports';

echarts.use([PieChart, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

const ACCEPTED_COLOR = '#52c41a';
const REJECTED_COLOR = '#ff4d4f';

/** A doughnut of accepted vs rejected lines, the acceptance rate in the middle (`imports-chart`). */
function LinesChart({ accepted, rejected }: { accepted: number; rejected: number }) {
  const { t, lang } = useI18n();
  const option = useMemo(() => {
    const total = accepted + rejected;
    const rate = total > 0 ? (accepted / total) * 100 : 0;
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0, itemWidth: 10, itemHeight: 10 },
      title: {
        text: `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(rate)}%`,
        subtext: t('imports.report.acceptedRate'),
        left: 'center',
        top: '36%',
        textStyle: { fontSize: 20, fontWeight: 600 },
        subtextStyle: { fontSize: 12 },
      },
      series: [
        {
          type: 'pie',
          radius: ['50%', '72%'],
          center: ['50%', '45%'],
          label: { show: false },
          data: [
            { name: t('imports.stat.linesAccepted'), value: accepted, itemStyle: { color: ACCEPTED_COLOR } },
            { name: t('imports.stat.linesRejected'), value: rejected, itemStyle: { color: REJECTED_COLOR } },
          ],
        },
      ],
    };
  }, [accepted, rejected, t, lang]);
  return (
    <div data-testid="imports-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 240, width: '100%' }} />
    </div>
  );
}

const TONE: Partial<Record<ReportCounter, string>> = { linesRejected: REJECTED_COLOR };

/** A pass's duration in seconds with one decimal (`2.4 s`), or `—`. */
const passSeconds = (millis: number | null) => (millis == null ? '—' : `${(millis / 1000).toFixed(1)} s`);

/** Step 4: what the import did – lines, customers, orders, refunds – and the rejected lines to download. */
export function ImportReport({ view }: { view: ImportView }) {
  const tr = useI18n();
  const { t, lang } = tr;
  const seconds = durationSeconds(view.startedAt, view.finishedAt);
  const rate = seconds && seconds > 0 ? view.linesRead / seconds : undefined;
  const adjustments = Object.entries(view.mapping ?? {});

  return (
    <Flex vertical gap={16} data-testid="imports-report">
      {view.status === 'SUCCEEDED' && (
        <Alert
          type={view.linesRejected > 0 ? 'warning' : 'success'}
          showIcon
          message={
            view.linesRejected > 0
              ? t('imports.report.succeededWithRejects', { count: formatNumber(view.linesRejected, lang) })
              : t('imports.report.succeeded')
          }
          description={
            seconds !== undefined ? (
              <>
                {t('imports.report.duration', {
                  duration: formatDuration(seconds),
                  rate: rate !== undefined ? formatRate(rate, lang) : '—',
                })}
                {view.timings?.storeMillis != null && (
                  <div data-testid="imports-timings">
                    {t('imports.report.timings', {
                      stage: passSeconds(view.timings.stageMillis),
                      resolve: passSeconds(view.timings.resolveMillis),
                      store: passSeconds(view.timings.storeMillis),
                    })}
                  </div>
                )}
              </>
            ) : undefined
          }
          data-testid="imports-result"
        />
      )}
      {view.status === 'FAILED' && (
        <Alert
          type="error"
          showIcon
          message={t('imports.report.failed')}
          description={
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="imports-error">
              {view.error || t('imports.report.noError')}
            </pre>
          }
          data-testid="imports-result"
        />
      )}
      {view.status === 'CANCELLED' && (
        <Alert type="warning" showIcon message={t('imports.report.cancelled')} data-testid="imports-result" />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Row gutter={[12, 12]}>
            {REPORT_COUNTERS.map((key) => (
              <Col key={key} xs={12} md={8}>
                <Card size="small" style={{ height: '100%' }}>
                  <Statistic
                    title={t(`imports.stat.${key}`)}
                    value={formatNumber(view[key], lang)}
                    valueStyle={{ fontSize: 20, color: view[key] > 0 ? TONE[key] : undefined }}
                    data-testid={`imports-stat-${key}`}
                  />
                </Card>
              </Col>
            ))}
          </Row>
        </Col>
        <Col xs={24} xl={8}>
          <Card
            size="small"
            title={t('imports.report.chartTitle')}
            style={{ height: '100%' }}
            actions={
              view.linesRejected > 0
                ? [
                    <Button
                      key="rejects"
                      icon={<DownloadOutlined />}
                      href={importsApi.rejectsUrl(view.id)}
                      download
                      data-testid="imports-rejects"
                    >
                      {t('imports.report.downloadRejects')}
                    </Button>,
                  ]
                : undefined
            }
          >
            {view.linesAccepted + view.linesRejected > 0 ? (
              <LinesChart accepted={view.linesAccepted} rejected={view.linesRejected} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('imports.report.noLines')} />
            )}
          </Card>
        </Col>
      </Row>
      {adjustments.length > 0 && (
        <Card size="small" title={t('imports.report.adjustments')}>
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="imports-adjustments">
            {adjustments.map(([field, column]) => (
              <Descriptions.Item key={field} label={importFieldLabel(tr, field)}>
                {column ? <code>{column}</code> : <Typography.Text type="secondary">{t('imports.review.notInFile')}</Typography.Text>}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      )}
    </Flex>
  );
}
