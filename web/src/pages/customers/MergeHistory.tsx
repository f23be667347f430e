import { useState } from 'react';
import { App, Button, Popconfirm, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { SplitCellsOutlined } from '@ant-design/icons';
import { customersApi } from '../../api/services';
import type { MergeRecord } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { CustomerLink } from '../../components/CustomerLink';
import { TableEmpty } from '../../components/TableEmpty';
import { useApiError } from '../../hooks/useApiError';
import { useI18n } from '../../i18n/I18nProvider';
import { identityTypeLabel, sourceLabel } from '../../i18n/labels';
import { canUnmerge, shortId } from '../../lib/customer';
import { formatDateTime } from '../../lib/format';

/** Merges this customer took part in; an active merge into this customer can be undone. */
export function MergeHistory({
  customerId,
  merges,
  onChanged,
}: {
  customerId: string;
  merges: MergeRecord[];
  onChanged: () => void;
}) {
  const tr = useI18n();
  const { t } = tr;
  const { can } = useAuth();
  const canWrite = can('customer.write');
  const { message } = App.useApp();
  const showError = useApiError();
  const [busy, setBusy] = useState<number | null>(null);

  const unmerge = async (m: MergeRecord) => {
    setBusy(m.id);
    try {
      await customersApi.unmerge(m.mergedId);
      message.success(t('merge.unmerged', { id: shortId(m.mergedId) }));
      onChanged();
    } catch (err) {
      showError(err);
      onChanged(); // e.g. 409: someone else undid it already
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<MergeRecord> = [
    {
      title: t('merge.col.mergedAt'),
      dataIndex: 'mergedAt',
      key: 'mergedAt',
      className: 'll-nowrap',
      render: formatDateTime,
    },
    {
      title: t('merge.col.survivor'),
      dataIndex: 'survivorId',
      key: 'survivorId',
      render: (id: string) => <CustomerLink id={id} self={id === customerId} />,
    },
    {
      title: t('merge.col.merged'),
      dataIndex: 'mergedId',
      key: 'mergedId',
      render: (id: string) => <CustomerLink id={id} self={id === customerId} />,
    },
    {
      title: t('merge.col.identity'),
      key: 'identity',
      render: (_, m) =>
        m.identityType ? (
          <Space size={4} className="ll-nowrap">
            <span>{identityTypeLabel(tr, m.identityType)}</span>
            {m.identityMasked && <span className="ll-mono">{m.identityMasked}</span>}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('merge.col.reason'),
      dataIndex: 'reason',
      key: 'reason',
      render: (v: string | null) => <div style={{ minWidth: 160, maxWidth: 280 }}>{v || '—'}</div>,
    },
    {
      title: t('merge.col.source'),
      dataIndex: 'source',
      key: 'source',
      render: (v: string | null) => (v ? sourceLabel(tr, v) : '—'),
    },
    {
      title: t('merge.col.actor'),
      dataIndex: 'actor',
      key: 'actor',
      render: (v: string | null) => v || <Typography.Text type="secondary">{t('merge.automatic')}</Typography.Text>,
    },
    {
      title: t('merge.col.status'),
      key: 'status',
      render: (_, m) =>
        m.unmergedAt ? (
          <Tooltip
            title={t('merge.unmergedAt', { time: formatDateTime(m.unmergedAt), actor: m.unmergedBy ?? t('merge.automatic') })}
          >
            <Tag>{t('merge.status.unmerged')}</Tag>
          </Tooltip>
        ) : (
          <Tag color="green">{t('merge.status.active')}</Tag>
        ),
    },
  ];

  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, m) =>
        canUnmerge(m, customerId) ? (
          <Popconfirm
            title={t('merge.confirmUnmergeTitle')}
            description={<div style={{ maxWidth: 320 }}>{t('merge.confirmUnmerge', { id: shortId(m.mergedId) })}</div>}
            onConfirm={() => unmerge(m)}
            okText={t('merge.unmerge')}
            cancelText={t('common.cancel')}
          >
            <Button
              type="link"
              size="small"
              icon={<SplitCellsOutlined />}
              loading={busy === m.id}
              data-testid="customer-unmerge"
            >
              {t('merge.unmerge')}
            </Button>
          </Popconfirm>
        ) : null,
    });
  }

  return (
    <Table<MergeRecord>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={merges}
      pagination={merges.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      rowClassName={(m) => (m.unmergedAt ? 'll-row-muted' : '')}
      locale={{ emptyText: <TableEmpty description={t('merge.empty')} /> }}
      data-testid="customer-merges"
    />
  );
}
