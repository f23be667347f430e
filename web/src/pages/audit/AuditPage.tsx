import { useEffect, useState } from 'react';
import { Button, Card, DatePicker, Flex, Input, Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ExportOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { auditApi } from '../../api/services';
import type { AuditEvent, AuditFilter } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useI18n } from '../../i18n/I18nProvider';
import { auditActionLabel } from '../../i18n/labels';
import { DATE_TIME, formatDateTime } from '../../lib/format';
import { ExportProgressModal } from './ExportProgressModal';

/** Colour of an action tag by what kind of event it is. */
function actionColor(action: string): string {
  if (action.includes('FAILED') || action.includes('LOCKED') || action.includes('DISABLED') || action.includes('REVOKED')) return 'red';
  if (action.startsWith('LOGIN') || action === 'LOGOUT') return 'blue';
  if (action.startsWith('PASSWORD')) return 'gold';
  if (action === 'PII_READ' || action === 'AUDIT_EXPORTED') return 'purple';
  return 'geekblue';
}

type Range = [Dayjs | null, Dayjs | null] | null;

export default function AuditPage() {
  const tr = useI18n();
  const { t } = tr;
  const showError = useApiError();
  const table = useCursorTable<AuditEvent, AuditFilter>((f, p, signal) => auditApi.list(f, p, signal), {});
  const [actions, setActions] = useState<string[]>([]);
  const [actor, setActor] = useState('');
  const [range, setRange] = useState<Range>(null);
  const [exporting, setExporting] = useState(false);
  const [exportJobId, setExportJobId] = useState<string | null>(null);

  useEffect(() => {
    auditApi.actions().then(setActions).catch(showError);
  }, [showError]);

  const onRange = (r: Range) => {
    setRange(r);
    table.setFilters((f) => ({
      ...f,
      from: r?.[0]?.toISOString() ?? undefined,
      to: r?.[1]?.toISOString() ?? undefined,
    }));
  };

  const startExport = async () => {
    setExporting(true);
    try {
      const { jobId } = await auditApi.exportCsv(table.filters);
      setExportJobId(jobId);
    } catch (err) {
      showError(err);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.col.time'), dataIndex: 'occurredAt', key: 'occurredAt', className: 'll-nowrap', render: formatDateTime },
    {
      title: t('audit.col.action'),
      dataIndex: 'action',
      key: 'action',
      render: (a: string) => (
        <Tooltip title={a}>
          <Tag color={actionColor(a)}>{auditActionLabel(tr, a)}</Tag>
        </Tooltip>
      ),
    },
    {
      title: t('audit.col.actor'),
      dataIndex: 'actorUsername',
      key: 'actor',
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('audit.col.target'),
      key: 'target',
      render: (_, e) =>
        e.targetType || e.targetLabel ? (
          <span>
            {e.targetType && <Typography.Text type="secondary">{e.targetType} </Typography.Text>}
            {e.targetLabel ?? e.targetId}
          </span>
        ) : (
          '—'
        ),
    },
    { title: t('audit.col.ip'), dataIndex: 'ip', key: 'ip', className: 'll-nowrap', render: (v: string | null) => v ?? '—' },
    {
      title: t('audit.col.detail'),
      dataIndex: 'detail',
      key: 'detail',
      render: (v: string | null) =>
        v ? (
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ margin: 0, maxWidth: 420 }}>
            {v}
          </Typography.Paragraph>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={
          <Button icon={<ExportOutlined />} loading={exporting} onClick={() => void startExport()} data-testid="audit-export">
            {t('audit.export')}
          </Button>
        }
      />
      <Card className="ll-table-card">
        <Flex gap={8} wrap className="ll-filters">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('audit.filter.action')}
            style={{ width: 200 }}
            value={table.filters.action}
            onChange={(action?: string) => table.setFilters((f) => ({ ...f, action }))}
            options={actions.map((a) => ({ value: a, label: auditActionLabel(tr, a) }))}
            data-testid="audit-filter-action"
          />
          <Input.Search
            allowClear
            placeholder={t('audit.filter.actor')}
            style={{ width: 200 }}
            value={actor}
            onChange={(e) => {
              setActor(e.target.value);
              if (!e.target.value && table.filters.actor) table.setFilters((f) => ({ ...f, actor: undefined }));
            }}
            onSearch={(v) => table.setFilters((f) => ({ ...f, actor: v.trim() || undefined }))}
            data-testid="audit-filter-actor"
          />
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format={DATE_TIME.replace(':ss', '')}
            value={range}
            onChange={(r) => onRange(r as Range)}
            allowEmpty={[true, true]}
            placeholder={[t('audit.filter.start'), t('audit.filter.end')]}
          />
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={() => table.reload()} aria-label={t('common.refresh')} />
          </Tooltip>
        </Flex>
        <Table<AuditEvent>
          rowKey="id"
          columns={columns}
          dataSource={table.items}
          loading={table.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="audit-table"
        />
        <CursorPager table={table} />
      </Card>
      <ExportProgressModal jobId={exportJobId} onClose={() => setExportJobId(null)} />
    </>
  );
}
