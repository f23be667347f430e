import { useCallback } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Flex, Input, Select, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { segmentsApi, type Segment, type SegmentFilter } from '../../api/segments';
import { useAuth } from '../../auth/AuthContext';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { TableEmpty } from '../../components/TableEmpty';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime, formatNumber } from '../../lib/format';
import { Sparkline } from './SizeChart';

/** Segments: search, kind filter, counts and a size trend. */
export default function SegmentsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const fetchPage = useCallback(
    (f: SegmentFilter, p: { limit: number; cursor: string | null }, signal: AbortSignal) => segmentsApi.list(f, p, signal),
    [],
  );
  const table = useCursorTable<Segment, SegmentFilter>(fetchPage, {});
  const columns: TableColumnsType<Segment> = [
    {
      title: t('segment.field.name'),
      key: 'name',
      render: (_, s) => (
        <Link to={`/segments/${s.id}`} data-testid="segment-link">
          {s.name}
        </Link>
      ),
    },
    {
      title: t('segment.kind'),
      dataIndex: 'kind',
      render: (k: string) => <Tag color={k === 'dynamic' ? 'blue' : 'default'}>{t(k === 'dynamic' ? 'segment.kind.dynamic' : 'segment.kind.static')}</Tag>,
    },
    { title: t('segment.members'), dataIndex: 'memberCount', align: 'right', render: (n: number) => formatNumber(n) },
    { title: t('segment.trend'), key: 'trend', render: (_, s) => <Sparkline values={s.trend} /> },
    { title: t('segment.lastRefreshed'), dataIndex: 'lastRefreshedAt', className: 'll-nowrap', render: (v: string | null) => (v ? formatDateTime(v) : t('common.never')) },
    { title: t('segment.updatedBy'), key: 'updated', render: (_, s) => `${s.updatedBy ?? '—'} · ${formatDateTime(s.updatedAt)}` },
  ];
  return (
    <>
      <PageHeader
        title={t('segment.list.title')}
        subtitle={t('segment.list.subtitle')}
        extra={
          can('segment.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/segments/new')} data-testid="segments-new">
              {t('segment.new.title')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('segment.search')}
            style={{ width: 260 }}
            onSearch={(q) => table.setFilters((f) => ({ ...f, q: q || undefined }))}
            data-testid="segments-search"
          />
          <Select
            allowClear
            placeholder={t('segment.kind')}
            style={{ width: 160 }}
            options={[
              { value: 'dynamic', label: t('segment.kind.dynamic') },
              { value: 'static', label: t('segment.kind.static') },
            ]}
            onChange={(kind) => table.setFilters((f) => ({ ...f, kind }))}
          />
        </Flex>
        <Table
          rowKey="id"
          size="middle"
          loading={table.loading}
          dataSource={table.items}
          columns={columns}
          pagination={false}
          locale={{ emptyText: <TableEmpty error={table.error} onRetry={() => table.reload()} /> }}
          data-testid="segments-table"
        />
        <CursorPager table={table} />
      </Card>
    </>
  );
}
