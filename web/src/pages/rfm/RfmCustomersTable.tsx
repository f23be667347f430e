import { Button, Flex, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CloseOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { RFM_SEGMENTS, metricsApi, type RfmFilter, type RfmRow, type RfmSegment } from '../../api/metrics';
import { CursorPager } from '../../components/CursorPager';
import { CustomerLink } from '../../components/CustomerLink';
import { TableEmpty } from '../../components/TableEmpty';
import type { CursorTable } from '../../hooks/useCursorTable';
import { useI18n } from '../../i18n/I18nProvider';
import { formatMoney } from '../../lib/customer';
import { formatNumber } from '../../lib/format';
import { SCORE_VALUES } from '../../lib/rfm';
import { QUADRANT_COLORS, SEGMENT_COLORS, quadrantLabel, segmentLabel } from './labels';

/** Customers with their RFM, cursor-paged, by named segment and/or R×F cell, with the whole list as CSV. */
export function RfmCustomersTable({ table }: { table: CursorTable<RfmRow, RfmFilter> }) {
  const tr = useI18n();
  const { t, lang } = tr;
  const { filters } = table;
  const set = (patch: Partial<RfmFilter>) => table.setFilters((f) => ({ ...f, ...patch }));
  const filtered = !!(filters.segment || filters.r || filters.f);

  const columns: TableColumnsType<RfmRow> = [
    {
      title: t('rfm.col.customer'),
      dataIndex: 'customerId',
      key: 'customer',
      render: (id: string, row) => <CustomerLink id={id} name={row.displayName} />,
    },
    {
      title: t('rfm.col.recency'),
      dataIndex: 'recencyDays',
      key: 'recency',
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : formatNumber(v, lang)),
    },
    { title: t('rfm.col.frequency'), dataIndex: 'frequency', key: 'frequency', align: 'right' },
    {
      title: t('rfm.col.monetary'),
      dataIndex: 'monetary',
      key: 'monetary',
      align: 'right',
      className: 'll-nowrap',
      render: (v: RfmRow['monetary']) => formatMoney(v, null, lang),
    },
    {
      title: t('rfm.col.scores'),
      key: 'scores',
      className: 'll-nowrap',
      render: (_, row) =>
        row.r === null ? (
          <Typography.Text type="secondary">{t('rfm.noPurchase')}</Typography.Text>
        ) : (
          <span className="ll-mono" data-testid="rfm-row-scores">
            R{row.r} F{row.f} M{row.m}
          </span>
        ),
    },
    {
      title: t('rfm.col.segment'),
      dataIndex: 'segment',
      key: 'segment',
      render: (v: RfmSegment | null) => (v ? <Tag color={SEGMENT_COLORS[v]}>{segmentLabel(tr, v)}</Tag> : '—'),
    },
    {
      title: t('rfm.col.quadrant'),
      dataIndex: 'quadrant',
      key: 'quadrant',
      render: (v: string | null) => (v ? <Tag color={QUADRANT_COLORS[v]}>{quadrantLabel(tr, v)}</Tag> : '—'),
    },
  ];

  const scoreOptions = SCORE_VALUES.map((s) => ({ value: s, label: String(s) }));

  return (
    <>
      <Flex gap={8} wrap align="center" className="ll-filters">
        <Select<RfmSegment>
          allowClear
          placeholder={t('rfm.filterSegment')}
          style={{ width: 200 }}
          value={filters.segment}
          onChange={(segment) => set({ segment })}
          options={RFM_SEGMENTS.map((s) => ({ value: s, label: segmentLabel(tr, s) }))}
          data-testid="rfm-filter-segment"
        />
        <Select<number>
          allowClear
          placeholder={t('rfm.filterR')}
          style={{ width: 90 }}
          value={filters.r}
          onChange={(r) => set({ r })}
          options={scoreOptions}
          data-testid="rfm-filter-r"
        />
        <Select<number>
          allowClear
          placeholder={t('rfm.filterF')}
          style={{ width: 90 }}
          value={filters.f}
          onChange={(f) => set({ f })}
          options={scoreOptions}
          data-testid="rfm-filter-f"
        />
        {(filters.r || filters.f) && (
          <Tag
            color="processing"
            closable
            closeIcon={<CloseOutlined />}
            onClose={(e) => {
              e.preventDefault();
              set({ r: undefined, f: undefined });
            }}
            data-testid="rfm-cell-filter"
          >
            {t('rfm.cellFilter', { r: filters.r ?? '*', f: filters.f ?? '*' })}
          </Tag>
        )}
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={() => table.reload()} aria-label={t('common.refresh')} />
        </Tooltip>
        <div style={{ flex: 1 }} />
        <Space>
          <Button
            icon={<DownloadOutlined />}
            href={metricsApi.rfmCsvUrl({ asOf: filters.asOf, shopId: filters.shopId })}
            download
            data-testid="rfm-csv"
          >
            {t('rfm.csv')}
          </Button>
        </Space>
      </Flex>
      <Table<RfmRow>
        rowKey="customerId"
        size="middle"
        columns={columns}
        dataSource={table.items}
        loading={table.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <TableEmpty
              error={table.error}
              onRetry={() => table.reload()}
              description={filtered ? t('rfm.noMatch') : t('rfm.empty')}
            />
          ),
        }}
        data-testid="rfm-table"
      />
      <CursorPager table={table} />
    </>
  );
}
