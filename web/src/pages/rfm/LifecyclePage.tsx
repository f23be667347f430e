import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Row, Statistic, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import {
  LIFECYCLE_STAGES,
  metricsApi,
  type LifecycleSettings,
  type LifecycleStage,
  type MetricsStatus,
} from '../../api/metrics';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { formatNumber } from '../../lib/format';
import { countsOf, sharePercent } from '../../lib/rfm';
import { LifecycleFunnel } from './LifecycleFunnel';
import { MetricsSettingsDrawer } from './MetricsSettingsDrawer';
import { RebuildMetricsButton } from './RebuildMetricsButton';
import { STAGE_COLORS, stageLabel } from './labels';

interface StageRow {
  stage: LifecycleStage;
  count: number;
}

/** The rule of a stage under the current thresholds, e.g. "last purchase 60–89 days ago". */
function useStageRule() {
  const { t } = useI18n();
  return (stage: LifecycleStage, l: LifecycleSettings | null): string => {
    if (!l) return '—';
    switch (stage) {
      case 'prospect':
        return t('lifecycle.rule.prospect');
      case 'new':
        return t('lifecycle.rule.new', { days: l.newWithinDays });
      case 'active':
        return t('lifecycle.rule.active', { days: l.atRiskAfterDays });
      case 'at_risk':
        return t('lifecycle.rule.at_risk', { from: l.atRiskAfterDays, to: l.dormantAfterDays });
      case 'dormant':
        return t('lifecycle.rule.dormant', { from: l.dormantAfterDays, to: l.lostAfterDays });
      case 'lost':
        return t('lifecycle.rule.lost', { days: l.lostAfterDays });
      default:
        return '—';
    }
  };
}

/** Customers per lifecycle stage (funnel and table), the stage rules, and the metrics worker's state. */
export default function LifecyclePage() {
  const tr = useI18n();
  const { t, lang } = tr;
  const { can } = useAuth();
  const canManage = can('segment.manage');
  const showError = useApiError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  const rule = useStageRule();
  const [status, setStatus] = useState<MetricsStatus | null>(null);
  const [lifecycle, setLifecycle] = useState<LifecycleSettings | null>(null);
  const [tick, setTick] = useState(0);
  const [settingsOpen, setSettingsOpen] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([metricsApi.status(controller.signal), metricsApi.settings(controller.signal)])
      .then(([s, settings]) => {
        if (controller.signal.aborted) return;
        setStatus(s);
        setLifecycle(settings.settings.lifecycle);
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) showErrorRef.current(err);
      });
    return () => controller.abort();
  }, [tick]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const counts = useMemo(() => countsOf(LIFECYCLE_STAGES, status?.lifecycle), [status]);
  const total = LIFECYCLE_STAGES.reduce((n, s) => n + counts[s], 0);

  const columns: TableColumnsType<StageRow> = [
    {
      title: t('lifecycle.col.stage'),
      dataIndex: 'stage',
      key: 'stage',
      render: (s: LifecycleStage) => <Tag color={STAGE_COLORS[s]}>{stageLabel(tr, s)}</Tag>,
    },
    { title: t('lifecycle.col.rule'), key: 'rule', render: (_, row) => rule(row.stage, lifecycle) },
    {
      title: t('lifecycle.col.customers'),
      dataIndex: 'count',
      key: 'count',
      align: 'right',
      render: (n: number, row) => <span data-testid={`lifecycle-count-${row.stage}`}>{formatNumber(n, lang)}</span>,
    },
    {
      title: t('lifecycle.col.share'),
      key: 'share',
      align: 'right',
      render: (_, row) => `${sharePercent(row.count, total).toFixed(1)}%`,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('lifecycle.title')}
        subtitle={t('lifecycle.subtitle')}
        extra={
          <>
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('common.refresh')} />
            </Tooltip>
            {canManage && <RebuildMetricsButton onDone={refresh} />}
            {canManage && (
              <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="lifecycle-settings">
                {t('lifecycle.editThresholds')}
              </Button>
            )}
          </>
        }
      />
      {status && status.pending > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('lifecycle.pending', { count: formatNumber(status.pending, lang) })}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('lifecycle.funnel')} loading={!status}>
            <LifecycleFunnel counts={counts} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card loading={!status} style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col span={12}>
                <Statistic title={t('lifecycle.customers')} value={formatNumber(status?.customers ?? 0, lang)} />
              </Col>
              <Col span={12}>
                <Statistic title={t('lifecycle.pendingTitle')} value={formatNumber(status?.pending ?? 0, lang)} />
              </Col>
            </Row>
          </Card>
          <Card title={t('lifecycle.stages')} className="ll-table-card">
            <Table<StageRow>
              rowKey="stage"
              size="small"
              columns={columns}
              dataSource={LIFECYCLE_STAGES.map((stage) => ({ stage, count: counts[stage] }))}
              pagination={false}
              loading={!status}
              style={{ marginBottom: 8 }}
              data-testid="lifecycle-table"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('lifecycle.daysHelp')}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      {canManage && (
        <MetricsSettingsDrawer open={settingsOpen} onClose={() => setSettingsOpen(false)} onSaved={refresh} />
      )}
    </>
  );
}
