import { useEffect } from 'react';
import { Button, Card, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { importsApi } from '../../api/services';
import { isImportActive, isImportFinished, type ImportStatus, type ImportView } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { ImportStatusTag } from '../../components/ImportStatusTag';
import { ShopLabel } from '../../components/ShopLabel';
import { TableEmpty } from '../../components/TableEmpty';
import { useCursorTable } from '../../hooks/useCursorTable';
import { useImportProfiles } from '../../hooks/useImportProfiles';
import { useI18n } from '../../i18n/I18nProvider';
import { importProfileLabel } from '../../i18n/labels';
import { formatDateTime, formatNumber } from '../../lib/format';
import { formatBytes } from '../../lib/imports';

const REFRESH_SECONDS = 2;

/** Past and running imports, newest first, each linking to its review, progress or report (`imports-table`). */
export function ImportHistory() {
  const tr = useI18n();
  const { t, lang } = tr;
  const { byId: profiles } = useImportProfiles();
  const table = useCursorTable<ImportView, object>((f, p, signal) => importsApi.list(f, p, signal), {}, 10);
  const anyActive = table.items.some(isImportActive);
  const { reload } = table;

  // live counters: refresh quietly while an import is queued or running
  useEffect(() => {
    if (!anyActive) return undefined;
    const timer = setInterval(() => reload({ silent: true }), REFRESH_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [anyActive, reload]);

  const n = (v: number) => formatNumber(v, lang);

  const columns: TableColumnsType<ImportView> = [
    {
      title: t('imports.col.file'),
      dataIndex: 'fileName',
      key: 'fileName',
      render: (name: string, v) => (
        <div style={{ minWidth: 160, maxWidth: 320 }}>
          <Link to={`/imports/${encodeURIComponent(v.id)}`} data-testid="imports-open">
            {name}
          </Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {formatBytes(v.fileSize, lang)}
            {v.format ? ` · ${v.format}` : ''}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('imports.col.shop'), dataIndex: 'shopId', key: 'shopId', render: (id: string) => <ShopLabel shopId={id} /> },
    {
      title: t('imports.col.profile'),
      dataIndex: 'profile',
      key: 'profile',
      className: 'll-nowrap',
      render: (p: string | null) => (p ? importProfileLabel(tr, p, profiles.get(p)?.name) : '—'),
    },
    {
      title: t('imports.col.status'),
      dataIndex: 'status',
      key: 'status',
      render: (s: ImportStatus) => <ImportStatusTag status={s} />,
    },
    {
      title: t('imports.col.lines'),
      key: 'lines',
      align: 'right',
      className: 'll-nowrap',
      render: (_, v) =>
        isImportFinished(v) || v.linesRead > 0 ? (
          <span data-testid="imports-lines">
            {n(v.linesRead)}
            {v.linesRejected > 0 && (
              <Tooltip title={t('imports.col.rejectedHelp')}>
                <Typography.Text type="danger"> / {n(v.linesRejected)}</Typography.Text>
              </Tooltip>
            )}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('imports.col.orders'),
      key: 'orders',
      align: 'right',
      className: 'll-nowrap',
      render: (_, v) =>
        isImportFinished(v) ? (
          <Tooltip title={t('imports.col.ordersHelp')}>
            {n(v.ordersCreated)} / {n(v.ordersUpdated)}
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('imports.col.created'),
      key: 'created',
      className: 'll-nowrap',
      render: (_, v) => (
        <div>
          <div>{formatDateTime(v.createdAt)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {v.createdBy ?? '—'}
          </Typography.Text>
        </div>
      ),
    },
  ];

  return (
    <Card
      className="ll-table-card"
      title={t('imports.history')}
      extra={
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={() => table.reload()} aria-label={t('common.refresh')} />
        </Tooltip>
      }
    >
      <Table<ImportView>
        rowKey="id"
        columns={columns}
        dataSource={table.items}
        loading={table.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <TableEmpty error={table.error} onRetry={() => table.reload()} description={t('imports.empty')} /> }}
        data-testid="imports-table"
      />
      <CursorPager table={table} />
    </Card>
  );
}
