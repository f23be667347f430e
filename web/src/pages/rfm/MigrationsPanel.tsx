import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Empty, Flex, Popconfirm, Segmented, Select, Spin, Table, Typography, type TableColumnsType } from 'antd';
import { CameraOutlined, SwapRightOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { RFM_SEGMENTS, metricsApi, type RfmMigrations, type RfmSegment } from '../../api/metrics';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { formatNumber } from '../../lib/format';
import { migrationMatrix, sankeyData } from '../../lib/rfm';
import { echarts } from './charts';
import { segmentLabel } from './labels';

type View = 'sankey' | 'matrix';
/** The "to" selector's value for "now" (the kept metrics). */
const NOW = '';

interface MatrixRow {
  from: RfmSegment;
}

/** Customers moving between named segments from one monthly snapshot to another or to now. */
export function MigrationsPanel({ canManage, reloadKey = 0 }: { canManage: boolean; /** Changes when the page refreshes. */ reloadKey?: number }) {
  const tr = useI18n();
  const { t, lang } = tr;
  const { message } = App.useApp();
  const showError = useApiError();
  const showErrorRef = useRef(showError);
  showErrorRef.current = showError;
  const [from, setFrom] = useState<string | undefined>(undefined);
  const [to, setTo] = useState<string>(NOW);
  const [data, setData] = useState<RfmMigrations | null>(null);
  const [loading, setLoading] = useState(true);
  const [view, setView] = useState<View>('sankey');
  const [tick, setTick] = useState(0);
  const [snapshotting, setSnapshotting] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    metricsApi
      .migrations(from, to || undefined, controller.signal)
      .then((m) => {
        if (controller.signal.aborted) return;
        setData(m);
        if (!from && m.from) setFrom(m.from);
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) showErrorRef.current(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [from, to, tick, reloadKey]);

  const snapshot = async () => {
    setSnapshotting(true);
    try {
      const taken = await metricsApi.takeSnapshot();
      message.success(t('rfm.migrations.snapshotTaken', { month: taken.month, count: formatNumber(taken.customers, lang) }));
      setTick((n) => n + 1);
    } catch (err) {
      showError(err);
    } finally {
      setSnapshotting(false);
    }
  };

  const flows = data?.flows ?? [];
  const matrix = useMemo(() => migrationMatrix(flows, RFM_SEGMENTS), [flows]);
  const toLabel = to || t('rfm.migrations.now');
  const option = useMemo(() => {
    const sides = { from: data?.from ?? '', to: toLabel };
    const d = sankeyData(flows, (s, side) => `${segmentLabel(tr, s)} · ${sides[side]}`);
    return {
      tooltip: { trigger: 'item', triggerOn: 'mousemove' },
      series: [
        {
          type: 'sankey',
          data: d.nodes,
          links: d.links,
          left: 8,
          right: 140,
          top: 8,
          bottom: 8,
          nodeGap: 10,
          emphasis: { focus: 'adjacency' },
          lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.35 },
          label: { fontSize: 12 },
        },
      ],
    };
  }, [flows, data?.from, toLabel, tr]);

  const months = data?.available ?? [];
  const columns: TableColumnsType<MatrixRow> = [
    {
      title: t('rfm.migrations.fromTo'),
      dataIndex: 'from',
      key: 'from',
      fixed: 'left',
      className: 'll-nowrap',
      render: (s: RfmSegment) => segmentLabel(tr, s),
    },
    ...matrix.to.map((target) => ({
      title: <span className="ll-nowrap">{segmentLabel(tr, target)}</span>,
      key: target,
      align: 'right' as const,
      render: (_: unknown, row: MatrixRow) => {
        const n = matrix.count(row.from, target);
        if (n === 0) return <Typography.Text type="secondary">·</Typography.Text>;
        return row.from === target ? <b>{formatNumber(n, lang)}</b> : formatNumber(n, lang);
      },
    })),
    {
      title: t('rfm.migrations.total'),
      key: 'total',
      align: 'right' as const,
      render: (_: unknown, row: MatrixRow) => formatNumber(matrix.rowTotal(row.from), lang),
    },
  ];

  return (
    <div data-testid="rfm-migrations">
      <Flex gap={8} wrap align="center" className="ll-filters">
        <Typography.Text>{t('rfm.migrations.from')}</Typography.Text>
        <Select
          style={{ width: 130 }}
          value={from ?? data?.from ?? undefined}
          onChange={setFrom}
          disabled={months.length === 0}
          placeholder={t('rfm.migrations.noMonth')}
          options={months.map((m) => ({ value: m, label: m }))}
          data-testid="rfm-migrations-from"
        />
        <SwapRightOutlined />
        <Typography.Text>{t('rfm.migrations.to')}</Typography.Text>
        <Select
          style={{ width: 130 }}
          value={to}
          onChange={setTo}
          disabled={months.length === 0}
          options={[{ value: NOW, label: t('rfm.migrations.now') }, ...months.map((m) => ({ value: m, label: m }))]}
          data-testid="rfm-migrations-to"
        />
        <Segmented<View>
          value={view}
          onChange={setView}
          options={[
            { value: 'sankey', label: t('rfm.migrations.view.sankey') },
            { value: 'matrix', label: t('rfm.migrations.view.matrix') },
          ]}
          data-testid="rfm-migrations-view"
        />
        <div style={{ flex: 1 }} />
        {canManage && (
          <Popconfirm
            title={t('rfm.migrations.snapshotConfirm')}
            description={t('rfm.migrations.snapshotHelp')}
            onConfirm={() => void snapshot()}
          >
            <Button icon={<CameraOutlined />} loading={snapshotting} data-testid="rfm-snapshot">
              {t('rfm.migrations.snapshot')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      <Spin spinning={loading}>
        {months.length === 0 ? (
          <Empty description={t('rfm.migrations.none')} data-testid="rfm-migrations-empty" />
        ) : flows.length === 0 ? (
          <Empty description={t('rfm.migrations.noFlows')} />
        ) : (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('rfm.migrations.summary', {
                total: formatNumber(matrix.total, lang),
                stayed: formatNumber(matrix.stayed, lang),
                moved: formatNumber(matrix.total - matrix.stayed, lang),
              })}
              data-testid="rfm-migrations-summary"
            />
            {view === 'sankey' ? (
              <ReactEChartsCore
                echarts={echarts}
                option={option}
                notMerge
                style={{ height: Math.max(280, matrix.from.length * 40), width: '100%' }}
              />
            ) : (
              <Table<MatrixRow>
                rowKey="from"
                size="small"
                columns={columns}
                dataSource={matrix.from.map((from) => ({ from }))}
                pagination={false}
                scroll={{ x: 'max-content' }}
                data-testid="rfm-migrations-matrix"
              />
            )}
          </>
        )}
      </Spin>
    </div>
  );
}
